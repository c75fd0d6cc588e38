using System;
using System.Collections.Generic;
using Gto.Engine.Git;
using Gto.Engine.Yaml;

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
        private readonly Dictionary<string, AnnotationFile> _dvcByCommit = new Dictionary<string, AnnotationFile>(StringComparer.Ordinal);

        public AnnotationReader(GitRepository git, string index)
        {
            _git = git;
            _index = index;
        }

        /// <summary>The annotation file path, relative to the repository root.</summary>
        public string Index => _index;

        /// <summary>Damaged files seen so far, as (commit, path, problem), in the order first seen.</summary>
        public List<(string Commit, string Source, string Problem)> Damaged { get; } = new List<(string, string, string)>();

        /// <summary>The <c>artifacts.yaml</c> (or configured index) at a commit; empty when absent or damaged.</summary>
        public AnnotationFile AtCommit(string commit)
        {
            if (_byCommit.TryGetValue(commit, out var known)) return known;
            var file = Read(commit, _index, AnnotationParser.ParseArtifactsYaml);
            _byCommit[commit] = file;
            return file.Problem == null ? file : AnnotationFile.Empty;
        }

        /// <summary>The artifacts of one <c>dvc.yaml</c> at a commit, with monorepo names in a sub-folder; empty when absent or damaged.</summary>
        public AnnotationFile DvcFile(string commit, string path)
        {
            var key = commit + ":" + path;
            if (!_dvcByCommit.TryGetValue(key, out var file))
            {
                var directory = path.Length > "dvc.yaml".Length ? path.Substring(0, path.Length - "/dvc.yaml".Length) : "";
                file = Read(commit, path, text => AnnotationParser.ParseDvcYaml(text, directory));
                _dvcByCommit[key] = file;
            }
            return file.Problem == null ? file : AnnotationFile.Empty;
        }

        /// <summary>Every <c>dvc.yaml</c> artifact at a commit, with monorepo names for sub-folders.</summary>
        public List<(string Source, AnnotationFile File)> DvcAtCommit(string commit)
        {
            var result = new List<(string, AnnotationFile)>();
            foreach (var path in _git.FindFiles(commit, "dvc.yaml")) result.Add((path, DvcFile(commit, path)));
            return result;
        }

        // Parses a file once per blob, refusing a huge blob before loading it; a damaged file is recorded where it was met.
        private AnnotationFile Read(string commit, string path, Func<string, AnnotationFile> parse)
        {
            var blob = _git.FileId(commit, path);
            if (blob == null) return AnnotationFile.Empty;
            var key = path + ":" + blob;
            if (!_byBlob.TryGetValue(key, out var file))
            {
                var tooLarge = SafeYaml.SizeProblem(_git.BlobSize(blob));
                file = tooLarge != null ? AnnotationParser.Damaged(tooLarge) : parse(_git.ReadBlob(blob));
                _byBlob[key] = file;
            }
            if (file.Problem != null) Damaged.Add((commit, path, file.Problem));
            return file;
        }
    }
}
