using System;
using System.Collections.Generic;
using Gto.Engine.Git;

namespace Gto.Engine.Annotations
{
    /// <summary>
    /// Reads annotation files from commits. Files are parsed once per blob: across thousands of versions the same
    /// <c>artifacts.yaml</c> content is usually shared by many commits.
    /// </summary>
    internal sealed class AnnotationReader
    {
        private readonly GitRepository _git;
        private readonly string _index;
        private readonly Dictionary<string, AnnotationFile> _byBlob = new Dictionary<string, AnnotationFile>(StringComparer.Ordinal);
        private readonly Dictionary<string, AnnotationFile> _byCommit = new Dictionary<string, AnnotationFile>(StringComparer.Ordinal);

        public AnnotationReader(GitRepository git, string index)
        {
            _git = git;
            _index = index;
        }

        /// <summary>The annotation file path, relative to the repository root.</summary>
        public string Index => _index;

        /// <summary>Damaged files seen so far, as (commit, problem), in the order first seen.</summary>
        public List<(string Commit, string Problem)> Damaged { get; } = new List<(string, string)>();

        /// <summary>The <c>artifacts.yaml</c> (or configured index) at a commit; empty when absent or damaged.</summary>
        public AnnotationFile AtCommit(string commit)
        {
            if (_byCommit.TryGetValue(commit, out var known)) return known;
            var blob = _git.FileId(commit, _index);
            AnnotationFile file;
            if (blob == null) file = AnnotationFile.Empty;
            else if (!_byBlob.TryGetValue(blob, out file!))
            {
                file = AnnotationParser.ParseArtifactsYaml(_git.ReadBlob(blob));
                _byBlob[blob] = file;
            }
            if (file.Problem != null) Damaged.Add((commit, file.Problem));
            _byCommit[commit] = file;
            return file.Problem == null ? file : AnnotationFile.Empty;
        }

        /// <summary>Every <c>dvc.yaml</c> artifact at a commit, with monorepo names for sub-folders.</summary>
        public List<(string Source, AnnotationFile File)> DvcAtCommit(string commit)
        {
            var result = new List<(string, AnnotationFile)>();
            foreach (var path in _git.FindFiles(commit, "dvc.yaml"))
            {
                var dir = path.Length > "dvc.yaml".Length ? path.Substring(0, path.Length - "/dvc.yaml".Length) : "";
                var read = _git.ReadFile(commit, path);
                if (read != null) result.Add((path, AnnotationParser.ParseDvcYaml(read.Value.Text, dir)));
            }
            return result;
        }
    }
}
