using System;

namespace Gto.Engine.Git
{
    /// <summary>An annotated tag as GTO reads it (spec §1.7). Lightweight tags never become a RawTag.</summary>
    internal sealed class RawTag
    {
        public RawTag(string name, string target, string taggerName, string taggerEmail, DateTimeOffset when, string message)
        {
            Name = name;
            Target = target;
            TaggerName = taggerName;
            TaggerEmail = taggerEmail;
            When = when;
            Message = message;
        }

        public string Name { get; }
        /// <summary>SHA of the object the tag points at (normally a commit).</summary>
        public string Target { get; }
        public string TaggerName { get; }
        public string TaggerEmail { get; }
        public DateTimeOffset When { get; }
        /// <summary>The message with surrounding whitespace removed, as GTO reads it.</summary>
        public string Message { get; }
    }

    /// <summary>A ref under refs/tags: its name, and the annotated tag it holds (null for a lightweight tag).</summary>
    internal sealed class TagRef
    {
        public TagRef(string name, RawTag? annotated)
        {
            Name = name;
            Annotated = annotated;
        }

        public string Name { get; }
        public RawTag? Annotated { get; }
    }

    /// <summary>The fields of a commit that annotation (Commit) events carry.</summary>
    internal sealed class CommitInfo
    {
        public CommitInfo(string sha, string authorName, string authorEmail, string committerName, string committerEmail,
            DateTimeOffset committedAt, string message)
        {
            Sha = sha;
            AuthorName = authorName;
            AuthorEmail = authorEmail;
            CommitterName = committerName;
            CommitterEmail = committerEmail;
            CommittedAt = committedAt;
            Message = message;
        }

        public string Sha { get; }
        public string AuthorName { get; }
        public string AuthorEmail { get; }
        public string CommitterName { get; }
        public string CommitterEmail { get; }
        public DateTimeOffset CommittedAt { get; }
        /// <summary>The full message, not stripped (GTO keeps the trailing newline).</summary>
        public string Message { get; }
    }
}
