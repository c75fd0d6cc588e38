using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Naming;
using Gto.Engine.State;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// Decides the tags of GTO's write commands (docs/registry-state.md#write-commands) against a registry read under the write lock.
    /// The checks run in GTO's order, so the same error wins; nothing is written here.
    /// </summary>
    internal sealed class Planner
    {
        private readonly Registry _registry;

        public Planner(Registry registry) => _registry = registry;

        /// <summary>GTO <c>register</c>. <paramref name="simple"/> null is GTO's "auto" (simple for registrations).</summary>
        public TagChange Register(string name, string? revision, string? version, BumpPart? bump, int bumpCount,
            string? message, bool? simple, bool force)
        {
            Names.AssertFullName(name);
            CheckMessage(message);
            if (version == "") version = null; // GTO treats an empty --version as none
            if (bumpCount > 1 || (version != null && bumpCount > 0))
                throw Error(GtoErrors.AmbiguousVersion, "Need to specify either version or single bump argument");
            var commit = _registry.ResolveRevision(revision ?? "HEAD");
            var artifact = _registry.FindState(name);
            var atCommit = AtCommit(artifact, commit);
            if (atCommit != null)
            {
                if (atCommit.IsRegistered && atCommit.IsActive && !force)
                    throw Error(GtoErrors.VersionAlreadyRegistered,
                        $"'{name}' is already registered in this commit with version '{atCommit.Name}'");
                if (version == null) version = atCommit.Name;
                else if (version != atCommit.Name)
                    throw Error(GtoErrors.CommitHasOtherVersion, $"For this REF you can only register {atCommit.Name}");
            }
            if (version != null)
            {
                SemVer.AssertInRange(version);
                if (!SemVer.IsValid(version))
                    throw Error(GtoErrors.InvalidVersion, $"Supplied version '{version}' cannot be parsed");
                var named = artifact?.Versions.FirstOrDefault(v => !v.Discovered && v.Name == version);
                if (named != null && named != atCommit)
                    throw Error(GtoErrors.VersionExists, $"Version '{version}' already was registered.\n");
            }
            else
            {
                var last = artifact == null ? null : Queries.StateQueries.Latest(artifact, registeredOnly: true);
                // A registered version without a SemVer has a number too large for Gto (GTO can write one).
                if (last != null) version = (last.SemVer ?? throw SemVer.OutOfRange(last.Name)).Bump(bump ?? BumpPart.Patch).Text;
                else if (bumpCount > 0)
                    throw Error(GtoErrors.NothingToBump, "Can't apply bump, because this is the first version being registered");
                else version = SemVer.First.Text;
            }
            var tag = NewTag(name, TagAction.Register, version, null, useCounter: simple == false);
            return new TagChange(TagAction.Register, tag, commit, message ?? $"Registering artifact {name} version {version}", version);
        }

        /// <summary>
        /// GTO <c>assign</c>. With a revision, <paramref name="version"/> names the version registered there implicitly;
        /// without one, it selects an existing version.
        /// </summary>
        public WritePlan Assign(string name, string stage, string? version, string? revision, bool skipRegistration,
            string? message, bool? simple, bool force)
        {
            Names.AssertFullName(name);
            Names.AssertName(stage);
            _registry.Config.AssertStageAllowed(stage);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (version != null && !SemVer.IsValid(version)) throw NotValidVersion(version);
            if (revision != null && version != null && skipRegistration)
                throw Error(GtoErrors.VersionWithSkipRegistration, "You either need to supply version name or skip registration");
            var artifact = _registry.FindState(name);
            var changes = new List<TagChange>();
            VersionState? target;
            string commit, versionName;
            if (revision == null && version != null)
            {
                target = artifact?.Versions.FirstOrDefault(v => !v.Discovered && v.Name == version)
                         ?? throw Error(GtoErrors.VersionNotRegistered, $"Version '{version}' is not registered");
                commit = target.Commit;
                versionName = target.Name;
                // GTO writes this tag and only then fails on the commit's second version (docs/registry-state.md#q3-several-versions-on-one-commit); refuse before writing.
                AtCommit(artifact, commit);
            }
            else
            {
                commit = _registry.ResolveRevision(revision ?? "HEAD");
                target = AtCommit(artifact, commit);
                if (target != null && version != null)
                    throw Error(GtoErrors.CommitHasOtherVersion,
                        $"Can't register '{version}', since '{target.Name}' is registered already at this ref");
                if (target != null) versionName = target.Name;
                else if (skipRegistration) versionName = commit;
                else
                {
                    // GTO's implicit registration is always simple and uses the default message (docs/registry-state.md#q35-the-implicit-registration).
                    var registration = Register(name, commit, version, null, 0, null, simple: true, force: false);
                    changes.Add(registration);
                    versionName = registration.Version;
                }
            }
            if (!force && target != null && target.Stages.Any(s => s.Stage == stage && s.IsActive))
                throw Error(GtoErrors.StageAlreadyAssigned,
                    $"Version '{versionName}' is already in stage '{stage}'. Use the '--force' flag to create a new Git tag nevertheless.");
            var tag = NewTag(name, TagAction.Assign, null, stage, useCounter: simple != true);
            changes.Add(new TagChange(TagAction.Assign, tag, commit,
                message ?? $"Assigning stage {stage} to artifact {name} version {versionName}", versionName));
            return new WritePlan(changes);
        }

        /// <summary>GTO <c>deprecate NAME VERSION STAGE</c>.</summary>
        public WritePlan Unassign(string name, string version, string stage, string? message, bool? simple, bool force, bool delete)
        {
            Names.AssertFullName(name);
            Names.AssertName(stage);
            _registry.Config.AssertStageAllowed(stage);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (!SemVer.IsValid(version)) throw NotValidVersion(version);
            var artifact = Existing(name);
            var v = artifact.Versions.FirstOrDefault(x => !x.Discovered && x.Name == version)
                    ?? throw Error(GtoErrors.VersionNotFound, $"No versions found for '{name}'");
            // GTO checks "ever assigned", not "active now", so repeated unassignments succeed (docs/registry-state.md#q18-unassigning-checks-ever-assigned).
            if (!force && !v.Stages.Any(s => s.Stage == stage))
                throw Error(GtoErrors.StageNotAssigned, $"Stage '{stage}' is not assigned to a version '{version}'");
            if (delete)
                return Deletions(State.EventOrder.Ascending(v.Stages.Where(s => s.Stage == stage).SelectMany(s => s.Events())),
                    TagAction.Unassign, version);
            var tag = NewTag(name, TagAction.Unassign, null, stage, useCounter: simple != true);
            return One(new TagChange(TagAction.Unassign, tag, v.Commit,
                message ?? $"Unassigning stage '{stage}' to artifact '{name}' version '{version}'", version));
        }

        /// <summary>GTO <c>deprecate NAME VERSION</c>.</summary>
        public WritePlan Deregister(string name, string version, string? message, bool? simple, bool force, bool delete)
        {
            Names.AssertFullName(name);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (!SemVer.IsValid(version)) throw NotValidVersion(version);
            var v = _registry.FindState(name)?.Versions.FirstOrDefault(x => !x.Discovered && x.Name == version);
            if (!force)
            {
                if (v == null) throw Error(GtoErrors.VersionNotFound, $"No versions found for '{name}'");
                if (!v.IsRegistered)
                    throw Error(GtoErrors.VersionNotRegistered, $"The version at ref '{v.Commit}' is not registered");
                if (!v.IsActive)
                    throw Error(GtoErrors.VersionAlreadyDeregistered,
                        $"The version at ref '{v.Commit}' was deregistered already");
            }
            if (v == null)
                throw Error(GtoErrors.VersionHasNoTags, "Can't deregister a version that have no git tags");
            if (delete) return Deletions(v.EventsAscending(), TagAction.Deregister, version);
            var tag = NewTag(name, TagAction.Deregister, version, null, useCounter: simple == false);
            return One(new TagChange(TagAction.Deregister, tag, v.Commit,
                message ?? $"Deregistering artifact {name} version {version}", version));
        }

        /// <summary>GTO <c>deprecate NAME</c>.</summary>
        public WritePlan Deprecate(string name, string? revision, string? message, bool? simple, bool force, bool delete)
        {
            Names.AssertFullName(name);
            CheckMessage(message);
            if (force && simple == true)
                throw Error(GtoErrors.ForceWithSimple, "Can't use 'force' with 'simple=True'");
            var artifact = _registry.FindState(name);
            if (!force)
            {
                artifact = Existing(name);
                if (!artifact.IsActive)
                    throw Error(GtoErrors.ArtifactAlreadyDeprecated, "Artifact was deprecated already");
            }
            if (delete)
                return Deletions(artifact?.EventsAscending() ?? new List<RegistryEvent>(), TagAction.Deprecate, "");
            string commit;
            if (revision != null)
                commit = _registry.Git.ResolveCommit(revision) ?? throw Error(GtoErrors.RevisionNotFound,
                    $"Ref '{revision}' was not found in the repository history", revision);
            else
            {
                // The newest event of any kind, annotation commits included (docs/registry-state.md#q23-where-a-deprecation-goes).
                var newest = artifact?.Events().FirstOrDefault();
                commit = newest?.Commit ?? _registry.ResolveRevision("HEAD");
            }
            var tag = NewTag(name, TagAction.Deprecate, null, null, useCounter: force || simple == false);
            return One(new TagChange(TagAction.Deprecate, tag, commit, message ?? $"Deprecating artifact '{name}'", ""));
        }

        private VersionState? AtCommit(ArtifactState? artifact, string commit)
        {
            if (artifact == null) return null;
            var tagged = artifact.TaggedVersionsAt(commit);
            if (tagged.Count > 1)
                throw Error(GtoErrors.ManyVersionsOnCommit, artifact.ManyVersionsMessage(tagged));
            return tagged.FirstOrDefault();
        }

        private ArtifactState Existing(string name) => _registry.FindState(name)
            ?? throw Error(GtoErrors.ArtifactNotFound, $"Cannot find artifact '{name}'", name);

        /// <summary>
        /// The new tag's name; counters are 1 + the artifact's highest counter over every tag, of any kind (docs/tag-format.md#counters).
        /// Checked here, before anything is written, against what git can store.
        /// </summary>
        private string NewTag(string name, TagAction action, string? version, string? stage, bool useCounter)
        {
            int? counter = null;
            if (useCounter)
            {
                int max = 0;
                foreach (var t in _registry.TagList)
                    if (TagNames.ArtifactOf(t.Name, out var n) == name && n > max) max = n.Value;
                if (max == int.MaxValue)
                    throw Error(GtoErrors.CounterOutOfRange,
                        $"The tags of '{name}' already use the counter #{max}, the largest Gto can write, so no further tag " +
                        "with a counter can be made. Use -Simple where the action allows it.", name);
                counter = max + 1;
            }
            var tag = TagNames.Compose(name, action, version, stage, counter);
            RefFormat.AssertTagName(tag);
            // git keeps a tag as a file under refs/tags, so a tag 'models' leaves no room for 'models/churn@v1.0.0'.
            var blocking = _registry.TagList.FirstOrDefault(t => RefFormat.IsFolderOf(t.Name, tag) || RefFormat.IsFolderOf(tag, t.Name));
            if (blocking != null)
                throw Error(GtoErrors.TagNameConflict,
                    $"Cannot create the tag '{tag}': the tag '{blocking.Name}' exists, and git cannot store a tag whose name is " +
                    "a folder of another's. Rename or delete that tag, or choose another artifact name.", tag);
            if (_registry.Git.TagExists(tag))
                throw Error(GtoErrors.TagExists, $"tag '{tag}' already exists", tag);
            return tag;
        }

        /// <summary>
        /// The tags of <paramref name="ascending"/> (events oldest first), each once (GTO's --delete), ordered so that a
        /// rerun after a crash can finish: cancelling tags first, then assignments, registrations last. Until the last
        /// registration goes, the version still exists and is still active, so the rerun passes the same checks.
        /// </summary>
        private static WritePlan Deletions(IEnumerable<RegistryEvent> ascending, TagAction action, string version) =>
            new WritePlan(ascending.Where(e => e.Tag != null)
                .GroupBy(e => e.Tag!, System.StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(e => DeletionRank(e.Kind))
                .Select(e => new TagChange(action, e.Tag!, "", "", version, delete: true)).ToList());

        private static int DeletionRank(EventKind kind) => kind switch
        {
            EventKind.Registration => 2,
            EventKind.Assignment => 1,
            _ => 0,
        };

        private static WritePlan One(TagChange change) => new WritePlan(new[] { change });

        private static void CheckMessage(string? message) => ControlCharacters.Assert(message, "The tag message", allowLineBreaks: true);

        private static GtoException NotValidVersion(string version) =>
            Error(GtoErrors.InvalidVersion, $"Version '{version}' is not valid. Example of valid version: 'v1.0.0'");

        private static GtoException Error(GtoError error, string message, object? target = null) =>
            new GtoException(error, message, target);
    }
}
