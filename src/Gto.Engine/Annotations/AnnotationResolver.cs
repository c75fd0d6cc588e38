using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.Annotations
{
    /// <summary>
    /// An artifact's annotation at a commit, as the objects show it: its entry in <c>artifacts.yaml</c> first, then the
    /// <c>dvc.yaml</c> its name points at. Files are read through the context's reader, once per blob.
    /// </summary>
    internal sealed class AnnotationResolver
    {
        private readonly RepositoryContext _context;

        public AnnotationResolver(RepositoryContext context) => _context = context;

        private AnnotationReader Reader => _context.Annotations;

        /// <summary>The annotation of an artifact at HEAD, or null.</summary>
        public Annotation? AtHead(string artifact) => _context.Head == null ? null : At(_context.Head, artifact);

        /// <summary>The annotation of an artifact at a commit, or null.</summary>
        public Annotation? At(string commit, string artifact)
        {
            var data = Reader.AtCommit(commit).Find(artifact);
            if (data != null) return data.ToModel(_context.Location, artifact, Reader.Index, commit);
            int colon = artifact.IndexOf(':');
            var dvcPath = colon < 0 ? "dvc.yaml" : artifact.Substring(0, colon) + "/dvc.yaml";
            // Many artifacts share one dvc.yaml: the reader parses each once per commit.
            return Reader.DvcFile(commit, dvcPath).Find(artifact)?.ToModel(_context.Location, artifact, dvcPath, commit);
        }

        /// <summary>Every annotation at a revision (default HEAD): <c>artifacts.yaml</c> entries, then every <c>dvc.yaml</c>'s.</summary>
        public List<Annotation> All(string? revision)
        {
            var commit = revision == null ? _context.Head : _context.ResolveRevision(revision);
            var result = new List<Annotation>();
            if (commit == null) return result;
            result.AddRange(Reader.AtCommit(commit).Entries.Select(e => e.Value.ToModel(_context.Location, e.Key, Reader.Index, commit)));
            foreach (var (source, file) in Reader.DvcAtCommit(commit))
                result.AddRange(file.Entries.Select(e => e.Value.ToModel(_context.Location, e.Key, source, commit)));
            return result;
        }

        /// <summary>
        /// The damaged annotation files met so far. Files are read lazily, so a damaged one appears here once a query
        /// has read it.
        /// </summary>
        public IEnumerable<Diagnostic> Warnings => Reader.Damaged.Select(d => new Diagnostic
        {
            Repository = _context.Location, Level = DiagnosticSeverity.Error, Id = "DamagedAnnotationFile", Target = d.Commit,
            Message = d.Source == Reader.Index
                ? $"{Reader.Index} at commit {d.Commit} doesn't conform to GTO format ({d.Problem}); its annotations " +
                  "are ignored. GTO 1.10 fails on every command while this file is in HEAD or in a version's commit: " +
                  "fix the file in a new commit."
                : $"{d.Source} at commit {d.Commit} cannot be read ({d.Problem}); its artifacts' annotations are ignored. " +
                  "Fix the file in a new commit.",
        });
    }
}
