using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// Writes a signed annotated tag with <c>git tag -s</c>, so the user's own signing set-up signs it (gpg.format,
    /// user.signingKey, their gpg or ssh agent). The tag is what the unsigned write would make: same name, target,
    /// tagger (passed as GIT_COMMITTER_NAME/EMAIL/DATE) and message (cleaned up the way libgit2 cleans it: whitespace
    /// only, '#' lines kept), plus the signature after the message (docs/governance.md#signing).
    /// </summary>
    internal static class TagSigner
    {
        public static void CreateTag(string root, string gitDirectory, string name, string commitSha, string message, Tagger tagger,
            CancellationToken cancellation = default)
        {
            // git reads the message from a file: an argument would be limited in size, and standard input is not git's.
            var messageFile = Path.Combine(gitDirectory, "GTO_TAG_MSG_" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(messageFile, message);
            try
            {
                var environment = new Dictionary<string, string>
                {
                    ["GIT_COMMITTER_NAME"] = tagger.Name,
                    ["GIT_COMMITTER_EMAIL"] = tagger.Email,
                    ["GIT_COMMITTER_DATE"] = GitDate(tagger.When),
                };
                var (exit, _, error) = GitCli.Run(root, new[]
                {
                    "--git-dir=" + gitDirectory, "tag", "-s", "--cleanup=whitespace", "-F", messageFile, "--", name, commitSha,
                }, null, cancellation, environment);
                if (exit == 0)
                {
                    AssertSigned(root, gitDirectory, name, error, cancellation);
                    return;
                }
                if (error.Contains("already exists", StringComparison.Ordinal))
                    throw new GtoException(GtoErrors.TagExists, $"tag '{name}' already exists", name);
                throw new GtoException(GtoErrors.SigningFailed,
                    $"git could not sign the tag '{name}': {error}. Check your signing set-up with 'git tag -s test -m test' " +
                    "(gpg.format, user.signingKey, your gpg or ssh agent), or write without -Sign.", name);
            }
            finally
            {
                File.Delete(messageFile);
            }
        }

        /// <summary>
        /// git 2.39 writes the tag unsigned, and succeeds, when ssh-keygen cannot load the key (a passphrase it cannot
        /// ask for): such a tag is deleted again and the write fails.
        /// </summary>
        private static void AssertSigned(string root, string gitDirectory, string name, string gitError, CancellationToken cancellation)
        {
            var written = SignedTagObject.Read(root, gitDirectory, new[] { name }, cancellation);
            if (written.TryGetValue(name, out var tag) && tag.Signature != null) return;
            GitCli.Run(root, new[] { "--git-dir=" + gitDirectory, "tag", "-d", "--", name });
            throw new GtoException(GtoErrors.SigningFailed,
                $"git wrote the tag '{name}' without a signature{(gitError.Length > 0 ? $" ({gitError})" : "")}, so it was deleted again. " +
                "Make your signing key usable without a prompt (load it into ssh-agent or gpg-agent), check it with " +
                "'git tag -s test -m test', then re-run the command (or write without -Sign).", name);
        }

        /// <summary>git's internal date form, "@seconds +hhmm", which keeps the tagger's own UTC offset exactly.</summary>
        private static string GitDate(DateTimeOffset when)
        {
            var offset = when.Offset;
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            offset = offset.Duration();
            return string.Format(CultureInfo.InvariantCulture, "@{0} {1}{2:00}{3:00}", when.ToUnixTimeSeconds(), sign, offset.Hours, offset.Minutes);
        }
    }
}
