using System;
using Gto.Engine.Config;

namespace Gto.Engine.Annotations
{
    /// <summary>
    /// Reads an event's annotation when a script first asks for it, so that listing events reads no annotation file.
    /// While the command's repository is open its reader (and its cache of parsed files) is used; once the command
    /// has ended, the repository is opened again for the one read.
    /// </summary>
    internal sealed class DeferredAnnotations
    {
        private readonly RepositoryContext _context;
        private readonly string _gitDirectory;
        private readonly RegistryConfig _config;

        public DeferredAnnotations(RepositoryContext context)
        {
            _context = context;
            _gitDirectory = context.Git.GitDirectory;
            _config = context.Config;
        }

        /// <summary>The annotation of <paramref name="artifact"/> at <paramref name="commit"/>; null when there is none or the repository is gone.</summary>
        public Annotation? At(string commit, string artifact)
        {
            try
            {
                if (!_context.IsDisposed) return new AnnotationResolver(_context).At(commit, artifact);
                using var reopened = RepositoryContext.OpenGitDirectory(_gitDirectory, _context.Location, _config);
                return new AnnotationResolver(reopened).At(commit, artifact);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A property getter must not throw: a clone that was removed, or a repository deleted since, has no annotation to give.
                return null;
            }
        }
    }
}
