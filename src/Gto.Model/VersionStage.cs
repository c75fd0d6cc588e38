using System;

namespace Gto
{
    /// <summary>
    /// One stage of one version: whether it is in effect, and its latest assignment. Its events are in the version's
    /// <c>Assignments</c> and <c>Unassignments</c>; keeping them there lets a version convert to JSON whole at
    /// <c>ConvertTo-Json</c>'s default depth (docs/json-shape.md).
    /// </summary>
    public sealed class VersionStage
    {
        /// <summary>Creates a version stage whose authorship (time, author, message, ref) is that of <paramref name="authoringEvent"/>.</summary>
        public VersionStage(RegistryEvent authoringEvent)
        {
            CreatedAt = authoringEvent.CreatedAt;
            Author = authoringEvent.Author;
            AuthorEmail = authoringEvent.AuthorEmail;
            Message = authoringEvent.Message;
            Ref = authoringEvent.Ref;
        }

        /// <summary>The repository.</summary>
        public required string Repository { get; init; }
        /// <summary>The artifact full name.</summary>
        public required string Artifact { get; init; }
        /// <summary>The version name (a 40-hex SHA for an unregistered commit).</summary>
        public required string Version { get; init; }
        /// <summary>The version's commit.</summary>
        public required string Commit { get; init; }
        /// <summary>The stage name.</summary>
        public required string Stage { get; init; }
        /// <summary>True when the newest event is an assignment.</summary>
        public bool IsActive { get; init; }
        /// <summary>When the stage took effect, or null when it is not active.</summary>
        public DateTimeOffset? ActivatedAt { get; init; }
        /// <summary>Time of the latest assignment (or newest event).</summary>
        public DateTimeOffset CreatedAt { get; }
        /// <summary>Who made the latest assignment.</summary>
        public string Author { get; }
        /// <summary>E-mail of who made the latest assignment.</summary>
        public string AuthorEmail { get; }
        /// <summary>Message of the latest assignment.</summary>
        public string Message { get; }
        /// <summary>Tag of the latest assignment.</summary>
        public string Ref { get; }

        /// <summary><c>prod (active, churn#prod#3)</c>: the stage, whether it is in effect, and its latest assignment.</summary>
        public override string ToString() => $"{Stage} ({(IsActive ? "active" : "inactive")}, {Ref})";
    }
}
