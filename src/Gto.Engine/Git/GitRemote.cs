using System;
using System.Text.RegularExpressions;
using Gto.Engine.Naming;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Refuses a remote name or URL that git, or the ssh it starts, would read as an option or as a command, before
    /// git runs. Every call also passes it after <c>--</c> and with the command-running transports disabled
    /// (<see cref="GitCli.NoCommandTransports"/>); this check is what makes the refusal a clear error up front.
    /// </summary>
    internal static class GitRemote
    {
        // "ext::<command>" runs the command; "fd::<n>" talks to file descriptors Gto never gives git.
        private static readonly Regex CommandTransport = new Regex(@"^(?:ext|fd)::", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        // scheme://[userinfo@]-host: ssh would take "-oProxyCommand=..." as an option.
        private static readonly Regex OptionHost = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/?#@]*@)?-", RegexOptions.CultureInvariant);
        // scp-style user@-host:path, the same for ssh.
        private static readonly Regex OptionScpHost = new Regex(@"^[^/\\:]*@-", RegexOptions.CultureInvariant);

        /// <summary>Throws InvalidRemote when <paramref name="remote"/> cannot safely reach git.</summary>
        /// <param name="parameter">The parameter it came from, named in the message (e.g. "-Remote").</param>
        public static void AssertSafe(string remote, string parameter)
        {
            string? why = null;
            if (remote.Trim().Length == 0) why = "it is empty";
            else if (remote.StartsWith("-", StringComparison.Ordinal)) why = "it starts with '-', so git would read it as an option";
            else if (ControlCharacters.Find(remote, allowLineBreaks: false) >= 0) why = "it contains a control character (such as a line break)";
            else if (CommandTransport.IsMatch(remote)) why = "the ext:: and fd:: transports run commands or use file descriptors, which Gto never allows";
            else if (OptionHost.IsMatch(remote) || OptionScpHost.IsMatch(remote))
                why = "its user or host starts with '-', so ssh would read it as an option";
            if (why == null) return;
            var shown = ControlCharacters.Printable(remote);
            throw new GtoException(GtoErrors.InvalidRemote,
                $"The remote '{shown}' given to {parameter} was refused: {why}. Give a remote name (such as origin), a path, " +
                "or a URL such as https://host/repo.git or git@host:repo.git.", shown);
        }
    }
}
