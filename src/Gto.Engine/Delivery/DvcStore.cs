using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// A place DVC objects are read from: a cache or a local/mounted remote folder, or an http(s) remote. Both lay
    /// objects out the same way: <c>ab/cdef…</c> (DVC 2) or <c>files/md5/ab/cdef…</c> (DVC 3).
    /// </summary>
    internal abstract class DvcStore
    {
        // scheme://..., or git's <transport>::<address> (ext:: runs a command), which no DVC remote is written as.
        private static readonly Regex SchemeRegex = new Regex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)(?<separator>://|::)", RegexOptions.CultureInvariant);
        // What comes between file:// and the path: only file:///path (nothing there) names a folder of this machine.
        private static readonly Regex FileAuthorityRegex = new Regex(@"^file://(?<authority>[^/]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>How the store is named in messages (credentials redacted).</summary>
        public abstract string Name { get; }

        /// <summary>The object at a store-relative path, or null when the store does not have it.</summary>
        public abstract Stream? Open(string relative, CancellationToken cancellation);

        /// <summary>
        /// The store a remote URL names: http(s), file:// or a folder (relative ones are read from <paramref name="dvcFolder"/>,
        /// the .dvc folder of a work tree). Other kinds are DvcRemoteNotSupported.
        /// </summary>
        public static DvcStore ForUrl(string url, string? dvcFolder, string remoteName)
        {
            var m = SchemeRegex.Match(url);
            var scheme = m.Success ? m.Groups["scheme"].Value.ToLowerInvariant() : "";
            var transport = m.Success && m.Groups["separator"].Value == "::";
            if (!transport && (scheme == "http" || scheme == "https")) return new HttpStore(url);
            var authority = FileAuthorityRegex.Match(url).Groups["authority"].Value;
            if (!transport && scheme == "file" && authority.Length == 0 && Uri.TryCreate(url, UriKind.Absolute, out var file))
                return new FolderStore(file.LocalPath);
            if (scheme.Length == 0 && (Path.IsPathRooted(url) || dvcFolder != null))
                return new FolderStore(Path.GetFullPath(Path.Combine(dvcFolder ?? "", url)));
            // Both are shown redacted: -DvcRemote may be the URL itself, password included.
            var name = Redaction.Url(remoteName);
            var shown = Redaction.Url(url);
            throw new GtoException(GtoErrors.DvcRemoteNotSupported,
                $"The DVC remote '{name}'{(shown == name ? "" : $" ({shown})")} is {Kind(scheme, transport, authority)}; Gto reads " +
                "DVC content only from local or mounted folders and http(s) remotes. Run 'dvc pull' in a clone of the repository " +
                "instead, or pass -DvcRemote with a folder or http(s) URL holding the same objects.", name);
        }

        /// <summary>Why a remote URL is not one Gto reads, in words.</summary>
        private static string Kind(string scheme, bool transport, string fileAuthority)
        {
            if (transport) return $"git's {scheme}:: transport (it would run a command or reach a helper), which no DVC remote uses";
            // The host only (after the last '@'): what precedes it may be a password.
            if (scheme == "file" && fileAuthority.Length > 0)
                return $"a file URL naming the host '{fileAuthority.Substring(fileAuthority.LastIndexOf('@') + 1)}', which Gto " +
                    "does not reach: mount the share and give its folder";
            if (scheme == "file") return "not a file URL Gto can read (write it as file:///path)";
            return scheme.Length == 0 ? "a relative folder, which a registry without a work tree cannot resolve" : $"a {scheme} remote";
        }

        /// <summary>A folder: a DVC cache, or a remote on a local or mounted file system.</summary>
        internal sealed class FolderStore : DvcStore
        {
            private readonly string _folder;

            public FolderStore(string folder) => _folder = folder;

            public override string Name => _folder;

            public override Stream? Open(string relative, CancellationToken cancellation)
            {
                var path = Path.Combine(_folder, relative);
                try
                {
                    return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
                }
                catch (FileNotFoundException)
                {
                    return null;
                }
            }
        }

        /// <summary>An http(s) remote, read with plain GET requests.</summary>
        internal sealed class HttpStore : DvcStore
        {
            private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };

            private readonly string _url;

            public HttpStore(string url) => _url = url.TrimEnd('/');

            public override string Name => Redaction.Url(_url);

            public override Stream? Open(string relative, CancellationToken cancellation)
            {
                HttpResponseMessage response;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, _url + "/" + relative);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                    timeout.CancelAfter(TimeSpan.FromSeconds(100));
                    response = Client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellation.IsCancellationRequested))
                {
                    throw Failed(ex.Message, ex);
                }
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    response.Dispose();
                    return null;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var status = (int)response.StatusCode;
                    response.Dispose();
                    throw Failed($"it answered {status} for {relative}", null);
                }
                return response.Content.ReadAsStream(cancellation);
            }

            private GtoException Failed(string why, Exception? inner) =>
                new GtoException(GtoErrors.DvcRemoteFailed,
                    $"The DVC remote '{Name}' could not be read: {why}. Check the URL and that this machine can reach it.", Name, inner);
        }
    }
}
