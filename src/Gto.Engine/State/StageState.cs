using System;
using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.State
{
    /// <summary>
    /// One stage of one version object: GTO's VStage. Like every state object it is complete once the state is
    /// built, so derived lists are computed once and cached.
    /// </summary>
    internal sealed class StageState
    {
        private IReadOnlyList<RegistryEvent>? _events;

        public StageState(VersionState version, string stage)
        {
            Version = version;
            Stage = stage;
        }

        public VersionState Version { get; }
        public string Stage { get; }
        public List<AssignmentEvent> Assignments { get; } = new List<AssignmentEvent>();
        public List<UnassignmentEvent> Unassignments { get; } = new List<UnassignmentEvent>();

        /// <summary>Newest first; an unassignment in the same second as an assignment comes first (docs/registry-state.md#q4-one-second-ties).</summary>
        public IReadOnlyList<RegistryEvent> Events() =>
            _events ??= EventOrder.Descending(Assignments.Cast<RegistryEvent>().Concat(Unassignments));

        public bool IsActive => Events().Count > 0 && Events()[0] is AssignmentEvent;

        public DateTimeOffset? ActivatedAt => IsActive ? Events()[0].CreatedAt : (DateTimeOffset?)null;

        /// <summary>The newest assignment, else the newest event.</summary>
        public RegistryEvent Authoring => Events().FirstOrDefault(e => e is AssignmentEvent) ?? Events()[0];

        public VersionStage ToModel(string repository) => new VersionStage(Authoring)
        {
            Repository = repository, Artifact = Version.Artifact, Version = Version.Name, Commit = Version.Commit, Stage = Stage,
            IsActive = IsActive, ActivatedAt = ActivatedAt,
        };
    }
}
