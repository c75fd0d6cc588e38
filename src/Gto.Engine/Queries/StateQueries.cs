using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Naming;
using Gto.Engine.State;

namespace Gto.Engine.Queries
{
    /// <summary>GTO's queries over one artifact: version lists, latest, and which versions hold which stage (docs/registry-state.md#stages-of-an-artifact, docs/registry-state.md#version-lists-latest-and-greatest).</summary>
    internal static class StateQueries
    {
        /// <summary>GTO's version list of an artifact, selected and sorted as <paramref name="selection"/> says.</summary>
        public static List<VersionState> Versions(ArtifactState artifact, VersionSelection selection)
        {
            var kept = artifact.Versions.Where(v => !selection.ActiveOnly || (v.IsActive &&
                ((v.IsRegistered && !v.Discovered) || (selection.IncludeDiscovered && v.Discovered) ||
                 (selection.IncludeUnregistered && !v.IsRegistered))));
            return Sort(kept, selection.Sort);
        }

        /// <summary>GTO's sort_versions: semver names greatest first, then other names (SHAs), each reversed-stable.</summary>
        private static List<VersionState> Sort(IEnumerable<VersionState> versions, VersionSort sort)
        {
            var list = versions.ToList();
            if (sort == VersionSort.Timestamp)
            {
                var byTime = list.OrderBy(v => v.Authoring?.CreatedAt.UtcTicks ?? long.MinValue).ToList();
                byTime.Reverse();
                return byTime;
            }
            var semver = list.Where(v => v.SemVer != null).OrderBy(v => v.SemVer).ToList();
            semver.Reverse();
            var other = list.Where(v => v.SemVer == null).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
            other.Reverse();
            return semver.Concat(other).ToList();
        }

        /// <summary>The greatest active version; with <paramref name="registeredOnly"/>, registered versions only.</summary>
        public static VersionState? Latest(ArtifactState artifact, bool registeredOnly) =>
            Versions(artifact, new VersionSelection { ActiveOnly = true, IncludeUnregistered = !registeredOnly }).FirstOrDefault();

        /// <summary>GTO's get_vstages: an ordered map stage → the version stages shown in it.</summary>
        public static List<KeyValuePair<string, List<StageState>>> StageMap(ArtifactState artifact, ViewOptions o)
        {
            // The default view is needed for every artifact's columns too, so it is computed once per artifact.
            if (o.IsDefault) return artifact.DefaultStageMap ??= ComputeStageMap(artifact, o);
            return ComputeStageMap(artifact, o);
        }

        private static List<KeyValuePair<string, List<StageState>>> ComputeStageMap(ArtifactState artifact, ViewOptions o)
        {
            var versions = Versions(artifact, new VersionSelection { ActiveOnly = true, IncludeUnregistered = !o.RegisteredOnly, Sort = o.Sort });
            var items = new List<StageState>();
            foreach (var v in versions)
            {
                var active = v.Stages.Where(s => s.IsActive).OrderBy(s => s.ActivatedAt!.Value.UtcTicks).ToList();
                items.AddRange(o.AssignmentsPerVersion > -1 ? active.Take(o.AssignmentsPerVersion) : active);
            }
            if (o.Sort == VersionSort.Timestamp)
            {
                items = items.OrderBy(s => s.Authoring.CreatedAt.UtcTicks).ToList();
                items.Reverse();
            }
            // The map keeps first-seen stage order; the index keeps the lookup constant however many stages there are.
            var map = new List<KeyValuePair<string, List<StageState>>>();
            var index = new Dictionary<string, (List<StageState> Held, HashSet<string> Versions)>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (!index.TryGetValue(item.Stage, out var entry))
                {
                    entry = (new List<StageState>(), new HashSet<string>(StringComparer.Ordinal));
                    index[item.Stage] = entry;
                    map.Add(new KeyValuePair<string, List<StageState>>(item.Stage, entry.Held));
                }
                if (o.VersionsPerStage > -1 && entry.Held.Count >= o.VersionsPerStage) continue;
                if (entry.Versions.Add(item.Version.Name)) entry.Held.Add(item);
            }
            return map;
        }

        /// <summary>Stages currently held by active versions (GTO's unique_stages, computed with default options).</summary>
        public static IEnumerable<string> UsedStages(ArtifactState artifact) =>
            StageMap(artifact, ViewOptions.Default).Select(e => e.Key);
    }

    /// <summary>Which version objects of an artifact a version list holds, and in which order.</summary>
    internal sealed record VersionSelection
    {
        /// <summary>Only active versions (then the three kinds below decide); false keeps every version object.</summary>
        public bool ActiveOnly { get; init; }
        /// <summary>With <see cref="ActiveOnly"/>: also versions no registration tag names (GTO's include_non_explicit).</summary>
        public bool IncludeUnregistered { get; init; }
        /// <summary>With <see cref="ActiveOnly"/>: also versions known only from a stage tag or an annotation (GTO's include_discovered).</summary>
        public bool IncludeDiscovered { get; init; }
        public VersionSort Sort { get; init; } = VersionSort.SemVer;
    }
}
