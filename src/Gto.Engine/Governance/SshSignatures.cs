using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// Checks ssh signatures as <c>git verify-tag</c> does: the signer must be a principal of
    /// <c>gpg.ssh.allowedSignersFile</c>, and <c>ssh-keygen -Y verify</c> (namespace git, at the tagger time) must
    /// accept the signature. The principal is found here, from the key inside the signature, instead of by a second
    /// ssh-keygen run per tag (docs/governance.md#verification).
    /// </summary>
    internal sealed class SshSignatures
    {
        private readonly string _program;
        private readonly string? _allowedSigners;
        private readonly string? _revocations;
        private readonly Dictionary<string, string> _principalByKey;

        public SshSignatures(SigningConfig config)
        {
            _program = config.Program("ssh");
            _allowedSigners = config.AllowedSignersFile;
            _revocations = config.RevocationFile;
            _principalByKey = _allowedSigners != null && File.Exists(_allowedSigners)
                ? ReadAllowedSigners(File.ReadAllLines(_allowedSigners)) : new Dictionary<string, string>(StringComparer.Ordinal);
        }

        public TagSignature Verify(SignedTagObject tag, string workFolder, CancellationToken cancellation)
        {
            var key = SignerKey(tag.Signature!);
            if (key == null) return new TagSignature(tag.Name, SignatureStatus.Invalid, "ssh", null, null, "the ssh signature cannot be read");
            var fingerprint = Fingerprint(key);
            if (_allowedSigners == null || !File.Exists(_allowedSigners))
                return new TagSignature(tag.Name, SignatureStatus.UnknownKey, "ssh", null, fingerprint,
                    "gpg.ssh.allowedSignersFile is not set or does not exist, so no ssh key is trusted");
            if (!_principalByKey.TryGetValue(key, out var principal))
                return new TagSignature(tag.Name, SignatureStatus.UnknownKey, "ssh", null, fingerprint,
                    $"the key {fingerprint} is not in the allowed-signers file '{_allowedSigners}'");
            var signatureFile = Path.Combine(workFolder, Guid.NewGuid().ToString("N") + ".sig");
            File.WriteAllBytes(signatureFile, tag.Signature!);
            var args = new List<string> { "-Y", "verify", "-n", "git", "-f", _allowedSigners, "-I", principal, "-s", signatureFile };
            if (_revocations != null) args.AddRange(new[] { "-r", _revocations });
            if (tag.TaggerTime is DateTimeOffset time)
                args.Add("-Overify-time=" + time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z");
            var (exit, output, error) = GitCli.RunBytes(_program, workFolder, args, tag.Payload, cancellation);
            File.Delete(signatureFile);
            return exit == 0
                ? new TagSignature(tag.Name, SignatureStatus.Valid, "ssh", principal, fingerprint, null)
                : new TagSignature(tag.Name, SignatureStatus.Invalid, "ssh", principal, fingerprint,
                    FirstLine(error.Length > 0 ? error : Encoding.UTF8.GetString(output)));
        }

        private static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "ssh-keygen refused the signature";

        /// <summary>"SHA256:..." as ssh-keygen prints a key's fingerprint.</summary>
        public static string Fingerprint(string keyBase64) =>
            "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(keyBase64))).TrimEnd('=');

        /// <summary>
        /// The public key (base64 of its blob, as an allowed-signers line writes it) inside an armored SSHSIG:
        /// "SSHSIG", a version, then the key as an ssh string.
        /// </summary>
        public static string? SignerKey(byte[] armored)
        {
            var lines = Encoding.ASCII.GetString(armored).Split('\n').Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(string.Concat(lines));
            }
            catch (FormatException)
            {
                return null;
            }
            if (blob.Length < 14 || Encoding.ASCII.GetString(blob, 0, 6) != "SSHSIG") return null;
            long length = (long)blob[10] << 24 | (long)blob[11] << 16 | (long)blob[12] << 8 | blob[13];
            if (length <= 0 || 14 + length > blob.Length) return null;
            return Convert.ToBase64String(blob, 14, (int)length);
        }

        /// <summary>
        /// Key (base64 blob) to principal, from the lines of an allowed-signers file: "principals [options] keytype key".
        /// Certificate authorities are not matched (a signature by a certified key reads as UnknownKey).
        /// </summary>
        public static Dictionary<string, string> ReadAllowedSigners(IEnumerable<string> lines)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = Fields(line);
                if (fields.Count < 3) continue;
                int keyType = IsKeyType(fields[1]) ? 1 : 2;
                if (keyType + 1 >= fields.Count || !IsKeyType(fields[keyType])) continue;
                if (keyType == 2 && fields[1].Split(',').Any(o => o.Equals("cert-authority", StringComparison.OrdinalIgnoreCase))) continue;
                var principal = fields[0].Split(',')[0].Trim('"');
                result.TryAdd(fields[keyType + 1], principal);
            }
            return result;
        }

        private static bool IsKeyType(string field) =>
            field.StartsWith("ssh-", StringComparison.Ordinal) || field.StartsWith("ecdsa-", StringComparison.Ordinal) ||
            field.StartsWith("sk-", StringComparison.Ordinal);

        /// <summary>Whitespace-separated fields; double quotes keep spaces inside one (options such as namespaces="a b").</summary>
        private static List<string> Fields(string line)
        {
            var fields = new List<string>();
            var current = new StringBuilder();
            bool quoted = false;
            foreach (var c in line)
            {
                if (c == '"') quoted = !quoted;
                if (!quoted && char.IsWhiteSpace(c))
                {
                    if (current.Length > 0) fields.Add(current.ToString());
                    current.Clear();
                }
                else current.Append(c);
            }
            if (current.Length > 0) fields.Add(current.ToString());
            return fields;
        }
    }
}
