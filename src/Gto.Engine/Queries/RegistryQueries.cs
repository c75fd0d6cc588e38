using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Annotations;
using Gto.Engine.Naming;
using Gto.Engine.State;

namespace Gto.Engine.Queries
{
    /// <summary>
    /// GTO's read commands over one snapshot. Each query selects the state objects it returns first and builds model
    /// objects only for those: <c>name@latest</c> builds one version, <c>name#stage</c> the versions in that stage.
    /// Results derived from the whole snapshot (used stages, the sorted history) are computed once.
    /// </summary>
    internal sealed class RegistryQueries
    {
        private readonly RegistrySnapshot _snapshot;
        private readonly AnnotationResolver _annotations;
        private List<string>? _usedStages;
        private List<RegistryEvent>? _historyAscending;
        private List<RegistryEvent>? _historyDescending;
        private readonly HashSet<string> _prepared = new HashSet<string>(StringComparer.Ordinal);
        /// <summary>Reads an event's annotation when first asked for; one delegate shared by every event of the snapshot.</summary>
        private readonly Func<string, string, Annotation?> _deferred;

        public RegistryQueries(RegistrySnapshot snapshot, AnnotationResolver annotations)
        {
            _snapshot = snapshot;
            _annotations = annotations;
            _deferred = new DeferredAnnotations(snapshot.Context).At;
        }

        private string Location => _snapshot.Context.Location;

        /// <summary>Artifact names in GTO's state order.</summary>
        public IEnumerable<string> ArtifactNames => _snapshot.ArtifactNames;

        /// <summary>True when the artifact exists in the registry (tags or an annotation at HEAD).</summary>
        public bool HasArtifact(string name) => _snapshot.Find(name) != null;

        /// <summary>The stages shown as columns: the configured stages, or the stages in use, sorted.</summary>
        public IReadOnlyList<string> StageColumns() => _snapshot.Context.Config.Stages ?? UsedStages();

        private List<string> UsedStages() => _usedStages ??=
            _snapshot.Artifacts.SelectMany(StateQueries.UsedStages).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        /// <summary>GTO <c>show</c>: one object per artifact in state order; deprecated ones only when asked.</summary>
        public IEnumerable<Artifact> GetArtifacts(ViewOptions options)
        {
            var columns = StageColumns();
            foreach (var a in _snapshot.Artifacts)
            {
                if (!options.IncludeDeprecated && !a.IsActive) continue;
                var held = StateQueries.StageMap(a, options).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                var stages = new StageMap(columns.Select(stage => new StageVersions(stage,
                    held.TryGetValue(stage, out var h) ? h.Select(s => s.Version.Name) : Enumerable.Empty<string>())));
                yield return new Artifact
                {
                    Repository = Location, Name = a.Name, Latest = StateQueries.Latest(a, registeredOnly: true)?.Name, Stages = stages,
                    IsRegistered = a.IsRegistered, IsActive = a.IsActive, Annotation = _annotations.AtHead(a.Name),
                };
            }
        }

        /// <summary>GTO <c>show NAME</c>: the artifact's versions, greatest first, filtered like GTO's shortcuts.</summary>
        public List<ArtifactVersion> GetVersions(string artifact, ViewOptions options, VersionFilter? filter = null)
        {
            var a = Find(artifact);
            if (!options.IncludeDeprecated && !a.IsActive) return new List<ArtifactVersion>();
            var map = StateQueries.StageMap(a, options);
            var versions = StateQueries.Versions(a, new VersionSelection
            {
                ActiveOnly = !options.IncludeDeprecated, IncludeUnregistered = !options.RegisteredOnly, IncludeDiscovered = true,
            });
            IEnumerable<VersionState> kept = versions;
            if (filter?.Latest == true) kept = versions.Take(1);
            else if (filter != null)
            {
                if (filter.Version != null) kept = kept.Where(v => v.Name == filter.Version);
                if (filter.Stage != null)
                {
                    var holders = map.Where(e => e.Key == filter.Stage).SelectMany(e => e.Value).Select(s => s.Version.Name)
                        .ToHashSet(StringComparer.Ordinal);
                    kept = kept.Where(v => holders.Contains(v.Name));
                }
            }
            // A version's stages in the view are those of every object with its name (docs/registry-state.md#q2-duplicate-version-objects).
            var stagesByVersion = map.SelectMany(e => e.Value).ToLookup(s => s.Version.Name, StringComparer.Ordinal);
            var selected = kept.ToList();
            if (selected.Count == 0) return new List<ArtifactVersion>();
            Prepare(a);
            var current = _annotations.AtHead(a.Name);
            return selected.Select(v => v.ToModel(Location, a.IsRegistered, stagesByVersion[v.Name].ToList(), current)).ToList();
        }

        /// <summary>
        /// Readies the events of an artifact for output, once per snapshot: each reads its annotation when first asked
        /// (<see cref="DeferredAnnotations"/>), and each assignment knows whether it is the current one for its stage.
        /// </summary>
        private void Prepare(ArtifactState artifact)
        {
            if (!_prepared.Add(artifact.Name)) return;
            // The default view decides which assignment holds each stage now: the newest assignment of each version stage in it.
            var current = new HashSet<AssignmentEvent>(StateQueries.StageMap(artifact, ViewOptions.Default)
                .SelectMany(e => e.Value).Select(s => (AssignmentEvent)s.Events()[0]));
            foreach (var version in artifact.Versions)
            {
                foreach (var e in version.Registrations) e.LoadAnnotationWith(_deferred);
                foreach (var e in version.Deregistrations) e.LoadAnnotationWith(_deferred);
                foreach (var stage in version.Stages)
                {
                    foreach (var e in stage.Assignments)
                    {
                        e.LoadAnnotationWith(_deferred);
                        e.IsCurrent = current.Contains(e);
                    }
                    foreach (var e in stage.Unassignments) e.LoadAnnotationWith(_deferred);
                }
            }
            foreach (var e in artifact.Deprecations) e.LoadAnnotationWith(_deferred);
        }

        private ArtifactState Find(string name) => _snapshot.Find(name) ?? throw ArtifactNotFound(name);

        /// <summary>ArtifactNotFound for <paramref name="name"/>, naming the artifacts a typo away from it.</summary>
        public GtoException ArtifactNotFound(string name) =>
            new GtoException(GtoErrors.ArtifactNotFound,
                $"Cannot find artifact '{name}'.{ShortcutHint(name) ?? NearNames.Hint(name, ArtifactNames)} Run Get-GtoArtifact to list " +
                "the artifacts of this registry.", name);

        // 'churn@1.0.0' is not a shortcut (versions start with 'v'), so it was read as an artifact name.
        private string? ShortcutHint(string name)
        {
            var at = name.IndexOf('@');
            if (at <= 0 || !HasArtifact(name.Substring(0, at)) || !SemVer.IsValid("v" + name.Substring(at + 1))) return null;
            return $" Version names start with 'v': did you mean '{name.Substring(0, at)}@v{name.Substring(at + 1)}'?";
        }

        /// <summary>True for a stage .gto allows or some version holds.</summary>
        public bool IsKnownStage(string stage) =>
            _snapshot.Context.Config.Stages?.Contains(stage, StringComparer.Ordinal) == true || UsedStages().Contains(stage, StringComparer.Ordinal);

        /// <summary>StageNotFound for a stage neither allowed by .gto nor held by any version.</summary>
        public GtoException StageNotFound(string stage)
        {
            var known = (_snapshot.Context.Config.Stages ?? Array.Empty<string>()).Concat(UsedStages()).Distinct(StringComparer.Ordinal).ToList();
            var listed = known.Count == 0 ? "This registry has no stages yet." : $"The stages of this registry are {NearNames.Quoted(known)}.";
            return new GtoException(GtoErrors.StageNotFound,
                $"Cannot find stage '{stage}': .gto does not allow it and no version holds it.{NearNames.Hint(stage, known)} {listed}", stage);
        }

        /// <summary>
        /// Why a literal version or stage of <paramref name="filter"/> selected no version of <paramref name="artifact"/>
        /// (null: of any artifact, where only an unknown stage is an error), or null when the selection is not empty.
        /// </summary>
        public GtoException? WhyNothingSelected(string? artifact, ViewOptions options, VersionFilter filter)
        {
            if (filter.Stage != null && !IsKnownStage(filter.Stage)) return StageNotFound(filter.Stage);
            if (artifact == null) return null;
            var a = _snapshot.Find(artifact);
            if (a == null) return ArtifactNotFound(artifact);
            // An artifact that exists but shows no version (all deregistered, or deprecated) prints nothing, as in GTO.
            if (filter.Version == null && filter.Stage == null) return null;
            if (!options.IncludeDeprecated && !a.IsActive)
                return new GtoException(GtoErrors.ArtifactNotFound,
                    $"Artifact '{artifact}' is deprecated, so its versions are hidden; add -IncludeDeprecated to see them.", artifact);
            var all = StateQueries.Versions(a, new VersionSelection());
            if (filter.Version != null)
            {
                var named = all.FirstOrDefault(v => v.Name == filter.Version);
                if (named == null) return VersionNotFound(artifact, filter.Version, all.Select(v => v.Name).ToList());
                if (!named.IsActive && !options.IncludeDeprecated)
                    return new GtoException(GtoErrors.VersionNotFound,
                        $"Version '{filter.Version}' of '{artifact}' was deregistered, so it is hidden; add -IncludeDeprecated to see it.", filter.Version);
                if (filter.Stage == null) return null;
            }
            if (filter.Stage == null) return null;
            var of = filter.Version == null ? $"No version of '{artifact}'" : $"Version '{filter.Version}' of '{artifact}'";
            var nowhere = UsedStages().Contains(filter.Stage, StringComparer.Ordinal) ? ""
                : $" .gto allows stage '{filter.Stage}', but no version of any artifact holds it yet.";
            return new GtoException(GtoErrors.VersionNotFound, $"{of} is in stage '{filter.Stage}'.{nowhere}", filter.Stage);
        }

        /// <summary>VersionNotFound for <paramref name="version"/>, with the likely cause (see <see cref="VersionHint"/>).</summary>
        public static GtoException VersionNotFound(string artifact, string version, IReadOnlyList<string> known) =>
            new GtoException(GtoErrors.VersionNotFound,
                $"Version '{version}' of '{artifact}' is not registered.{VersionHint(artifact, version, known)}", version);

        /// <summary>Why a version name matches none of <paramref name="known"/>: a missing 'v', a typo, or which versions exist.</summary>
        public static string VersionHint(string artifact, string version, IReadOnlyList<string> known)
        {
            if (!version.StartsWith("v", StringComparison.Ordinal) && known.Contains("v" + version, StringComparer.Ordinal))
                return $" Version names start with 'v': did you mean 'v{version}'?";
            if (known.Count == 0) return $" '{artifact}' has no versions.";
            var near = NearNames.Of(version, known);
            return near.Count > 0 ? $" Did you mean {NearNames.Quoted(near, "or")}?"
                : $" Its versions include {NearNames.Quoted(known.Take(5).ToList())}" + (known.Count > 5 ? $" ({known.Count} in all)." : ".");
        }

        /// <summary>GTO <c>history</c>: every tag event, newest first (ties: higher priority first, then GTO's reversal).</summary>
        /// <remarks>The history is sorted once per snapshot, however many times a command asks.</remarks>
        public IReadOnlyList<RegistryEvent> GetHistory(bool ascending)
        {
            if (_historyAscending == null)
            {
                foreach (var a in _snapshot.Artifacts) Prepare(a);
                _historyAscending = _snapshot.Artifacts.SelectMany(a => a.TagEvents())
                    .OrderBy(e => e.CreatedAt.UtcTicks).ThenBy(e => e.Priority).ToList();
            }
            if (ascending) return _historyAscending;
            if (_historyDescending == null)
            {
                _historyDescending = new List<RegistryEvent>(_historyAscending);
                _historyDescending.Reverse();
            }
            return _historyDescending;
        }

        /// <summary>GTO <c>stages</c>: configured stages (or the used ones), with whether each is allowed and in use.</summary>
        public List<Stage> GetStages(bool allowedOnly = false, bool usedOnly = false)
        {
            var configured = _snapshot.Context.Config.Stages;
            var used = UsedStages();
            IEnumerable<string> names = allowedOnly ? (IEnumerable<string>?)configured ?? Array.Empty<string>()
                : usedOnly ? used : StageColumns();
            // Sets, not lists: a registry may hold a hundred thousand stages.
            var usedSet = new HashSet<string>(used, StringComparer.Ordinal);
            var allowed = configured == null ? null : new HashSet<string>(configured, StringComparer.Ordinal);
            return names.Select(n => new Stage
            {
                Repository = Location, Name = n, IsAllowed = allowed == null || allowed.Contains(n), IsInUse = usedSet.Contains(n),
            }).ToList();
        }

        /// <summary>
        /// GTO <c>check-ref</c>: the event a tag created, with the artifact's annotation at its commit; empty for
        /// branches, SHAs, unknown and lightweight tags.
        /// </summary>
        public List<RegistryEvent> CheckRef(string reference)
        {
            var tag = TagNames.StripRefPrefix(reference);
            if (TagNames.TryParse(tag, out var parsed) != TagNames.Match.Tag || !(_snapshot.Find(parsed.Artifact) is { } a))
                return new List<RegistryEvent>();
            Prepare(a);
            return a.TagEvents().Where(e => e.Tag == tag).Select(e => e.WithAnnotation(_annotations.At(e.Commit, e.Artifact))).ToList();
        }
    }
}
