using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Gto.Engine.Git
{
    /// <summary>
    /// A remote repository (https, ssh, git, file URL, or scp-style user@host:path) cloned bare into a temporary
    /// folder for one command, with the installed git so the user's transports and credentials apply. The clone
    /// has no work tree: tags, commits and annotation files are all read from its object store. Disposing deletes it.
    /// </summary>
    internal sealed class RemoteClone : IDisposable
    {
        // scheme://..., git's <transport>::<address> (remote helpers, and ext:: which is refused), or scp-style user@host:path.
        private static readonly Regex UrlRegex = new Regex(@"^(?:[A-Za-z][A-Za-z0-9+.\-]*://|[A-Za-z][A-Za-z0-9+.\-]*::|[^/\\:@\s]+@[^/\\:\s]+:)", RegexOptions.CultureInvariant);
        // "Receiving objects:  45% (450/1000)", or the server's "remote: Counting objects:  11% (1/9)".
        private static readonly Regex PercentRegex = new Regex(@"^(?:remote: )?(?<what>[A-Za-z ]+):\s+(?<pct>\d+)%", RegexOptions.CultureInvariant);

        private RemoteClone(string url, string path)
        {
            Url = Redaction.Url(url);
            Path = path;
        }

        /// <summary>The URL cloned, with any credentials in it replaced by <c>***</c> (see <see cref="Redaction"/>).</summary>
        public string Url { get; }
        /// <summary>The bare clone's folder.</summary>
        public string Path { get; }

        /// <summary>True when <paramref name="repository"/> is a URL rather than a local path.</summary>
        public static bool IsUrl(string repository) => UrlRegex.IsMatch(repository);

        /// <summary>Clones <paramref name="url"/>; <paramref name="progress"/> gets git's phases ("Receiving objects", percent).</summary>
        /// <remarks>
        /// Every message names the URL with its credentials redacted; git itself is given the real one. Cancelling
        /// <paramref name="cancellation"/> kills git, removes the partial clone and throws OperationCanceledException.
        /// </remarks>
        public static RemoteClone Create(string url, Action<string, int>? progress = null, CancellationToken cancellation = default)
        {
            GitRemote.AssertSafe(url, "-Repository");
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gto-remote-" + Guid.NewGuid().ToString("N"));
            var line = new StringBuilder();
            void OnError(char c)
            {
                // git redraws progress with carriage returns; each \r or \n ends one report.
                if (c != '\r' && c != '\n') { line.Append(c); return; }
                var m = PercentRegex.Match(line.ToString());
                if (m.Success) progress?.Invoke(m.Groups["what"].Value, int.Parse(m.Groups["pct"].Value, System.Globalization.CultureInfo.InvariantCulture));
                line.Clear();
            }
            // --quiet would also silence --progress; without progress wanted, stay quiet.
            // A partial clone (docs/performance.md#remote-registries-partial-clone): tags, commits and trees, but no file
            // content beyond the annotation files fetched next. A server that does not allow filters sends everything.
            var args = new List<string>(GitCli.NoCommandTransports) { "clone", "--bare", "--filter=blob:none", progress != null ? "--progress" : "--quiet", "--", url, path };
            int exit;
            string error;
            try
            {
                (exit, _, error) = GitCli.Run(System.IO.Path.GetTempPath(), args, OnError, cancellation);
                if (exit == 0 && !FetchAnnotationFiles(path, cancellation))
                {
                    // The server gave a partial clone but refuses to send blobs by id: clone everything, as before.
                    Delete(path);
                    args.Remove("--filter=blob:none");
                    (exit, _, error) = GitCli.Run(System.IO.Path.GetTempPath(), args, OnError, cancellation);
                }
            }
            catch
            {
                // Stopped (Ctrl+C, or the progress callback failing): git is gone, so is what it had received.
                Delete(path);
                throw;
            }
            if (exit != 0)
            {
                Delete(path);
                // Keep git's messages, not its progress lines.
                var messages = string.Join("\n", error.Split('\r', '\n')
                    .Where(l => l.Length > 0 && !PercentRegex.IsMatch(l) && !l.StartsWith("Cloning into", StringComparison.Ordinal)));
                var shown = Redaction.Url(url);
                throw new GtoException(GtoErrors.CloneFailed,
                    $"Failed to clone repo '{shown}': {Redaction.Text(messages, url)}\nCheck the URL and that your git can reach it " +
                    "(credentials, ssh keys).", shown);
            }
            Redaction.Remember(url);
            return new RemoteClone(url, path);
        }

        public void Dispose() => Delete(Path);

        // The files the registry reads with libgit2 (which cannot fetch what a partial clone lacks), by name.
        private static readonly string[] AnnotationFileNames = { RegistryConfigFileName, "artifacts.yaml", "dvc.yaml" };
        private const string RegistryConfigFileName = ".gto";

        /// <summary>
        /// In a partial clone, fetches every version in history of the files the registry reads (<c>.gto</c>, the
        /// annotation index, every <c>dvc.yaml</c>) in one request. False when the server refuses to send them.
        /// </summary>
        private static bool FetchAnnotationFiles(string gitDir, CancellationToken cancellation)
        {
            var remote = PromisorRemote(gitDir, cancellation);
            if (remote == null) return true;
            // Only what is missing: a transport without filters (dumb HTTP) sent everything and cannot send blobs by id.
            var missing = MissingObjects(gitDir, new[] { "--all" }, cancellation);
            if (missing.Count == 0) return true;
            var changes = ChangedFiles(gitDir, cancellation).Where(c => missing.Contains(c.Oid)).ToList();
            var wanted = changes.Where(c => AnnotationFileNames.Contains(c.Path.Substring(c.Path.LastIndexOf('/') + 1))).Select(c => c.Oid).ToList();
            if (!FetchBlobs(gitDir, remote, wanted, cancellation)) return false;
            // .gto may move the index elsewhere: fetch that file's versions too.
            var (exit, config, _) = GitCli.Run(gitDir, new[] { "cat-file", "blob", "HEAD:" + RegistryConfigFileName }, null, cancellation);
            if (exit != 0) return true;
            string index;
            try
            {
                index = Config.RegistryConfig.Parse(config, RegistryConfigFileName).Index;
            }
            catch (GtoException)
            {
                // The registry reports a bad .gto when it reads it.
                return true;
            }
            return FetchBlobs(gitDir, remote, changes.Where(c => c.Path == index).Select(c => c.Oid).ToList(), cancellation);
        }

        /// <summary>Every (path, blob) a commit of any ref added or changed: tree diffs only, so no blob is needed.</summary>
        private static List<(string Path, string Oid)> ChangedFiles(string gitDir, CancellationToken cancellation)
        {
            var (exit, output, _) = GitCli.Run(gitDir, new[] { "log", "--all", "-m", "--no-renames", "--format=", "--raw", "--no-abbrev", "-z" }, null, cancellation);
            var result = new List<(string, string)>();
            if (exit != 0) return result;
            // ":<old mode> <new mode> <old oid> <new oid> <status>" NUL "<path>" NUL, repeated.
            var fields = output.Split('\0');
            for (int i = 0; i + 1 < fields.Length; i += 2)
            {
                var meta = fields[i].TrimStart('\n').Split(' ');
                if (meta.Length < 5 || meta[1] == "160000" || meta[3].Trim('0').Length == 0) continue;
                result.Add((fields[i + 1], meta[3]));
            }
            return result;
        }

        /// <summary>The objects reachable from <paramref name="revisions"/> that a partial clone lacks (walking trees only).</summary>
        internal static HashSet<string> MissingObjects(string gitDir, IEnumerable<string> revisions, CancellationToken cancellation)
        {
            var args = new List<string> { "rev-list", "--objects", "--missing=print" };
            args.AddRange(revisions);
            var (exit, output, _) = GitCli.Run(gitDir, args, null, cancellation);
            var missing = new HashSet<string>(StringComparer.Ordinal);
            if (exit != 0) return missing;
            foreach (var line in output.Split('\n'))
                if (line.StartsWith('?')) missing.Add(line.Substring(1).Trim());
            return missing;
        }

        /// <summary>The remote a partial clone fetches missing objects from, or null when the repository is complete.</summary>
        internal static string? PromisorRemote(string gitDir, CancellationToken cancellation)
        {
            var (exit, output, _) = GitCli.Run(gitDir, new[] { "config", "--get-regexp", @"^remote\..*\.promisor$" }, null, cancellation);
            if (exit != 0) return null;
            foreach (var line in output.Split('\n'))
            {
                var parts = line.Trim().Split(' ');
                if (parts.Length == 2 && parts[1] == "true")
                    return parts[0].Substring("remote.".Length, parts[0].Length - "remote.".Length - ".promisor".Length);
            }
            return null;
        }

        /// <summary>Fetches blobs by id from a partial clone's remote, in one request; false when the server refuses.</summary>
        internal static bool FetchBlobs(string gitDir, string remote, IReadOnlyCollection<string> oids, CancellationToken cancellation)
        {
            if (oids.Count == 0) return true;
            var args = new List<string>(GitCli.NoCommandTransports)
            {
                "-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                "--recurse-submodules=no", "--filter=blob:none", "--stdin", "--", remote,
            };
            var (exit, _) = GitCli.RunBinary(gitDir, args, string.Concat(oids.Distinct().Select(o => o + "\n")), output => output.CopyTo(Stream.Null), cancellation);
            return exit == 0;
        }

        private static void Delete(string path)
        {
            if (!Directory.Exists(path)) return;
            // Pack files are read-only on Windows; clear the flag so the folder can go.
            foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(path, true);
        }
    }
}
