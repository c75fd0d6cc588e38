using System;
using System.Collections.Generic;
using System.IO;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// The user's git signing set-up, read with git itself (one <c>git config</c> call), so every config file and
    /// <c>GIT_CONFIG_*</c> variable git honours applies: the same keys, programs and allowed-signers file
    /// <c>git tag -s</c> and <c>git verify-tag</c> use (docs/governance.md#signing).
    /// </summary>
    internal sealed class SigningConfig
    {
        private readonly Dictionary<string, string> _values;
        private readonly string _root;

        private SigningConfig(Dictionary<string, string> values, string root)
        {
            _values = values;
            _root = root;
        }

        public static SigningConfig Read(string root, string gitDirectory)
        {
            // Keys come back lower-cased (section and name are case-insensitive in git); the last value wins, as in git.
            var (exit, output, error) = GitCli.Run(root, new[] { "--git-dir=" + gitDirectory, "config", "-z", "--get-regexp",
                @"^(gpg\.|tag\.gpgsign$|user\.signingkey$)" });
            // Exit code 1: none of these keys is set.
            if (exit != 0 && exit != 1)
                throw new GtoException(GtoErrors.GitFailed, $"git could not read the signing configuration: {error}", gitDirectory);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                int newline = entry.IndexOf('\n');
                if (newline < 0) values[entry] = "true"; // a key without "= value" is boolean true
                else values[entry.Substring(0, newline)] = entry.Substring(newline + 1);
            }
            return new SigningConfig(values, root);
        }

        private string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

        /// <summary><c>tag.gpgSign</c>: the user wants every annotated tag signed.</summary>
        public bool SignByDefault => IsTrue(Get("tag.gpgsign"));

        /// <summary><c>gpg.format</c>: openpgp (git's default), ssh or x509.</summary>
        public string Format => (Get("gpg.format") ?? "openpgp").ToLowerInvariant();

        /// <summary><c>user.signingKey</c>, or null (gpg then picks the key from the committer's e-mail).</summary>
        public string? SigningKey => Get("user.signingkey");

        /// <summary>The program git runs for a signature format (<c>gpg.&lt;format&gt;.program</c>, for openpgp also <c>gpg.program</c>).</summary>
        public string Program(string format) => format switch
        {
            "ssh" => Get("gpg.ssh.program") ?? "ssh-keygen",
            "x509" => Get("gpg.x509.program") ?? "gpgsm",
            _ => Get("gpg.openpgp.program") ?? Get("gpg.program") ?? "gpg",
        };

        /// <summary><c>gpg.minTrustLevel</c>: the least gpg trust a good openpgp signature needs (unset: any, as in git).</summary>
        public string? MinTrustLevel => Get("gpg.mintrustlevel")?.ToLowerInvariant();

        /// <summary>
        /// <c>gpg.ssh.allowedSignersFile</c> as a full path (<c>~/</c> is the home folder; a relative path is taken
        /// from the repository root, where Gto runs git), or null when it is not set.
        /// </summary>
        public string? AllowedSignersFile => ConfigPath("gpg.ssh.allowedsignersfile");

        /// <summary><c>gpg.ssh.revocationFile</c> as a full path, or null.</summary>
        public string? RevocationFile => ConfigPath("gpg.ssh.revocationfile");

        private string? ConfigPath(string key)
        {
            var value = Get(key);
            if (string.IsNullOrEmpty(value)) return null;
            if (value.StartsWith("~/", StringComparison.Ordinal))
                value = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value.Substring(2));
            return Path.GetFullPath(value, _root);
        }

        private static bool IsTrue(string? value) =>
            value != null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase) ||
                              value.Equals("on", StringComparison.OrdinalIgnoreCase) || value == "1");
    }
}
