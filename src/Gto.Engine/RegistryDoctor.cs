using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gto.Engine.Config;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.State;

namespace Gto.Engine
{
    /// <summary>Finds what GTO's <c>doctor</c> would trip over, and what it silently ignores, as one object per problem.</summary>
    internal sealed class RegistryDoctor
    {
        private readonly string _repository;
        private readonly IReadOnlyList<TagRef> _tags;
        private readonly IReadOnlyList<ArtifactState> _artifacts;

        private RegistryDoctor(RegistrySnapshot snapshot)
        {
            _repository = snapshot.Context.Location;
            _tags = snapshot.Tags;
            _artifacts = snapshot.Artifacts;
        }

        /// <summary>
        /// GTO <c>doctor</c>: every problem of the registry at <paramref name="path"/>, one object each, then the
        /// assignments its promotion policy does not count.
        /// </summary>
        /// <param name="progress">Told (done, total) while every version's commit is read.</param>
        /// <param name="cancellation">Stops the tag read and the commit reads between two versions (OperationCanceledException).</param>
        public static List<Diagnostic> Diagnose(string path, string? location = null, Action<int, int>? progress = null,
            CancellationToken cancellation = default)
        {
            var problems = new List<Diagnostic>();
            Registry registry;
            try
            {
                registry = Registry.Open(path, location, cancellation);
            }
            catch (GtoException ex) when (ex.ErrorId == "InvalidConfig")
            {
                // Report the config and go on with defaults, so one bad file does not hide every other problem.
                problems.Add(new Diagnostic
                {
                    Repository = System.IO.Path.GetDirectoryName(ex.Target as string) ?? "", Level = DiagnosticSeverity.Error,
                    Id = "InvalidConfig", Target = ex.Target as string ?? RegistryConfig.FileName, Message = ex.Message,
                });
                registry = Registry.Open(path, location, RegistryConfig.Default, cancellation);
            }
            using (registry)
            {
                // Read every version's commit so damaged annotation files anywhere in the registry are found.
                var versions = registry.Snapshot.Artifacts.SelectMany(a => a.Versions).ToList();
                for (int i = 0; i < versions.Count; i++)
                {
                    _ = versions[i].Enrichments;
                    if (i % 100 == 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        progress?.Invoke(i, versions.Count);
                    }
                }
                problems.AddRange(new RegistryDoctor(registry.Snapshot).Run(registry.Warnings));
                // Governance hook: every assignment the promotion policy does not count (docs/governance.md#test-gtoregistry).
                problems.AddRange(Governance.PolicyDiagnostics.Run(registry.Snapshot, cancellation));
            }
            return problems;
        }

        private List<Diagnostic> Run(IEnumerable<Diagnostic> readWarnings)
        {
            // Stage tags skipped for ambiguity are covered by the per-commit check below.
            var result = readWarnings.Where(w => w.Id != "ManyVersionsOnCommit").ToList();
            foreach (var tag in _tags)
            {
                var name = tag.Name;
                var match = TagNames.TryParse(name, out _);
                if (match == TagNames.Match.Tag && tag.Annotated == null)
                    result.Add(Problem(DiagnosticSeverity.Warning, "LightweightTag", name,
                        $"The tag '{name}' is lightweight, so GTO ignores it (it still counts for #N counters). " +
                        $"Recreate it annotated: git tag -f -a '{name}' -m '<message>' '{name}'"));
                else if (match == TagNames.Match.None && LooksLikeGto(name))
                    result.Add(Problem(DiagnosticSeverity.Warning, "MalformedTag", name,
                        $"The tag '{name}' looks like a GTO tag but does not follow the grammar (e.g. 'name@v1.2.3', " +
                        "'name#stage#3'), so it is ignored. Delete or rename it if it was meant for the registry."));
            }
            foreach (var artifact in _artifacts)
                foreach (var group in artifact.Versions.Where(v => !v.Discovered).GroupBy(v => v.Commit).Where(g => g.Count() > 1))
                    result.Add(Problem(DiagnosticSeverity.Error, "ManyVersionsOnCommit", group.Key,
                        artifact.ManyVersionsMessage(group) + " GTO 1.10 fails once a stage tag or registration touches this commit; deregister one of the versions."));
            return result;
        }

        private Diagnostic Problem(DiagnosticSeverity severity, string id, string target, string message) =>
            new Diagnostic { Repository = _repository, Level = severity, Id = id, Target = target, Message = message };

        // An artifact-like prefix followed by '@' or '#': what someone writing a GTO tag by hand produces.
        private static bool LooksLikeGto(string name)
        {
            int at = name.IndexOfAny(new[] { '@', '#' });
            return at > 0 && Names.IsValidFullName(Names.FromTagPart(name.Substring(0, at)));
        }
    }
}
