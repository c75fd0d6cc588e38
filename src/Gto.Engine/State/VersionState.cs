using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Naming;

namespace Gto.Engine.State
{
    /// <summary>One version object of an artifact: GTO's Version. Several objects can share a name (docs/registry-state.md#q2-duplicate-version-objects).</summary>
    internal sealed class VersionState
    {
        private readonly Func<VersionState, CommitEvent?> _readCommit;
        private List<CommitEvent>? _enrichments;
        private IReadOnlyList<RegistryEvent>? _direct;
        private SemVer? _semver;
        private bool _semverParsed;

        /// <param name="readCommit">Makes the version's Commit event; called only when something needs it.</param>
        public VersionState(string artifact, string name, string commit, Func<VersionState, CommitEvent?> readCommit)
        {
            Artifact = artifact;
            Name = name;
            Commit = commit;
            _readCommit = readCommit;
        }

        public string Artifact { get; }
        /// <summary>The version name: a SemVer, or the full commit SHA for a version no tag registered.</summary>
        public string Name { get; }
        public string Commit { get; }
        public List<RegistrationEvent> Registrations { get; } = new List<RegistrationEvent>();
        public List<DeregistrationEvent> Deregistrations { get; } = new List<DeregistrationEvent>();
        /// <summary>Stages in the order they were first seen.</summary>
        public List<StageState> Stages { get; } = new List<StageState>();

        /// <summary>
        /// The Commit event of the version's own commit. GTO adds exactly one per version object (its pass over every
        /// version, and its HEAD pass only ever re-adds an equal one), so it is read lazily: listing artifacts reads no commit.
        /// </summary>
        public List<CommitEvent> Enrichments
        {
            get
            {
                if (_enrichments == null)
                {
                    var e = _readCommit(this);
                    _enrichments = e == null ? new List<CommitEvent>() : new List<CommitEvent> { e };
                }
                return _enrichments;
            }
        }

        /// <summary>The name as a SemVer, or null for a SHA-named version.</summary>
        public SemVer? SemVer
        {
            get
            {
                if (!_semverParsed)
                {
                    _semver = Naming.SemVer.TryParse(Name, out var v) ? v : null;
                    _semverParsed = true;
                }
                return _semver;
            }
        }

        public bool IsRegistered => Registrations.Count > 0;

        /// <summary>No registration and no deregistration: known only from a stage tag or an annotation.</summary>
        public bool Discovered => Registrations.Count == 0 && Deregistrations.Count == 0;

        // Stages by name: a version may hold thousands of stages, and every stage tag looks its stage up.
        private readonly Dictionary<string, StageState> _stagesByName = new Dictionary<string, StageState>(StringComparer.Ordinal);

        public StageState Stage(string stage)
        {
            if (!_stagesByName.TryGetValue(stage, out var s))
            {
                s = new StageState(this, stage);
                Stages.Add(s);
                _stagesByName[stage] = s;
            }
            return s;
        }

        public IReadOnlyList<RegistryEvent> DirectEvents() =>
            _direct ??= EventOrder.Descending(Registrations.Cast<RegistryEvent>().Concat(Deregistrations));

        /// <summary>GTO's concatenation: direct events, the commit event, then each stage's events newest first.</summary>
        private IEnumerable<RegistryEvent> Concatenated(bool withCommit) =>
            Registrations.Cast<RegistryEvent>().Concat(Deregistrations)
                .Concat(withCommit ? Enrichments : Enumerable.Empty<RegistryEvent>())
                .Concat(Stages.SelectMany(s => s.Events()));

        /// <summary>All events, newest first, in GTO's concatenation order for ties (docs/registry-state.md#ties).</summary>
        public List<RegistryEvent> Events() => EventOrder.Descending(Concatenated(true));

        /// <summary>All events, oldest first: GTO's get_events(ascending=True), which --delete uses.</summary>
        public List<RegistryEvent> EventsAscending() => EventOrder.Ascending(Concatenated(true));

        /// <summary>
        /// The tag events in the order of <see cref="Events"/>. Leaving the Commit event out before a stable sort keeps
        /// the relative order of the rest, so history needs no commit read.
        /// </summary>
        public List<RegistryEvent> TagEvents() => EventOrder.Descending(Concatenated(false));

        /// <summary>The newest direct event decides; with none, any stage or commit event makes the version active.</summary>
        public bool IsActive
        {
            get
            {
                var direct = DirectEvents();
                if (direct.Count > 0) return direct[0] is RegistrationEvent;
                return Stages.Count > 0 || Enrichments.Count > 0;
            }
        }

        /// <summary>The earliest registration (docs/registry-state.md#q24-activation-time-and-authoring-event), else the oldest event.</summary>
        public DateTimeOffset? ActivatedAt
        {
            get
            {
                if (Registrations.Count > 0) return Registrations[0].CreatedAt;
                var all = Events();
                return all.Count > 0 ? all[all.Count - 1].CreatedAt : (DateTimeOffset?)null;
            }
        }

        /// <summary>The newest registration, else the newest indirect event, else the newest event (docs/registry-state.md#derived-properties).</summary>
        public RegistryEvent? Authoring
        {
            get
            {
                var direct = DirectEvents();
                var addition = direct.FirstOrDefault(e => e is RegistrationEvent);
                if (addition != null) return addition;
                var indirect = EventOrder.Descending(Enrichments.Cast<RegistryEvent>().Concat(Stages.SelectMany(s => s.Events())));
                if (indirect.Count > 0) return indirect[0];
                return direct.FirstOrDefault();
            }
        }

        /// <param name="currentAnnotation">The artifact's annotation at HEAD.</param>
        public ArtifactVersion ToModel(string repository, bool artifactRegistered, IReadOnlyList<StageState> viewStages, Annotation? currentAnnotation) =>
            new ArtifactVersion(Authoring!)
            {
                Repository = repository, Artifact = Artifact, IsArtifactRegistered = artifactRegistered, Version = Name, Commit = Commit,
                Annotation = Enrichments.Count > 0 ? Enrichments[Enrichments.Count - 1].Annotation : null,
                CurrentAnnotation = currentAnnotation,
                StageDetails = new StageDetailList(viewStages.Select(s => s.ToModel(repository))),
                Assignments = Bare(EventOrder.Ascending(viewStages.SelectMany(s => s.Assignments))),
                Unassignments = Bare(EventOrder.Ascending(viewStages.SelectMany(s => s.Unassignments))),
                Registrations = Bare(Registrations), Deregistrations = Bare(Deregistrations), Enrichments = Bare(Enrichments),
                IsActive = IsActive, IsDiscovered = Discovered, ActivatedAt = ActivatedAt,
            };

        /// <summary>
        /// Copies of a version's events without their annotation: all of them are at the version's commit, whose
        /// annotation is the version's own, and leaving it out keeps the version whole at ConvertTo-Json's default depth.
        /// </summary>
        private static EventList<T> Bare<T>(IEnumerable<T> events) where T : RegistryEvent =>
            new EventList<T>(events.Select(e => (T)e.WithAnnotation(null)));
    }
}
