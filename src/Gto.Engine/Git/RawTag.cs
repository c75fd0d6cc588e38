using System;

namespace Gto.Engine.Git
{
    /// <summary>An annotated tag as GTO reads it (docs/tag-format.md#which-tags-are-read). Lightweight tags never become a RawTag.</summary>
    internal sealed class RawTag
    {
        /// <param name="rawDate">The tagger date as git stores it ("1795863290 +0530").</param>
        public RawTag(string name, string target, string taggerName, string taggerEmail, string rawDate, string message)
        {
            Name = name;
            Target = target;
            TaggerName = taggerName;
            TaggerEmail = taggerEmail;
            var when = RawDate.TryParse(rawDate);
            When = when ?? DateTimeOffset.MinValue;
            UnreadableDate = when == null ? rawDate : null;
            Message = message;
        }

        public string Name { get; }
        /// <summary>SHA of the object the tag points at (normally a commit).</summary>
        public string Target { get; }
        public string TaggerName { get; }
        public string TaggerEmail { get; }
        /// <summary>The tagger date; meaningless when <see cref="UnreadableDate"/> is set.</summary>
        public DateTimeOffset When { get; }
        /// <summary>The tagger date as git gave it, when .NET cannot represent it (the tag cannot be placed in time).</summary>
        public string? UnreadableDate { get; }
        /// <summary>The message with surrounding whitespace removed, as GTO reads it.</summary>
        public string Message { get; }

        /// <summary>Why a GTO tag with an <see cref="UnreadableDate"/> is left out of the registry, and what to do.</summary>
        public Diagnostic UnreadableDateWarning(string repository) =>
            new Diagnostic
            {
                Repository = repository, Level = DiagnosticSeverity.Error, Id = "UnreadableTagDate", Target = Name,
                Message = $"The tag '{Name}' has the tagger date '{(UnreadableDate!.Length == 0 ? "(none)" : UnreadableDate)}', which cannot be " +
                $"read ({RawDate.Rule}); the tag is ignored. Recreate it with a valid date " +
                $"(git tag -f -a '{Name}' -m '<message>' '{Name}^{{}}', then git push --force origin 'refs/tags/{Name}') or delete it with " +
                          "'git tag -d' (and 'git push --delete').",
            };
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
