using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// A tag object split the way git splits it for verification: the payload that was signed, and the signature
    /// block after it (the last line that opens a signature of a known kind starts it).
    /// </summary>
    internal sealed class SignedTagObject
    {
        private static readonly (string Marker, string Format)[] Markers =
        {
            ("-----BEGIN PGP SIGNATURE-----", "openpgp"),
            ("-----BEGIN PGP MESSAGE-----", "openpgp"),
            ("-----BEGIN SIGNED MESSAGE-----", "x509"),
            ("-----BEGIN SSH SIGNATURE-----", "ssh"),
        };

        private SignedTagObject(string name, byte[] payload, byte[]? signature, string? format, DateTimeOffset? taggerTime)
        {
            Name = name;
            Payload = payload;
            Signature = signature;
            Format = format;
            TaggerTime = taggerTime;
        }

        public string Name { get; }
        public byte[] Payload { get; }
        /// <summary>The signature block, or null for an unsigned tag.</summary>
        public byte[]? Signature { get; }
        /// <summary>ssh, openpgp or x509; null for an unsigned tag.</summary>
        public string? Format { get; }
        /// <summary>The tagger time, which ssh-keygen checks against a key's valid-after and valid-before (as git does).</summary>
        public DateTimeOffset? TaggerTime { get; }

        public static SignedTagObject Split(string name, byte[] raw)
        {
            int match = raw.Length, line = 0;
            string? format = null;
            while (line < raw.Length)
            {
                foreach (var (marker, kind) in Markers)
                    if (StartsWith(raw, line, marker)) { match = line; format = kind; }
                int eol = Array.IndexOf(raw, (byte)'\n', line);
                line = eol < 0 ? raw.Length : eol + 1;
            }
            var payload = raw.AsSpan(0, match).ToArray();
            var signature = format == null ? null : raw.AsSpan(match).ToArray();
            return new SignedTagObject(name, payload, signature, format, TaggerTimeOf(payload));
        }

        private static bool StartsWith(byte[] raw, int at, string marker)
        {
            if (raw.Length - at < marker.Length) return false;
            for (int i = 0; i < marker.Length; i++)
                if (raw[at + i] != marker[i]) return false;
            return true;
        }

        /// <summary>The time of the "tagger Name &lt;email&gt; seconds +hhmm" header line.</summary>
        private static DateTimeOffset? TaggerTimeOf(byte[] payload)
        {
            foreach (var header in Encoding.UTF8.GetString(payload).Split('\n'))
            {
                if (header.Length == 0) break; // the blank line ends the headers
                if (!header.StartsWith("tagger ", StringComparison.Ordinal)) continue;
                var close = header.LastIndexOf('>');
                var parts = header.Substring(close + 1).Trim().Split(' ');
                if (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
                    seconds < 253402300799)
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            return null;
        }

        /// <summary>
        /// The tag objects of <paramref name="tags"/>, read by one <c>git cat-file --batch</c>; a name that is not
        /// an annotated tag is left out.
        /// </summary>
        public static Dictionary<string, SignedTagObject> Read(string root, string gitDirectory, IReadOnlyCollection<string> tags,
            CancellationToken cancellation = default)
        {
            var result = new Dictionary<string, SignedTagObject>(StringComparer.Ordinal);
            if (tags.Count == 0) return result;
            var input = new StringBuilder();
            var names = new List<string>(tags);
            foreach (var tag in names) input.Append("refs/tags/").Append(tag).Append('\n');
            var (exit, output, error) = GitCli.RunBytes("git", root, new[] { "--git-dir=" + gitDirectory, "cat-file", "--batch" },
                Encoding.UTF8.GetBytes(input.ToString()), cancellation);
            if (exit != 0)
                throw new GtoException(GtoErrors.GitFailed, $"git could not read the tag objects to verify: {error}", gitDirectory);
            // Each answer is "<sha> <type> <size>\n<content>\n", or "<name> missing\n", in the order asked.
            int at = 0;
            foreach (var tag in names)
            {
                int eol = Array.IndexOf(output, (byte)'\n', at);
                if (eol < 0) break;
                var header = Encoding.UTF8.GetString(output, at, eol - at).Split(' ');
                at = eol + 1;
                if (header.Length != 3) continue;
                int size = int.Parse(header[2], NumberStyles.None, CultureInfo.InvariantCulture);
                if (header[1] == "tag") result[tag] = Split(tag, output.AsSpan(at, size).ToArray());
                at += size + 1;
            }
            return result;
        }
    }
}
