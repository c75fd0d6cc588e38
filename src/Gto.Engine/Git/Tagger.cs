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
        /// GIT_COMMITTER_NAME / GIT_COMMITTER_EMAIL, else git config user.name / user.email. GIT_COMMITTER_DATE is
        /// honoured (ISO 8601 or git's "epoch +hhmm"), which GTO's own writer does not promise but git does.
        /// </summary>
        internal static Tagger Resolve(GitRepository git)
        {
            var name = Environment.GetEnvironmentVariable("GIT_COMMITTER_NAME") ?? git.ConfigValue("user.name");
            var email = Environment.GetEnvironmentVariable("GIT_COMMITTER_EMAIL") ?? git.ConfigValue("user.email");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(email))
                throw new GtoException("TaggerIdentityMissing", GtoErrorKind.InvalidOperation,
                    "Git user name and email must be configured to write registry tags. Set them with " +
                    "'git config user.name \"Your Name\"' and 'git config user.email you@example.com' (add --global for every " +
                    "repository), or set GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL.");
            return new Tagger(name!, email!, Now());
        }

        private static DateTimeOffset Now()
        {
            var date = Environment.GetEnvironmentVariable("GIT_COMMITTER_DATE");
            if (!string.IsNullOrEmpty(date))
            {
                if (DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
                var parts = date!.TrimStart('@').Split(' ');
                if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) &&
                    TimeSpan.TryParseExact(parts[1].TrimStart('+', '-'), "hhmm", CultureInfo.InvariantCulture, out var offset))
                    return DateTimeOffset.FromUnixTimeSeconds(epoch).ToOffset(parts[1].StartsWith("-") ? -offset : offset);
            }
            // Whole seconds in the machine's offset, as git writes them.
            var now = DateTimeOffset.Now;
            return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, now.Offset);
        }
    }
}
