using System;
using System.Collections.Generic;

namespace Gto
{
    /// <summary>One stage of one version: its assignments and unassignments, and whether it is in effect.</summary>
    public sealed class VersionStage
    {
        /// <summary>Creates a version stage.</summary>
        public VersionStage(string repository, string artifact, string version, string commit, string stage,
            IReadOnlyList<AssignmentEvent> assignments, IReadOnlyList<UnassignmentEvent> unassignments,
            bool isActive, DateTimeOffset? activatedAt, RegistryEvent authoringEvent)
        {
            Repository = repository;
            Artifact = artifact;
            Version = version;
            Commit = commit;
            Stage = stage;
            Assignments = assignments;
            Unassignments = unassignments;
            IsActive = isActive;
            ActivatedAt = activatedAt;
            CreatedAt = authoringEvent.CreatedAt;
            Author = authoringEvent.Author;
            AuthorEmail = authoringEvent.AuthorEmail;
            Message = authoringEvent.Message;
            Ref = authoringEvent.Ref;
        }

        /// <summary>The repository.</summary>
        public string Repository { get; }
        /// <summary>The artifact full name.</summary>
        public string Artifact { get; }
        /// <summary>The version name (a 40-hex SHA for an unregistered commit).</summary>
        public string Version { get; }
        /// <summary>The version's commit.</summary>
        public string Commit { get; }
        /// <summary>The stage name.</summary>
        public string Stage { get; }
        /// <summary>Assignment events, oldest first.</summary>
        public IReadOnlyList<AssignmentEvent> Assignments { get; }
        /// <summary>Unassignment events, oldest first.</summary>
        public IReadOnlyList<UnassignmentEvent> Unassignments { get; }
        /// <summary>True when the newest event is an assignment.</summary>
        public bool IsActive { get; }
        /// <summary>When the stage took effect, or null when it is not active.</summary>
        public DateTimeOffset? ActivatedAt { get; }
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
    }
}
