using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// Checks openpgp (gpg) and x509 (gpgsm) signatures as <c>git verify-tag</c> does: the program's status lines
    /// decide, a good signature counts when its key's trust reaches <c>gpg.minTrustLevel</c> (any trust when unset,
    /// as in git), and the keyring in use (GNUPGHOME) is what is trusted (docs/governance.md#verification).
    /// </summary>
    internal sealed class GpgSignatures
    {
        private static readonly string[] TrustLevels = { "undefined", "never", "marginal", "fully", "ultimate" };
        private readonly SigningConfig _config;

        public GpgSignatures(SigningConfig config) => _config = config;

        public TagSignature Verify(SignedTagObject tag, string workFolder, CancellationToken cancellation)
        {
            var format = tag.Format!;
            var signatureFile = Path.Combine(workFolder, Guid.NewGuid().ToString("N") + ".sig");
            File.WriteAllBytes(signatureFile, tag.Signature!);
            var args = new List<string> { "--status-fd=1" };
            if (format == "openpgp") args.Add("--keyid-format=long");
            args.AddRange(new[] { "--verify", signatureFile, "-" });
            var (exit, output, error) = GitCli.RunBytes(_config.Program(format), workFolder, args, tag.Payload, cancellation);
            File.Delete(signatureFile);
            if (exit == -1 && output.Length == 0) return new TagSignature(tag.Name, SignatureStatus.Invalid, format, null, null, error);
            return Read(tag.Name, format, Encoding.UTF8.GetString(output), _config.MinTrustLevel);
        }

        /// <summary>The verdict of gpg's <c>--status-fd</c> lines ("[GNUPG:] GOODSIG keyid uid", VALIDSIG, TRUST_*, ...).</summary>
        public static TagSignature Read(string tag, string format, string status, string? minTrustLevel)
        {
            string? good = null, bad = null, problem = null, fingerprint = null, keyId = null, trust = null;
            bool noKey = false;
            foreach (var line in status.Split('\n'))
            {
                if (!line.StartsWith("[GNUPG:] ", StringComparison.Ordinal)) continue;
                var parts = line.Substring(9).TrimEnd('\r').Split(' ');
                var rest = parts.Length > 2 ? string.Join(" ", parts, 2, parts.Length - 2) : null;
                switch (parts[0])
                {
                    case "GOODSIG": keyId = parts[1]; good = rest; break;
                    case "BADSIG": keyId = parts[1]; bad = rest ?? parts[1]; break;
                    case "EXPSIG": keyId = parts[1]; problem = "the signature has expired"; break;
                    case "EXPKEYSIG": keyId = parts[1]; problem = "the signing key has expired"; break;
                    case "REVKEYSIG": keyId = parts[1]; problem = "the signing key was revoked"; break;
                    case "ERRSIG": keyId = parts.Length > 1 ? parts[1] : null; break;
                    case "NO_PUBKEY": noKey = true; keyId = parts.Length > 1 ? parts[1] : keyId; break;
                    // The primary key's fingerprint (last field) names the key, as git reports it.
                    case "VALIDSIG": fingerprint = parts.Length > 10 ? parts[10] : parts[1]; break;
                    default:
                        if (parts[0].StartsWith("TRUST_", StringComparison.Ordinal)) trust = parts[0].Substring(6).ToLowerInvariant();
                        break;
                }
            }
            var id = fingerprint ?? keyId;
            if (bad != null) return new TagSignature(tag, SignatureStatus.Invalid, format, bad, id, "the signature does not match the tag (BADSIG)");
            if (problem != null) return new TagSignature(tag, SignatureStatus.Invalid, format, good, id, problem);
            if (good != null)
            {
                if (minTrustLevel != null && Array.IndexOf(TrustLevels, trust ?? "undefined") < Array.IndexOf(TrustLevels, minTrustLevel))
                    return new TagSignature(tag, SignatureStatus.UnknownKey, format, good, id,
                        $"the key's trust ({trust ?? "undefined"}) is below gpg.minTrustLevel ({minTrustLevel})");
                return new TagSignature(tag, SignatureStatus.Valid, format, good, id, null);
            }
            if (noKey) return new TagSignature(tag, SignatureStatus.UnknownKey, format, null, id, $"the key {id} is not in the keyring");
            return new TagSignature(tag, SignatureStatus.Invalid, format, null, id, "the signature cannot be checked");
        }
    }
}
