using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Gto.Engine.Git
{
    /// <summary>
    /// A fingerprint of everything a registry read depends on, taken from file metadata alone (no git process, no
    /// object read), so a cached read can be checked in well under a millisecond. Why it is safe (docs/performance.md#the-completion-cache):
    /// git changes a ref only by writing a new file and renaming it into place — a loose tag under refs/tags (which
    /// changes the modification time of the folder holding it), <c>packed-refs</c> (a new file: new time, usually a new
    /// size) or the reftable's <c>tables.list</c>. HEAD's file and the branch file it names decide HEAD's commit, whose
    /// content (annotations, a bare repository's <c>.gto</c>) never changes; the work tree's <c>.gto</c> and the
    /// <c>GTO_*</c> variables decide the config. Everything else a read uses is addressed by object id.
    /// </summary>
    internal sealed class RefStamp : IEquatable<RefStamp>
    {
        /// <summary>
        /// How long after the newest stamped change a stamp is trusted. File systems record times in steps (Linux: a
        /// clock tick; some: one or two seconds), so a change within the same step as the last one could leave the
        /// stamp equal. A read taken when the newest change is older than this cannot be fooled that way (git's
        /// "racily clean" rule for its index works the same way).
        /// </summary>
        public static readonly TimeSpan Granularity = TimeSpan.FromSeconds(2);

        private readonly string _text;

        private RefStamp(string text, DateTime newest, DateTime takenAt)
        {
            _text = text;
            Newest = newest;
            TakenAt = takenAt;
        }

        /// <summary>The newest modification time among the stamped files and folders (UTC).</summary>
        public DateTime Newest { get; }

        /// <summary>When the stamp was taken (UTC).</summary>
        public DateTime TakenAt { get; }

        /// <summary>True when no later change can go unnoticed: the newest stamped change is older than the time steps of the file system.</summary>
        public bool IsSettled => TakenAt - Newest > Granularity;

        /// <param name="gitDirectory">The repository's git directory (of a linked work tree: its own, with a <c>commondir</c> file).</param>
        /// <param name="workTree">The work tree whose <c>.gto</c> counts, or null (a bare repository reads it at HEAD).</param>
        public static RefStamp Take(string gitDirectory, string? workTree)
        {
            var takenAt = DateTime.UtcNow;
            var common = CommonDirectory(gitDirectory);
            var text = new StringBuilder();
            var newest = DateTime.MinValue;

            void Add(FileSystemInfo item)
            {
                item.Refresh();
                text.Append(item.FullName).Append('|');
                if (!item.Exists)
                {
                    text.Append("-\n");
                    return;
                }
                var time = item.LastWriteTimeUtc;
                if (time > newest) newest = time;
                text.Append(time.Ticks).Append('|').Append(item is FileInfo f ? f.Length : 0).Append('\n');
            }

            Add(new FileInfo(Path.Combine(common, "packed-refs")));
            Add(new FileInfo(Path.Combine(common, "reftable", "tables.list")));
            var tags = new DirectoryInfo(Path.Combine(common, "refs", "tags"));
            Add(tags);
            if (tags.Exists)
                foreach (var folder in tags.EnumerateDirectories("*", SearchOption.AllDirectories)) Add(folder);
            var head = new FileInfo(Path.Combine(gitDirectory, "HEAD"));
            Add(head);
            var target = ReadHead(head);
            text.Append(target).Append('\n');
            if (target.StartsWith("ref: refs/", StringComparison.Ordinal))
                Add(new FileInfo(Path.Combine(common, target.Substring("ref: ".Length))));
            if (workTree != null) Add(new FileInfo(Path.Combine(workTree, Config.RegistryConfig.FileName)));
            foreach (var variable in GtoVariables()) text.Append(variable).Append('\n');
            return new RefStamp(text.ToString(), newest, takenAt);
        }

        /// <summary>The folder holding refs and <c>packed-refs</c>: a linked work tree's <c>commondir</c>, else the git directory.</summary>
        private static string CommonDirectory(string gitDirectory)
        {
            var file = Path.Combine(gitDirectory, "commondir");
            if (!File.Exists(file)) return gitDirectory;
            var common = File.ReadAllText(file).Trim();
            return Path.GetFullPath(Path.Combine(gitDirectory, common));
        }

        // HEAD is a line: "ref: refs/heads/main" or a commit id. A larger file is not one git wrote; its size is stamped.
        private static string ReadHead(FileInfo head)
        {
            if (!head.Exists || head.Length > 1024) return "";
            try
            {
                return File.ReadAllText(head.FullName).Trim();
            }
            catch (IOException)
            {
                return "";
            }
        }

        private static IEnumerable<string> GtoVariables() =>
            Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(e => e.Key as string ?? "")
                .Where(name => name.StartsWith("GTO_", StringComparison.OrdinalIgnoreCase))
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => name + "=" + Environment.GetEnvironmentVariable(name));

        public bool Equals(RefStamp? other) => other != null && string.Equals(_text, other._text, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as RefStamp);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);
    }
}
