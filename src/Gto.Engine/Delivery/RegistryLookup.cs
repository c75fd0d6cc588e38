using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Queries;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// Every question Save-GtoArtifact asks the registry, in one place: which version a name, stage or ref selects,
    /// and the annotation at that version's commit. Nothing else in delivery touches the registry's API.
    /// </summary>
    internal static class RegistryLookup
    {
        /// <summary>The version an artifact name selects: -Version, the version in -Stage, or the greatest one.</summary>
        public static DeliveryTarget ByName(Registry registry, string artifact, string? version, string? stage)
        {
            var filter = new VersionFilter { Version = version, Stage = stage, Latest = version == null && stage == null };
            var rows = registry.Queries.GetVersions(artifact, new ViewOptions(), filter);
            if (rows.Count == 0)
            {
                var what = version != null ? $"no version '{version}'" : stage != null ? $"no version in stage '{stage}'" : "no version";
                throw new GtoException(GtoErrors.VersionNotFound,
                    $"The artifact '{artifact}' has {what}. Run Get-GtoVersion {artifact} to list its versions and stages.", artifact);
            }
            return ForCommit(registry, rows[0].Artifact, rows[0].Version, rows[0].Commit);
        }

        /// <summary>The versions a GTO tag names (none for branches, SHAs and tags that are not the registry's).</summary>
        public static List<DeliveryTarget> ByRef(Registry registry, string reference) =>
            registry.Queries.CheckRef(reference).Where(e => e.Version != null)
                .Select(e => ForCommit(registry, e.Artifact, e.Version!, e.Commit)).ToList();

        /// <summary>A version known by its commit (a piped version or event): its annotation at that commit.</summary>
        public static DeliveryTarget ForCommit(Registry registry, string artifact, string version, string commit)
        {
            var sha = registry.Context.ResolveRevision(commit);
            var annotation = registry.Annotations.At(sha, artifact);
            return new DeliveryTarget
            {
                Repository = registry.Context.Location,
                Artifact = artifact,
                Version = version,
                Commit = sha,
                Path = FromRoot(annotation?.Path, annotation?.Source),
                Virtual = annotation?.Virtual ?? true,
            };
        }

        /// <summary>A dvc.yaml's paths are relative to its folder (as in DVC); artifacts.yaml's to the repository root.</summary>
        private static string? FromRoot(string? path, string? source)
        {
            if (path == null || source == null || !source.EndsWith("/dvc.yaml", StringComparison.Ordinal)) return path;
            return source.Substring(0, source.Length - "dvc.yaml".Length) + path;
        }

        /// <summary>The folder git runs in: the work tree, or the git directory of a bare repository or remote clone.</summary>
        public static string GitRoot(Registry registry) => registry.Context.Root;
    }
}
