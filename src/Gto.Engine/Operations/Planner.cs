using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Annotations;
using Gto.Engine.Naming;
using Gto.Engine.Queries;
using Gto.Engine.State;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// Decides the tags of GTO's write commands (docs/registry-state.md#write-commands) against a registry read under the write lock.
    /// The checks run in GTO's order, so the same error wins; nothing is written here.
    /// </summary>
    internal sealed class Planner
    {
        private readonly RegistrySnapshot _snapshot;

        public Planner(RegistrySnapshot snapshot) => _snapshot = snapshot;

        private RepositoryContext Repository => _snapshot.Context;

        /// <summary>GTO <c>register</c>; <see cref="TagForm.Auto"/> is simple for registrations.</summary>
        public TagChange Register(RegisterRequest request)
        {
            var (name, message, force) = (request.Name, request.Message, request.Force);
            Names.AssertFullName(name);
            CheckMessage(message);
            var version = request.Version == "" ? null : request.Version; // GTO treats an empty --version as none
            var bump = request.Bump;
            if (version != null && bump != null)
                throw Error(GtoErrors.AmbiguousVersion,
                    $"Give either -Version or -Bump, not both: -Version '{version}' names the version, -Bump computes one.");
            var commit = Repository.ResolveRevision(request.Revision ?? "HEAD");
            var artifact = _snapshot.Find(name);
            AssertKnown(request, artifact, commit, "registration");
            var atCommit = AtCommit(artifact, commit);
            if (atCommit != null)
            {
                if (atCommit.IsRegistered && atCommit.IsActive && !force)
                    throw Error(GtoErrors.VersionAlreadyRegistered,
                        $"'{name}' is already registered on commit '{commit}' as version '{atCommit.Name}'. Use -Force to register it again.");
                if (version == null) version = atCommit.Name;
                else if (version != atCommit.Name)
                    throw Error(GtoErrors.CommitHasOtherVersion,
                        $"Commit '{commit}' already holds version '{atCommit.Name}' of '{name}', so -Version '{version}' cannot be " +
                        $"registered there; give -Version '{atCommit.Name}' or no -Version.");
            }
            if (version != null)
            {
                SemVer.AssertInRange(version);
                if (!SemVer.IsValid(version))
                    throw NotValidVersion(version);
                var named = Named(artifact, version);
                if (named != null && named != atCommit)
                    throw Error(GtoErrors.VersionExists,
                        $"Version '{version}' of '{name}' is already registered (on commit '{named.Commit}'). Give another -Version, " +
                        "or none to bump the greatest.");
            }
            else
            {
                var last = artifact == null ? null : Queries.StateQueries.Latest(artifact, registeredOnly: true);
                // A registered version without a SemVer has a number too large for Gto (GTO can write one).
                if (last != null) version = (last.SemVer ?? throw SemVer.OutOfRange(last.Name)).Bump(bump ?? BumpPart.Patch).Text;
                else if (bump != null)
                    throw Error(GtoErrors.NothingToBump,
                        $"-Bump needs a registered version to bump, and '{name}' has none yet. Leave out -Bump (the first version is " +
                        $"{SemVer.First.Text}) or give -Version.");
                else version = SemVer.First.Text;
            }
            var tag = NewTag(name, TagAction.Register, version, null, useCounter: request.Form == TagForm.Counted);
            return new TagChange(TagAction.Register, tag, commit, message ?? $"Registering artifact {name} version {version}", version);
        }

        /// <summary>GTO <c>assign</c>, registering the commit first when needed.</summary>
        public WritePlan Assign(AssignRequest request)
        {
            var (name, stage, version, revision, message, force) =
                (request.Name, request.Stage, request.Version, request.Revision, request.Message, request.Force);
            var skipRegistration = request.SkipRegistration;
            Names.AssertFullName(name);
            Names.AssertName(stage);
            Repository.Config.AssertStageAllowed(stage);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (version != null && !SemVer.IsValid(version)) throw NotValidVersion(version);
            if (revision != null && version != null && skipRegistration)
                throw Error(GtoErrors.VersionWithSkipRegistration,
                    "-Version names the version to register at -Ref, and -SkipRegistration says to register none; give one of them.");
            var artifact = _snapshot.Find(name);
            // Naming an existing version of an unknown artifact: the artifact, not the version, is what is missing.
            if (artifact == null && revision == null && version != null) throw ArtifactNotFound(name, "");
            var changes = new List<TagChange>();
            VersionState? target;
            string commit, versionName;
            if (revision == null && version != null)
            {
                target = Named(artifact, version)
                         ?? throw Error(GtoErrors.VersionNotRegistered,
                             $"Version '{version}' of '{name}' is not registered.{VersionHint(artifact!, version)}", version);
                commit = target.Commit;
                versionName = target.Name;
                // GTO writes this tag and only then fails on the commit's second version (docs/registry-state.md#q3-several-versions-on-one-commit); refuse before writing.
                AtCommit(artifact, commit);
            }
            else
            {
                commit = Repository.ResolveRevision(revision ?? "HEAD");
                AssertKnown(request, artifact, commit, "assignment");
                target = AtCommit(artifact, commit);
                if (target != null && version != null)
                    throw Error(GtoErrors.CommitHasOtherVersion,
                        $"Cannot register '{version}' at -Ref '{revision}': version '{target.Name}' of '{name}' is registered on that commit " +
                        $"already. Give -Version '{target.Name}', or no -Version.");
                if (target != null) versionName = target.Name;
                else if (skipRegistration) versionName = commit;
                else
                {
                    // GTO's implicit registration is always simple and uses the default message (docs/registry-state.md#q35-the-implicit-registration).
                    var registration = Register(new RegisterRequest { Name = name, Revision = commit, Version = version, Form = TagForm.Simple });
                    changes.Add(registration);
                    versionName = registration.Version;
                }
            }
            // An implicit registration takes over the stage tags already on its commit (docs/registry-state.md#an-implicit-registration-collects-the-commits-stage-tags).
            var inStage = target != null ? target.Stages.Any(s => s.Stage == stage && s.IsActive)
                : changes.Count > 0 && StageHeldOnCommit(artifact, commit, stage);
            if (!force && inStage)
            {
                var error = Error(GtoErrors.StageAlreadyAssigned,
                    $"Version '{versionName}' of '{name}' is already in stage '{stage}'. Use -Force to write a new assignment tag nevertheless.");
                // GTO writes the registration before it finds the stage taken, and so does Gto: the plan fails after it.
                if (changes.Count > 0) return new WritePlan(changes, error);
                throw error;
            }
            var tag = NewTag(name, TagAction.Assign, null, stage, useCounter: request.Form != TagForm.Simple);
            changes.Add(new TagChange(TagAction.Assign, tag, commit,
                message ?? $"Assigning stage {stage} to artifact {name} version {versionName}", versionName));
            return new WritePlan(changes);
        }

        /// <summary>GTO <c>deprecate NAME VERSION STAGE</c>.</summary>
        public WritePlan Unassign(UnassignRequest request)
        {
            var (name, version, stage, message, force) = (request.Name, request.Version, request.Stage, request.Message, request.Force);
            Names.AssertFullName(name);
            Names.AssertName(stage);
            Repository.Config.AssertStageAllowed(stage);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (!SemVer.IsValid(version)) throw NotValidVersion(version);
            var artifact = Existing(name);
            var v = Named(artifact, version) ?? throw VersionNotFound(artifact, version);
            // GTO checks "ever assigned", not "active now", so repeated unassignments succeed (docs/registry-state.md#q18-unassigning-checks-ever-assigned).
            if (!force && !v.Stages.Any(s => s.Stage == stage))
                throw Error(GtoErrors.StageNotAssigned,
                    $"Stage '{stage}' was never assigned to version '{version}' of '{name}'. Use -Force to write the unassignment anyway.", stage);
            if (request.Delete)
                return Deletions(EventOrder.Ascending(v.Stages.Where(s => s.Stage == stage).SelectMany(s => s.Events())),
                    TagAction.Unassign, version);
            var tag = NewTag(name, TagAction.Unassign, null, stage, useCounter: request.Form != TagForm.Simple);
            return One(new TagChange(TagAction.Unassign, tag, v.Commit,
                message ?? $"Unassigning stage '{stage}' to artifact '{name}' version '{version}'", version));
        }

        /// <summary>GTO <c>deprecate NAME VERSION</c>.</summary>
        public WritePlan Deregister(DeregisterRequest request)
        {
            var (name, version, message, force) = (request.Name, request.Version, request.Message, request.Force);
            Names.AssertFullName(name);
            CheckMessage(message);
            SemVer.AssertInRange(version);
            if (!SemVer.IsValid(version)) throw NotValidVersion(version);
            var artifact = _snapshot.Find(name);
            var v = Named(artifact, version);
            if (!force)
            {
                // GTO reports a missing artifact as a missing version; the id stays, the message names the real cause.
                if (artifact == null) throw Error(GtoErrors.VersionNotFound, ArtifactNotFound(name, "").Message, name);
                if (v == null) throw VersionNotFound(artifact, version);
                if (!v.IsRegistered)
                    throw Error(GtoErrors.VersionNotRegistered,
                        $"Version '{version}' of '{name}' (commit '{v.Commit}') is not registered: only stage tags name it.", version);
                if (!v.IsActive)
                    throw Error(GtoErrors.VersionAlreadyDeregistered,
                        $"Version '{version}' of '{name}' (commit '{v.Commit}') was deregistered already.", version);
            }
            if (v == null)
                throw Error(GtoErrors.VersionHasNoTags, $"Version '{version}' of '{name}' has no tags to deregister.", version);
            if (request.Delete) return Deletions(v.EventsAscending(), TagAction.Deregister, version);
            var tag = NewTag(name, TagAction.Deregister, version, null, useCounter: request.Form == TagForm.Counted);
            return One(new TagChange(TagAction.Deregister, tag, v.Commit,
                message ?? $"Deregistering artifact {name} version {version}", version));
        }

        /// <summary>GTO <c>deprecate NAME</c>.</summary>
        public WritePlan Deprecate(DeprecateRequest request)
        {
            var (name, revision, message, force) = (request.Name, request.Revision, request.Message, request.Force);
            Names.AssertFullName(name);
            CheckMessage(message);
            if (force && request.Form == TagForm.Simple)
                throw Error(GtoErrors.ForceWithSimple,
                    "-Force cannot be combined with -TagForm Simple (-Simple) when deprecating: a repeated deprecation needs a counted tag.");
            var artifact = _snapshot.Find(name);
            if (!force)
            {
                artifact = Existing(name);
                if (!artifact.IsActive)
                    throw Error(GtoErrors.ArtifactAlreadyDeprecated,
                        $"Artifact '{name}' is deprecated already. Use -Force to write another deprecation tag.", name);
            }
            // GTO lists the tags to delete through the artifact, so even with -Force an unknown one is not found.
            if (request.Delete) return Deletions((artifact ?? Existing(name)).EventsAscending(), TagAction.Deprecate, "");
            string commit;
            if (revision != null)
                commit = Repository.Git.ResolveCommit(revision) ?? throw Error(GtoErrors.RevisionNotFound,
                    $"-Ref '{revision}' does not name a commit of this repository.", revision);
            else
            {
                // The newest event of any kind, annotation commits included (docs/registry-state.md#q23-where-a-deprecation-goes).
                var newest = artifact?.Events().FirstOrDefault();
                commit = newest?.Commit ?? Repository.ResolveRevision("HEAD");
            }
            var tag = NewTag(name, TagAction.Deprecate, null, null, useCounter: force || request.Form == TagForm.Counted);
            return One(new TagChange(TagAction.Deprecate, tag, commit, message ?? $"Deprecating artifact '{name}'", ""));
        }

        /// <summary>
        /// True when the stage tags on <paramref name="commit"/> (made with -SkipRegistration, so held by SHA-named
        /// versions) leave <paramref name="stage"/> active once a version registered there collects them all, as GTO's
        /// re-read after the implicit registration does: in the order the fold met them.
        /// </summary>
        private static bool StageHeldOnCommit(ArtifactState? artifact, string commit, string stage)
        {
            if (artifact == null) return false;
            var collected = new VersionState(artifact.Name, commit, commit, _ => null).Stage(stage);
            foreach (var held in artifact.Versions.Where(v => v.Discovered && v.Commit == commit).SelectMany(v => v.Stages).Where(s => s.Stage == stage))
            {
                foreach (var a in held.Assignments) EventOrder.InsertSorted(collected.Assignments, a);
                foreach (var u in held.Unassignments) EventOrder.InsertSorted(collected.Unassignments, u);
            }
            return collected.IsActive;
        }

        /// <summary>The non-discovered version object of that name; GTO's look-up by name fails when several commits carry it.</summary>
        private static VersionState? Named(ArtifactState? artifact, string version)
        {
            var named = artifact?.Versions.Where(v => !v.Discovered && v.Name == version).ToList();
            if (named == null || named.Count == 0) return null;
            if (named.Count > 1) throw Error(GtoErrors.ManyVersionsOnCommit, artifact!.ManyVersionsMessage(named));
            return named[0];
        }

        private VersionState? AtCommit(ArtifactState? artifact, string commit)
        {
            if (artifact == null) return null;
            var tagged = artifact.TaggedVersionsAt(commit);
            if (tagged.Count > 1)
                throw Error(GtoErrors.ManyVersionsOnCommit, artifact.ManyVersionsMessage(tagged));
            return tagged.FirstOrDefault();
        }

        private ArtifactState Existing(string name) => _snapshot.Find(name) ?? throw ArtifactNotFound(name, "");

        /// <summary>
        /// Without -New, a write may not create an artifact the registry does not know. It knows one that has tags, or
        /// an annotation (artifacts.yaml or dvc.yaml) at HEAD or at the commit written to: GTO lists an annotated,
        /// unregistered artifact, and registering it is how it gets its first version
        /// (docs/compatibility.md#register-gtoversion-asks-for--new).
        /// </summary>
        private void AssertKnown(CreatingRequest request, ArtifactState? artifact, string commit, string write)
        {
            if (artifact != null || !request.ArtifactMustExist) return;
            var annotations = new AnnotationResolver(Repository);
            var head = Repository.Head;
            if (annotations.At(commit, request.Name) != null || (head != null && head != commit && annotations.At(head, request.Name) != null)) return;
            throw ArtifactNotFound(request.Name, $" Add -New to create it with this {write}.", commit == head ? null : commit);
        }

        /// <summary>GTO's "Cannot find artifact", naming the artifacts a typo away and what to do.</summary>
        /// <param name="commit">A commit other than HEAD whose annotations were looked at too.</param>
        private GtoException ArtifactNotFound(string name, string remedy, string? commit = null) =>
            Error(GtoErrors.ArtifactNotFound,
                $"Cannot find artifact '{name}': it has no tags and no annotation at HEAD{(commit == null ? "" : $" or at commit '{commit}'")}." +
                $"{NearNames.Hint(name, _snapshot.ArtifactNames)}{remedy}", name);

        private static GtoException VersionNotFound(ArtifactState artifact, string version) =>
            RegistryQueries.VersionNotFound(artifact.Name, version, Registered(artifact));

        private static string VersionHint(ArtifactState artifact, string version) =>
            RegistryQueries.VersionHint(artifact.Name, version, Registered(artifact));

        private static List<string> Registered(ArtifactState artifact) =>
            Queries.StateQueries.Versions(artifact, new VersionSelection()).Where(v => !v.Discovered).Select(v => v.Name).ToList();

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
                foreach (var t in _snapshot.Tags)
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
            var blocking = _snapshot.Tags.FirstOrDefault(t => RefFormat.IsFolderOf(t.Name, tag) || RefFormat.IsFolderOf(tag, t.Name));
            if (blocking != null)
                throw Error(GtoErrors.TagNameConflict,
                    $"Cannot create the tag '{tag}': the tag '{blocking.Name}' exists, and git cannot store a tag whose name is " +
                    "a folder of another's. Rename or delete that tag, or choose another artifact name.", tag);
            if (Repository.Git.TagExists(tag))
                throw Error(GtoErrors.TagExists, $"The tag '{tag}' exists already.", tag);
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
                .OrderBy(e => DeletionRank(e.EventKind))
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
            Error(GtoErrors.InvalidVersion, $"Version '{version}' is not valid: versions are SemVer with a leading 'v', such as 'v1.0.0'." +
                (SemVer.IsValid("v" + version) ? $" Did you mean 'v{version}'?" : ""), version);

        private static GtoException Error(GtoError error, string message, object? target = null) =>
            new GtoException(error, message, target);
    }
}
