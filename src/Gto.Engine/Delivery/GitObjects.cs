using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Delivery
{
    /// <summary>One file of a commit's tree: git mode, object id and full path.</summary>
    internal sealed record TreeFile(string Mode, string Oid, string Path)
    {
        public bool IsLink => Mode == "120000";
        public bool IsExecutable => Mode == "100755";
        public bool IsSubmodule => Mode == "160000";
    }

    /// <summary>
    /// Reads trees and blobs with the installed git (<c>ls-tree</c>, <c>cat-file --batch</c>) rather than libgit2:
    /// content streams to disk without being held in memory, and in a partial clone git fetches what is missing.
    /// </summary>
    internal sealed class GitObjects
    {
        private readonly string _root;
        private readonly CancellationToken _cancellation;

        public GitObjects(string root, CancellationToken cancellation)
        {
            _root = root;
            _cancellation = cancellation;
        }

        /// <summary>Where git runs.</summary>
        public string Root => _root;

        /// <summary>The files at <paramref name="path"/> (one file, or every file below a folder) in a commit's tree.</summary>
        public List<TreeFile> ListFiles(string commit, string path, bool recursive = true)
        {
            var args = new List<string> { "--literal-pathspecs", "ls-tree", "-z", "--full-tree" };
            if (recursive) args.Add("-r");
            args.AddRange(new[] { commit, "--", path });
            var (exit, output, error) = GitCli.Run(_root, args, null, _cancellation);
            if (exit != 0) throw Failed("list the files of", commit, error);
            var files = new List<TreeFile>();
            foreach (var record in output.Split('\0'))
            {
                // "<mode> <type> <oid>\t<path>"; folders are walked by -r and never listed.
                int tab = record.IndexOf('\t');
                if (tab < 0) continue;
                var fields = record.Substring(0, tab).Split(' ');
                var name = record.Substring(tab + 1);
                if (fields.Length == 3 && (name == path || name.StartsWith(path + "/", StringComparison.Ordinal)))
                    files.Add(new TreeFile(fields[0], fields[2], name));
            }
            return files;
        }

        /// <summary>The text of a small file at a commit, or null when there is no such file; a larger one is refused.</summary>
        public string? ReadText(string commit, string path, long maxBytes)
        {
            var file = ListFiles(commit, path, recursive: false).FirstOrDefault(f => f.Path == path && !f.IsSubmodule);
            if (file == null) return null;
            string? text = null;
            ReadBlobs(new[] { file.Oid }, (_, size, content) =>
            {
                if (size > maxBytes)
                    throw new GtoException(GtoErrors.InvalidDvcFile,
                        $"'{path}' at commit {commit} is {size} bytes, more than the {maxBytes} Gto reads. Fix the file in a new commit.", path);
                var buffer = new MemoryStream();
                content.CopyTo(buffer);
                text = new UTF8Encoding(false).GetString(buffer.ToArray());
            });
            return text;
        }

        /// <summary>
        /// Streams each blob to <paramref name="onBlob"/> (index in <paramref name="oids"/>, size, content), in order,
        /// through one <c>git cat-file --batch</c>. A missing blob is ContentNotAvailable.
        /// </summary>
        public void ReadBlobs(IReadOnlyList<string> oids, Action<int, long, Stream> onBlob)
        {
            if (oids.Count == 0) return;
            var input = string.Concat(oids.Select(o => o + "\n"));
            var (exit, error) = GitCli.RunBinary(_root, new[] { "cat-file", "--batch" }, input, output =>
            {
                for (int i = 0; i < oids.Count; i++)
                {
                    var header = ReadLine(output);
                    var fields = header.Split(' ');
                    if (fields.Length != 3 || fields[1] != "blob")
                        throw new GtoException(GtoErrors.ContentNotAvailable,
                            $"The git object {oids[i]} is missing from the repository ({header}). Fetch the repository's objects " +
                            "(git fetch) and run the command again.", oids[i]);
                    var size = long.Parse(fields[2], CultureInfo.InvariantCulture);
                    var content = new BoundedStream(output, size);
                    onBlob(i, size, content);
                    content.Drain();
                    output.ReadByte(); // the newline after each object
                }
            }, _cancellation);
            if (exit != 0) throw Failed("read the files of", _root, error);
        }

        private static string ReadLine(Stream stream)
        {
            var bytes = new List<byte>();
            int b;
            while ((b = stream.ReadByte()) >= 0 && b != '\n') bytes.Add((byte)b);
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        /// <summary>
        /// In a partial clone, fetches the blobs of <paramref name="oids"/> that are missing below <paramref name="path"/>
        /// in one request, instead of git fetching them one by one as they are read. Elsewhere it does nothing.
        /// </summary>
        public void FetchMissing(string commit, string path, IReadOnlyCollection<string> oids)
        {
            var remote = RemoteClone.PromisorRemote(_root, _cancellation);
            if (remote == null || oids.Count == 0) return;
            // rev-list walks the trees (all present in a blob-less clone) and marks each missing blob with '?'.
            // The folder holding the path, so a single file (a blob, which rev-list cannot start from) is covered too.
            int slash = path.LastIndexOf('/');
            var folder = slash < 0 ? commit + "^{tree}" : commit + ":" + path.Substring(0, slash);
            var missing = RemoteClone.MissingObjects(_root, new[] { folder }, _cancellation);
            RemoteClone.FetchBlobs(_root, remote, oids.Where(missing.Contains).Distinct().ToList(), _cancellation);
        }

        private static GtoException Failed(string verb, string what, string error) =>
            new GtoException(GtoErrors.GitFailed, $"git could not {verb} '{what}': {error}", what);

        /// <summary>Exactly <c>length</c> bytes of the underlying stream: one blob of git's batch output.</summary>
        private sealed class BoundedStream : Stream
        {
            private readonly Stream _inner;
            private long _left;

            public BoundedStream(Stream inner, long length)
            {
                _inner = inner;
                _left = length;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_left == 0) return 0;
                int n = _inner.Read(buffer, offset, (int)Math.Min(count, _left));
                if (n == 0) throw new EndOfStreamException("git's output ended inside a blob");
                _left -= n;
                return n;
            }

            public void Drain()
            {
                var buffer = new byte[81920];
                while (Read(buffer, 0, buffer.Length) > 0) { }
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
