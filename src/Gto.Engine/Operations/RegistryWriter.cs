using System;
using Gto.Engine.Git;
using Gto.Engine.Naming;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// One write to a registry: takes the repository's write lock, reads the registry fresh under it, plans the
    /// tags with GTO's checks, and applies them. Holding the lock from the read to the last write is what keeps
    /// concurrent runbooks from writing two versions on one commit or the same counter twice.
    /// </summary>
    public sealed class RegistryWriter : IDisposable
    {
        private readonly RegistryLock _lock;
        private readonly Planner _planner;

        private RegistryWriter(RegistryLock held, Registry registry)
        {
            _lock = held;
            Registry = registry;
            _planner = new Planner(registry);
        }

        /// <summary>The registry as read under the lock.</summary>
        public Registry Registry { get; }

        /// <param name="location">What objects name as their repository (the URL of a remote registry).</param>
        public static RegistryWriter Open(string path, TimeSpan lockTimeout, string? location = null)
        {
            var held = RegistryLock.Acquire(GitRepository.Discover(path), lockTimeout);
            try
            {
                return new RegistryWriter(held, Registry.Open(path, location));
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        public TagChange PlanRegister(string name, string? revision, string? version, BumpPart? bump, bool? simple, bool force,
            string? message) =>
            _planner.Register(name, revision, version, bump, bump.HasValue ? 1 : 0, message, simple, force);

        public WritePlan PlanAssign(string name, string stage, string? version, string? revision, bool skipRegistration,
            bool? simple, bool force, string? message) =>
            _planner.Assign(name, stage, version, revision, skipRegistration, message, simple, force);

        public WritePlan PlanUnassign(string name, string version, string stage, bool? simple, bool force, bool delete, string? message) =>
            _planner.Unassign(name, version, stage, message, simple, force, delete);

        public WritePlan PlanDeregister(string name, string version, bool? simple, bool force, bool delete, string? message) =>
            _planner.Deregister(name, version, message, simple, force, delete);

        public WritePlan PlanDeprecate(string name, string? revision, bool? simple, bool force, bool delete, string? message) =>
            _planner.Deprecate(name, revision, message, simple, force, delete);

        /// <summary>Fails early, before any tag is written, when git has no identity for the tagger.</summary>
        public void CheckIdentity() => Tagger.Resolve(Registry.Root, Registry.Git.GitDirectory);

        /// <summary>Creates or deletes one planned tag.</summary>
        public void Apply(TagChange change)
        {
            if (change.Delete) Registry.Git.DeleteTag(change.Tag);
            else Registry.Git.CreateTag(change.Tag, change.Commit, change.Message, Tagger.Resolve(Registry.Root, Registry.Git.GitDirectory));
        }

        public void Dispose()
        {
            Registry.Dispose();
            _lock.Dispose();
        }
    }
}
