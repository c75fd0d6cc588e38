using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Gto.Engine.Yaml;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// One DVC output recorded at a commit (docs/delivery.md#dvc): its path in the repository, the md5 of a file or of
    /// a folder's <c>.dir</c> manifest, and which hash flavour recorded it.
    /// </summary>
    internal sealed class DvcOutput
    {
        private static readonly Regex Md5Regex = new Regex(@"\A[0-9a-f]{32}(?:\.dir)?\z", RegexOptions.CultureInvariant);

        public DvcOutput(string path, string md5, long? size, bool legacy, string recordedIn)
        {
            Path = path;
            Md5 = md5;
            Size = size;
            Legacy = legacy;
            RecordedIn = recordedIn;
        }

        /// <summary>The output's path from the repository root.</summary>
        public string Path { get; }
        /// <summary>The md5, with <c>.dir</c> for a folder.</summary>
        public string Md5 { get; }
        public long? Size { get; }
        /// <summary>
        /// True for an output without <c>hash: md5</c> (written by DVC 2): its objects live at the cache root and text
        /// files were hashed with CRLF read as LF. DVC 3 outputs live under <c>files/md5/</c>.
        /// </summary>
        public bool Legacy { get; }
        /// <summary>The .dvc file or dvc.lock that records it.</summary>
        public string RecordedIn { get; }
        public bool IsFolder => Md5.EndsWith(".dir", StringComparison.Ordinal);

        /// <summary>
        /// The output recorded for <paramref name="path"/> at a commit: by <c>path.dvc</c>, or by the outputs of a
        /// <c>dvc.lock</c> in its folder or any folder above; null when DVC does not track it.
        /// </summary>
        public static DvcOutput? Find(GitObjects git, string commit, string path)
        {
            var dvcFile = path + ".dvc";
            var text = git.ReadText(commit, dvcFile, SafeYaml.MaxBytes);
            if (text != null) return Match(Outputs(Parse(text, dvcFile, commit), dvcFile, Folder(dvcFile), commit), path);
            var folder = Folder(path);
            while (true)
            {
                var lockFile = folder.Length == 0 ? "dvc.lock" : folder + "/dvc.lock";
                var lockText = git.ReadText(commit, lockFile, SafeYaml.MaxBytes);
                if (lockText != null && Parse(lockText, lockFile, commit).GetNonNull("stages") is YamlMap stages)
                {
                    foreach (var stage in stages.Entries)
                        if (stage.Value is YamlMap map && Match(Outputs(map, lockFile, folder, commit), path) is DvcOutput found) return found;
                }
                if (folder.Length == 0) return null;
                folder = Folder(folder);
            }
        }

        private static DvcOutput? Match(List<DvcOutput> outputs, string path) => outputs.FirstOrDefault(o => o.Path == path);

        private static string Folder(string path)
        {
            int slash = path.LastIndexOf('/');
            return slash < 0 ? "" : path.Substring(0, slash);
        }

        private static YamlMap Parse(string text, string file, string commit)
        {
            try
            {
                return SafeYaml.Load(text) as YamlMap ?? throw Invalid(file, commit, "it is not a mapping");
            }
            catch (YamlInputException ex)
            {
                throw Invalid(file, commit, ex.Message);
            }
        }

        private static List<DvcOutput> Outputs(YamlMap owner, string file, string folder, string commit)
        {
            var result = new List<DvcOutput>();
            if (!(owner.GetNonNull("outs") is YamlList outs)) return result;
            foreach (var item in outs.Items)
            {
                if (!(item is YamlMap o) || !(Scalar(o, "path") is string relative)) continue;
                var md5 = Scalar(o, "md5");
                var full = folder.Length == 0 ? relative : folder + "/" + relative;
                if (md5 == null)
                {
                    // Recorded without content (an output never committed to the cache, or tracked by etag in a cloud).
                    result.Add(new DvcOutput(NormalisedPath(full), "", null, true, file));
                    continue;
                }
                if (!Md5Regex.IsMatch(md5)) throw Invalid(file, commit, $"'{md5}' is not an md5");
                long? size = long.TryParse(Scalar(o, "size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
                var legacy = Scalar(o, "hash") != "md5";
                result.Add(new DvcOutput(NormalisedPath(full), md5, size, legacy, file));
            }
            return result;
        }

        // dvc.lock and .dvc files may write "./model.pkl" or a trailing slash for a folder.
        private static string NormalisedPath(string path) =>
            string.Join("/", path.Split('/').Where(s => s.Length > 0 && s != "."));

        private static string? Scalar(YamlMap map, string key) => (map.GetNonNull(key) as YamlScalar)?.Text;

        internal static GtoException Invalid(string file, string commit, string problem) =>
            new GtoException(GtoErrors.InvalidDvcFile, $"'{file}' at commit {commit} cannot be read: {problem}. Fix the file in a new commit.", file);
    }
}
