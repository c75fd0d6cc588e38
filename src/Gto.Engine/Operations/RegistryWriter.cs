using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Gto.Engine.Git;
using Gto.Engine.Naming;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// One write to a registry: takes the repository's write lock, reads the registry fresh under it, plans the
    /// tags with GTO's checks, and applies them. Holding the lock from the read to the last write is what keeps
    /// concurrent runbooks from writing two versions on one commit or the same counter twice.
    /// </summary>
    internal sealed class RegistryWriter : IDisposable
    {
        private readonly RegistryLock _lock;
        private readonly Planner _planner;

        private RegistryWriter(RegistryLock held, Registry registry)
        {
            _lock = held;
            Registry = registry;
            _planner = new Planner(registry.Snapshot);
        }

        /// <summary>The registry as read under the lock.</summary>
        public Registry Registry { get; }

        /// <summary>
        /// Sign the tags (-Sign): true or false, or null for the user's git default (<c>tag.gpgSign</c>);
        /// docs/governance.md#signing.
        /// </summary>
        public bool? Sign { get; set; }

        /// <param name="location">What objects name as their repository (the URL of a remote registry).</param>
        /// <param name="cancellation">Ends the wait for the lock and the read (OperationCanceledException).</param>
        public static RegistryWriter Open(string path, string? location = null, CancellationToken cancellation = default)
        {
            var held = RegistryLock.Acquire(GitRepository.Discover(path), RegistryLock.DefaultTimeout, cancellation);
            try
            {
                return new RegistryWriter(held, Registry.Open(path, location, cancellation));
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        public TagChange PlanRegister(RegisterRequest request) => _planner.Register(request);

        public WritePlan PlanAssign(AssignRequest request) => _planner.Assign(request);

        public WritePlan PlanUnassign(UnassignRequest request) => _planner.Unassign(request);

        public WritePlan PlanDeregister(DeregisterRequest request) => _planner.Deregister(request);

        public WritePlan PlanDeprecate(DeprecateRequest request) => _planner.Deprecate(request);

        /// <summary>
        /// Writes a plan as one step: everything that can be checked is checked before the first tag (the tagger
        /// identity, git's lock files), and when creating a tag fails, the tags this call created are deleted again,
        /// so an assignment never stays registered-but-unassigned. Deletions are ordered by the planner so that
        /// rerunning the command after a crash finishes them. <paramref name="applied"/> is told of each tag written.
        /// </summary>
        public void Apply(WritePlan plan, Action<TagChange>? applied = null)
        {
            if (plan.Changes.Count == 0) return;
            var git = Registry.Context.Git;
            Tagger? tagger = null;
            foreach (var change in plan.Changes)
            {
                AssertNoGitLock(git.GitDirectory, change.Tag);
                if (change.Delete) continue;
                tagger ??= Tagger.Resolve(Registry.Context.Root, git.GitDirectory);
                git.AssertWritableCommit(change.Commit);
            }
            // Governance hook (docs/governance.md): whether to sign, and the promotion policy, decided before the first tag.
            var signing = tagger != null && (Sign ?? Governance.SigningConfig.Read(Registry.Context.Root, git.GitDirectory).SignByDefault);
            var policy = Governance.PolicyGate.Before(Registry, plan, signing);
            var created = new List<TagChange>();
            foreach (var change in plan.Changes)
            {
                try
                {
                    if (change.Delete) git.DeleteTag(change.Tag);
                    else if (signing)
                    {
                        Governance.TagSigner.CreateTag(Registry.Context.Root, git.GitDirectory, change.Tag, change.Commit, change.Message, tagger!);
                        policy?.AfterSigned(change);
                    }
                    else git.CreateTag(change.Tag, change.Commit, change.Message, tagger!);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    throw RolledBack(change, created, ex);
                }
                if (!change.Delete) created.Add(change);
                applied?.Invoke(change);
            }
        }

        /// <summary>Deletes the tags this write created before <paramref name="failed"/>, and says so in the error.</summary>
        private GtoException RolledBack(TagChange failed, List<TagChange> created, Exception cause)
        {
            var undone = new List<string>();
            for (int i = created.Count - 1; i >= 0; i--)
            {
                try
                {
                    Registry.Context.Git.DeleteTag(created[i].Tag);
                    undone.Add(created[i].Tag);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // The original failure matters more; the tag that stays is named below.
                }
            }
            var kept = created.Count - undone.Count;
            var note = created.Count == 0 ? ""
                : kept == 0 ? $" The tags written before it ({string.Join(", ", undone)}) were deleted again, so the registry is unchanged."
                : $" {kept} tag(s) written before it could not be deleted again; check 'git tag' and delete them by hand.";
            var verb = failed.Delete ? "Deleting" : "Writing";
            if (cause is GtoException gto)
                return new GtoException(gto.Error, $"{verb} the tag '{failed.Tag}' failed: {gto.Message}{note}", gto.Target, gto);
            if (WriteAccess.IsDenied(cause)) return WriteAccess.Denied(Registry.Context.Git.GitDirectory, cause);
            return new GtoException(GtoErrors.TagWriteFailed,
                $"{verb} the tag '{failed.Tag}' failed: {cause.Message}.{note} Fix the cause (disk space, permissions) and re-run the command.",
                failed.Tag, cause);
        }

        /// <summary>
        /// git leaves <c>name.lock</c> files behind when a git process dies mid-write; while one exists, writing the
        /// ref fails. Found before the first write, it is named with what to do, and nothing is written.
        /// </summary>
        private static void AssertNoGitLock(string gitDirectory, string tag)
        {
            foreach (var relative in new[] { "packed-refs.lock", "refs/tags/" + tag + ".lock" })
            {
                var path = Path.Combine(gitDirectory, relative);
                if (File.Exists(path))
                    throw new GtoException(GtoErrors.GitLockFileExists,
                        $"git's lock file '{path}' exists, so git refs cannot be written now. If no git command is running " +
                        "in this repository, a git process died while writing: delete the file and re-run the command.", path);
            }
        }

        public void Dispose()
        {
            Registry.Dispose();
            _lock.Dispose();
        }
    }
}
