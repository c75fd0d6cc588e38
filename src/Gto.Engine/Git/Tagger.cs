using System;
using System.Globalization;

namespace Gto.Engine.Git
{
    /// <summary>Who writes a tag and when, found the way git finds it (spec §7).</summary>
    public sealed class Tagger
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
            var (exit, output, _) = GitCli.Run(repositoryRoot,
                new[] { "--git-dir=" + gitDirectory, "-c", "user.useConfigOnly=true", "var", "GIT_COMMITTER_IDENT" });
            var ident = output.Trim();
            int open = ident.LastIndexOf('<'), close = ident.LastIndexOf('>');
            if (exit != 0 || open < 0 || close < open)
                throw new GtoException("TaggerIdentityMissing", GtoErrorKind.InvalidOperation,
                    "Git user name and email must be configured to write registry tags. Set them with " +
                    "'git config user.name \"Your Name\"' and 'git config user.email you@example.com' (add --global for every " +
                    "repository), or set GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL.");
            var date = ident.Substring(close + 1).Trim().Split(' ');
            var when = DateTimeOffset.FromUnixTimeSeconds(long.Parse(date[0], CultureInfo.InvariantCulture));
            var offset = new TimeSpan(int.Parse(date[1].Substring(1, 2), CultureInfo.InvariantCulture),
                int.Parse(date[1].Substring(3, 2), CultureInfo.InvariantCulture), 0);
            return new Tagger(ident.Substring(0, open).Trim(), ident.Substring(open + 1, close - open - 1),
                when.ToOffset(date[1][0] == '-' ? -offset : offset));
        }
    }
}
