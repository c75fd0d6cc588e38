using System;
using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.State
{
    /// <summary>One stage of one version object: GTO's VStage.</summary>
    internal sealed class StageState
    {
        public StageState(VersionState version, string stage)
        {
            Version = version;
            Stage = stage;
        }

        public VersionState Version { get; }
        public string Stage { get; }
        public List<AssignmentEvent> Assignments { get; } = new List<AssignmentEvent>();
        public List<UnassignmentEvent> Unassignments { get; } = new List<UnassignmentEvent>();

        /// <summary>Newest first; an unassignment in the same second as an assignment comes first (spec Q4).</summary>
        public List<RegistryEvent> Events() =>
            EventOrder.Descending(Assignments.Cast<RegistryEvent>().Concat(Unassignments));

        public bool IsActive
        {
            get
            {
                var events = Events();
                return events.Count > 0 && events[0] is AssignmentEvent;
            }
        }

        public DateTimeOffset? ActivatedAt => IsActive ? Events()[0].CreatedAt : (DateTimeOffset?)null;

        /// <summary>The newest assignment, else the newest event.</summary>
        public RegistryEvent Authoring
        {
            get
            {
                var events = Events();
                return events.FirstOrDefault(e => e is AssignmentEvent) ?? events[0];
            }
        }

        public VersionStage ToModel(string repository)
        {
            var v = Version;
            return new VersionStage(repository, v.Artifact, v.Name, v.Commit, Stage, Assignments.ToArray(),
                Unassignments.ToArray(), IsActive, ActivatedAt, Authoring);
        }
    }
}
