using System;
using Gto.Engine.Annotations;
using Gto.Engine.Config;
using Gto.Engine.Git;

namespace Gto.Engine
{
    /// <summary>
    /// The repository a command works on: git, the <c>.gto</c> config, the root, HEAD, and what objects name as their
    /// repository. Opening it reads no tag, so what needs only these (editing annotations, resolving a revision) does
    /// not fold the registry; <see cref="State.RegistrySnapshot"/> does that.
    /// </summary>
    internal sealed class RepositoryContext : IDisposable
    {
        private RepositoryContext(GitRepository git, RegistryConfig config, string location)
        {
            Git = git;
            Config = config;
            Location = location;
            Head = git.HeadCommit;
            Annotations = new AnnotationReader(git, config.Index);
        }

        public GitRepository Git { get; }
        public RegistryConfig Config { get; }

        /// <summary>The work-tree root (or git directory of a bare repository).</summary>
        public string Root => Git.Root;

        /// <summary>What objects name as their Repository: the root, or the URL a remote registry was cloned from.</summary>
        public string Location { get; }

        /// <summary>The commit HEAD pointed at when the context was opened, or null in an empty repository.</summary>
        public string? Head { get; }

        /// <summary>The annotation files read so far, parsed once per blob for the life of the context.</summary>
        public AnnotationReader Annotations { get; }

        /// <summary>Opens the repository containing <paramref name="path"/>.</summary>
        /// <param name="location">What the objects name as their repository (default: the repository root).</param>
        public static RepositoryContext Open(string path, string? location = null) =>
            OpenGitDirectory(GitRepository.Discover(path), location, null);

        /// <param name="config">The config to use instead of the repository's (the doctor's fallback after a bad <c>.gto</c>).</param>
        public static RepositoryContext OpenGitDirectory(string gitDirectory, string? location, RegistryConfig? config)
        {
            var git = GitRepository.OpenGitDirectory(gitDirectory);
            try
            {
                config ??= git.IsBare ? ConfigAtHead(git) : RegistryConfig.Load(git.Root);
                return new RepositoryContext(git, config, location ?? git.Root);
            }
            catch
            {
                git.Dispose();
                throw;
            }
        }

        /// <summary>A bare repository (such as a clone of a remote) has no work tree: its <c>.gto</c> is the one at HEAD.</summary>
        private static RegistryConfig ConfigAtHead(GitRepository git) =>
            RegistryConfig.LoadAtCommit(git, git.HeadCommit, "HEAD:" + RegistryConfig.FileName);

        /// <summary>Resolves a revision to a commit SHA, or fails with GTO's message.</summary>
        public string ResolveRevision(string revision) =>
            Git.ResolveCommit(revision) ?? throw new GtoException(GtoErrors.RevisionNotFound,
                $"unknown Git revision '{revision}'. Give a branch, tag, commit SHA or expression such as HEAD~1.", revision);

        /// <summary>True once the context is disposed (objects read after the command ended reopen the repository).</summary>
        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            IsDisposed = true;
            Git.Dispose();
        }
    }
}
