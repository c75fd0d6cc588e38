using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Gto.Engine.Annotations;
using Gto.Engine.Config;
using Gto.Engine.Git;
using Gto.Engine.Queries;
using Gto.Engine.State;

namespace Gto.Engine
{
    /// <summary>
    /// A registry read once, as a command uses it: the repository <see cref="Context"/>, the <see cref="Snapshot"/>
    /// folded from its tags, the <see cref="Queries"/> over that snapshot and the <see cref="Annotations"/> they show.
    /// Every query of a command runs against the one snapshot. Disposing closes the repository.
    /// </summary>
    internal sealed class Registry : IDisposable
    {
        private Registry(RepositoryContext context, RegistrySnapshot snapshot)
        {
            Context = context;
            Snapshot = snapshot;
            Annotations = new AnnotationResolver(context);
            Queries = new RegistryQueries(snapshot, Annotations);
        }

        public RepositoryContext Context { get; }
        public RegistrySnapshot Snapshot { get; }
        public AnnotationResolver Annotations { get; }
        public RegistryQueries Queries { get; }

        /// <summary>
        /// What the read met that GTO 1.10 would have failed on, then the damaged annotation files the queries have
        /// read so far (files are read lazily, so ask once the queries ran).
        /// </summary>
        public IReadOnlyList<Diagnostic> Warnings => Snapshot.Warnings.Concat(Annotations.Warnings).ToList();

        /// <summary>Opens the repository containing <paramref name="path"/> and reads the registry.</summary>
        /// <param name="path">A folder inside the repository.</param>
        /// <param name="location">What the objects name as their repository (default: the repository root).</param>
        /// <param name="cancellation">Stops git's tag read (OperationCanceledException).</param>
        public static Registry Open(string path, string? location = null, CancellationToken cancellation = default) =>
            Open(path, location, null, cancellation);

        /// <summary>
        /// Governance hook: the registry as the policy counts it (docs/governance.md#the-trusted-view); assignments the
        /// policy does not count are left out before the fold and named in <see cref="Warnings"/>.
        /// </summary>
        public static Registry OpenTrusted(string path, string? location = null, CancellationToken cancellation = default) =>
            Open(path, location, null, cancellation, trusted: true);

        /// <param name="config">Used instead of the repository's <c>.gto</c> (the doctor's fallback after a bad one).</param>
        public static Registry Open(string path, string? location, RegistryConfig? config, CancellationToken cancellation,
            bool trusted = false)
        {
            var clock = Stopwatch.StartNew();
            var gitDir = GitRepository.Discover(path);
            // git reads the tags while the repository, the config and HEAD's annotation file are opened here.
            using var stream = GitRepository.ReadTags(gitDir, cancellation);
            var context = RepositoryContext.OpenGitDirectory(gitDir, location, config);
            try
            {
                if (context.Head != null) context.Annotations.AtCommit(context.Head);
                return new Registry(context, RegistrySnapshot.Fold(context, stream.Tags(), clock, trusted, cancellation));
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }

        public void Dispose() => Context.Dispose();
    }
}
