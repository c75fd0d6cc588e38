using System;

namespace Gto.Engine.Git
{
    /// <summary>
    /// A commit as git stores it, read with <c>git cat-file</c>: for the commits LibGit2Sharp cannot give (a date it
    /// cannot represent or parse), and to see the dates exactly as written (libgit2 drops an offset past ±14 hours).
    /// </summary>
    internal sealed class CommitHeader
    {
        private CommitHeader(string sha, string author, string committer, string message)
        {
            Sha = sha;
            (AuthorName, AuthorEmail, AuthorDate) = Person(author);
            (CommitterName, CommitterEmail, CommitterDate) = Person(committer);
            Message = message;
        }

        public string Sha { get; }
        public string AuthorName { get; }
        public string AuthorEmail { get; }
        /// <summary>The raw date text after the email, e.g. "1700000000 +0100".</summary>
        public string AuthorDate { get; }
        public string CommitterName { get; }
        public string CommitterEmail { get; }
        public string CommitterDate { get; }
        public string Message { get; }

        /// <summary>The commit's header, or null when git cannot read it as a commit.</summary>
        public static CommitHeader? Read(string gitDirectory, string sha)
        {
            var (exit, output, _) = GitCli.Run(gitDirectory, new[] { "--git-dir=" + gitDirectory, "cat-file", "commit", sha });
            return exit == 0 ? Parse(sha, output) : null;
        }

        /// <summary>Parses the text of a commit object: header lines, a blank line, the message.</summary>
        public static CommitHeader Parse(string sha, string text)
        {
            string author = "", committer = "";
            int end = text.IndexOf("\n\n", StringComparison.Ordinal);
            var header = end < 0 ? text : text.Substring(0, end);
            foreach (var line in header.Split('\n'))
            {
                if (line.StartsWith("author ", StringComparison.Ordinal)) author = line.Substring(7);
                else if (line.StartsWith("committer ", StringComparison.Ordinal)) committer = line.Substring(10);
            }
            return new CommitHeader(sha, author, committer, end < 0 ? "" : text.Substring(end + 2));
        }

        /// <summary>The commit fields for reading on, its time clamped to what .NET can hold (<see cref="RawDate.Clamp"/>).</summary>
        public CommitInfo ToCommitInfo() =>
            new CommitInfo(Sha, AuthorName, AuthorEmail, CommitterName, CommitterEmail, RawDate.Clamp(CommitterDate), Message);

        // "Name <email> 1700000000 +0100": the email is the last <...>, the date what follows it.
        private static (string Name, string Email, string Date) Person(string line)
        {
            int open = line.LastIndexOf('<'), close = line.LastIndexOf('>');
            if (open < 0 || close < open) return (line.Trim(), "", "");
            return (line.Substring(0, open).Trim(), line.Substring(open + 1, close - open - 1), line.Substring(close + 1).Trim());
        }
    }
}
