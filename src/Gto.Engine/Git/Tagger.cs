using System;

namespace Gto.Engine.Git
{
    /// <summary>Who writes a tag and when, found the way git finds it (docs/tag-format.md#tagger-identity-and-time).</summary>
    internal sealed class Tagger
    {
        public Tagger(string name, string email, DateTimeOffset when)
        {
            Name = name;
            Email = email;
            When = when;
        }

        public string Name { get; }
        public string Email { get; }
        public DateTimeOffset When { get; }

        /// <summary>
        /// Asks git itself (<c>git var GIT_COMMITTER_IDENT</c>), so the identity follows every rule git follows:
        /// GIT_COMMITTER_NAME/EMAIL, the repository, global (HOME, XDG, GIT_CONFIG_GLOBAL) and system config, and
        /// GIT_COMMITTER_DATE, all from the current environment. <c>user.useConfigOnly</c> stops git from guessing
        /// an identity from the host name: a registry tag should name a real person or bot.
        /// </summary>
        internal static Tagger Resolve(string repositoryRoot, string gitDirectory)
        {
            var (exit, output, error) = GitCli.Run(repositoryRoot,
                new[] { "--git-dir=" + gitDirectory, "-c", "user.useConfigOnly=true", "var", "GIT_COMMITTER_IDENT" });
            // git refuses a GIT_COMMITTER_DATE it cannot parse ("fatal: invalid date format: ...").
            if (exit != 0 && error.IndexOf("invalid date", StringComparison.OrdinalIgnoreCase) >= 0) throw InvalidDate(error);
            var ident = output.Trim();
            int open = ident.LastIndexOf('<'), close = ident.LastIndexOf('>');
            if (exit != 0 || open < 0 || close < open)
                throw new GtoException(GtoErrors.TaggerIdentityMissing,
                    "Git user name and email must be configured to write registry tags. Set them with " +
                    "'git config user.name \"Your Name\"' and 'git config user.email you@example.com' (add --global for every " +
                    "repository), or set GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL.");
            var date = ident.Substring(close + 1).Trim();
            // git takes some dates .NET cannot hold (GIT_COMMITTER_DATE='@999999999999 +0000', offsets past ±14 hours).
            var when = RawDate.TryParse(date) ?? throw InvalidDate($"git gives the date '{date}'");
            return new Tagger(ident.Substring(0, open).Trim(), ident.Substring(open + 1, close - open - 1), when);
        }

        private static GtoException InvalidDate(string detail)
        {
            var variable = Environment.GetEnvironmentVariable("GIT_COMMITTER_DATE");
            var cause = variable == null ? "The date git gives for new tags cannot be used"
                : $"GIT_COMMITTER_DATE='{variable}' cannot be used as the tag date";
            return new GtoException(GtoErrors.InvalidCommitterDate,
                $"{cause} ({detail}; {RawDate.Rule}), so no tag was written. Set GIT_COMMITTER_DATE to a date git and Gto " +
                "both read, such as '2026-01-07T10:00:00+01:00' or '1767776400 +0100', or remove it to use the current time.",
                "GIT_COMMITTER_DATE");
        }
    }
}
