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
            var args = new List<string>(GitCli.NoCommandTransports) { "clone", "--bare", progress != null ? "--progress" : "--quiet", "--", url, path };
            int exit;
            string error;
            try
            {
                (exit, _, error) = GitCli.Run(System.IO.Path.GetTempPath(), args, OnError, cancellation);
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

        private static void Delete(string path)
        {
            if (!Directory.Exists(path)) return;
            // Pack files are read-only on Windows; clear the flag so the folder can go.
            foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(path, true);
        }
    }
}
