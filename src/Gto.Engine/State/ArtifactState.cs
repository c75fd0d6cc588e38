using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.State
{
    /// <summary>One artifact: its version objects (in creation order) and deprecations.</summary>
    internal sealed class ArtifactState
    {
        public ArtifactState(string name) => Name = name;

        public string Name { get; }
        public List<VersionState> Versions { get; } = new List<VersionState>();
        public List<DeprecationEvent> Deprecations { get; } = new List<DeprecationEvent>();

        /// <summary>The stage map of the default view, cached by <see cref="Queries.StateQueries.StageMap"/>.</summary>
        public List<KeyValuePair<string, List<StageState>>>? DefaultStageMap { get; set; }

        /// <summary>All events newest first; version events follow deprecations in the input, so they win ties (docs/registry-state.md#q4-one-second-ties).</summary>
        public List<RegistryEvent> Events() =>
            EventOrder.Descending(Deprecations.Cast<RegistryEvent>().Concat(Versions.SelectMany(v => v.Events())));

        /// <summary>All events oldest first: GTO's get_events(ascending=True), which --delete uses.</summary>
        public List<RegistryEvent> EventsAscending() =>
            EventOrder.Ascending(Deprecations.Cast<RegistryEvent>().Concat(Versions.SelectMany(v => v.Events())));

        /// <summary>Tag events only, in the order of <see cref="Events"/> (see <see cref="VersionState.TagEvents"/>).</summary>
        public List<RegistryEvent> TagEvents() =>
            EventOrder.Descending(Deprecations.Cast<RegistryEvent>().Concat(Versions.SelectMany(v => v.TagEvents())));

        public bool IsActive
        {
            get
            {
                // Without a deprecation the newest event cannot be one, and every version object has an event.
                if (Deprecations.Count == 0) return Versions.Count > 0;
                var events = Events();
                return events.Count > 0 && !(events[0] is DeprecationEvent);
            }
        }

        /// <summary>Some GTO tag exists for the artifact (else it is known only from its annotation).</summary>
        public bool IsRegistered =>
            Deprecations.Count > 0 || Versions.Any(v => v.Registrations.Count > 0 || v.Deregistrations.Count > 0 || v.Stages.Count > 0);

        /// <summary>GTO's ManyVersions sentence, for the several tagged versions of this artifact on one commit.</summary>
        public string ManyVersionsMessage(IEnumerable<VersionState> versions) =>
            "Multiple versions are not allowed on the same Git commit. Violation detected for artifact " +
            $"'{Name}', versions '{Config.RegistryConfig.PythonList(versions.Select(v => v.Name))}'.";

        /// <summary>Non-discovered version objects at a commit.</summary>
        public List<VersionState> TaggedVersionsAt(string commit) =>
            Versions.Where(v => !v.Discovered && v.Commit == commit).ToList();
    }
}
