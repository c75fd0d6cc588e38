using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Hides the secrets a repository URL may carry, in the URL itself and in any text (git's own messages too),
    /// so they never reach an error, a verbose line, a progress record or an output object.
    /// </summary>
    /// <remarks>
    /// Rules: <c>scheme://user:password@host</c> becomes <c>scheme://user:***@host</c> (the user name stays, it
    /// says which account); a lone user name over http, https, ftp or ftps (<c>https://TOKEN@host</c>, the way
    /// hosting services take access tokens) becomes <c>***@host</c>, while over ssh, git and others a lone user name
    /// carries no secret and stays. The userinfo runs to the last '@' before the path, so a password with a raw '@'
    /// is hidden whole; a percent-encoded password is hidden as it is written. In a query string the value of every
    /// parameter whose name mentions a secret (token, password, secret, key, sig, auth, credential, ...) becomes
    /// <c>***</c>. scp-style <c>user@host:path</c> has no place for a password and is left as it is.
    /// </remarks>
    internal static class Redaction
    {
        public const string Mask = "***";

        // scheme://userinfo@ — userinfo stops at '/', '?', '#' or whitespace and runs to the last '@' before them.
        private static readonly Regex UserInfo = new Regex(
            @"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<info>[^/?#\s@]*(?:@[^/?#\s@]*)*)@",
            RegexOptions.CultureInvariant);

        private static readonly Regex SecretQuery = new Regex(
            @"(?<name>[?&;](?:[A-Za-z0-9_.\-]*(?:token|passw(?:or)?d|pwd|secret|key|sig|auth|credential|session)[A-Za-z0-9_.\-]*)=)(?<value>[^&#\s]*)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly string[] TokenSchemes = { "http://", "https://", "ftp://", "ftps://" };

        // The real URL of each redacted form this process has cloned, so an object's Repository can be given back
        // as -Repository (pipeline input by property name) and still reach the server with its credentials.
        private static readonly ConcurrentDictionary<string, string> Remembered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The URL with its secrets replaced by <c>***</c>; anything else unchanged.</summary>
        public static string Url(string url) => Text(url);

        /// <summary>Every URL in <paramref name="text"/> redacted; also any literal secret of <paramref name="url"/>.</summary>
        public static string Text(string text, string? url = null)
        {
            var result = SecretQuery.Replace(UserInfo.Replace(text, RedactUserInfo), m => m.Groups["name"].Value + Mask);
            if (url == null) return result;
            foreach (var secret in Secrets(url))
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            return result;
        }

        /// <summary>Remembers which real URL a redacted one stands for (call once the real URL has worked).</summary>
        public static void Remember(string url)
        {
            var shown = Url(url);
            if (shown != url) Remembered[shown] = url;
        }

        /// <summary>The real URL behind a redacted one this process has remembered; otherwise the value itself.</summary>
        public static string Recall(string value) => Remembered.TryGetValue(value, out var url) ? url : value;

        private static string RedactUserInfo(Match m)
        {
            var scheme = m.Groups["scheme"].Value;
            var secret = SecretOf(scheme, m.Groups["info"].Value);
            return secret == null ? m.Value : m.Value.Substring(0, m.Length - 1 - secret.Length) + Mask + "@";
        }

        /// <summary>The part of a URL's userinfo that is a secret (the tail of the userinfo), or null when none is.</summary>
        private static string? SecretOf(string scheme, string info)
        {
            int colon = info.IndexOf(':');
            if (colon >= 0) return info.Substring(colon + 1);
            foreach (var s in TokenSchemes)
                if (scheme.Equals(s, StringComparison.OrdinalIgnoreCase)) return info;
            return null;
        }

        // The secret of a URL as written and percent-decoded, for text that repeats it outside a URL. Short ones are
        // left to the URL rules: replacing every "ab" in a message would hide more than it protects.
        private static string[] Secrets(string url)
        {
            var m = UserInfo.Match(url);
            var secret = m.Success ? SecretOf(m.Groups["scheme"].Value, m.Groups["info"].Value) : null;
            if (secret == null || secret.Length < 4) return Array.Empty<string>();
            return new[] { secret, Uri.UnescapeDataString(secret) };
        }
    }
}
