using System;
using System.Collections.Generic;

namespace Gto
{
    /// <summary>One version of an artifact (a row of GTO <c>show NAME</c>).</summary>
    public sealed class ArtifactVersion
    {
        /// <summary>Creates a version.</summary>
        public ArtifactVersion(string repository, string artifact, bool isArtifactRegistered, string version, string commit,
            IReadOnlyList<VersionStage> stageDetails, IReadOnlyList<RegistrationEvent> registrations,
            IReadOnlyList<DeregistrationEvent> deregistrations, IReadOnlyList<CommitEvent> enrichments,
            bool isActive, bool isDiscovered, DateTimeOffset? activatedAt, RegistryEvent authoringEvent)
        {
            Repository = repository;
            Artifact = artifact;
            IsArtifactRegistered = isArtifactRegistered;
            Version = version;
            Commit = commit;
            StageDetails = stageDetails;
            var names = new List<string>();
            foreach (var s in stageDetails)
                if (!names.Contains(s.Stage)) names.Add(s.Stage);
            Stages = names;
            Registrations = registrations;
            Deregistrations = deregistrations;
            Enrichments = enrichments;
            Annotation = enrichments.Count > 0 ? enrichments[enrichments.Count - 1].Annotation : null;
            IsActive = isActive;
            IsDiscovered = isDiscovered;
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
        /// <summary>False when the artifact is known only from its annotation (GTO shows it as <c>*name</c>).</summary>
        public bool IsArtifactRegistered { get; }
        /// <summary>The version name; a 40-hex commit SHA for a version no tag registered.</summary>
        public string Version { get; }
        /// <summary>The full SHA of the version's commit.</summary>
        public string Commit { get; }
        /// <summary>The stages this version holds in the requested view, in view order.</summary>
        public IReadOnlyList<string> Stages { get; }
        /// <summary>The stages of <see cref="Stages"/> with their events.</summary>
        public IReadOnlyList<VersionStage> StageDetails { get; }
        /// <summary>Registration events, oldest first.</summary>
        public IReadOnlyList<RegistrationEvent> Registrations { get; }
        /// <summary>Deregistration events, oldest first.</summary>
        public IReadOnlyList<DeregistrationEvent> Deregistrations { get; }
        /// <summary>The commit event(s) of the version, with the annotation read at its commit.</summary>
        public IReadOnlyList<CommitEvent> Enrichments { get; }
        /// <summary>The annotation at the version's commit, or null.</summary>
        public Annotation? Annotation { get; }
        /// <summary>True unless the version was deregistered (or has no event at all).</summary>
        public bool IsActive { get; }
        /// <summary>True when the version has at least one registration tag.</summary>
        public bool IsRegistered => Registrations.Count > 0;
        /// <summary>True when no registration or deregistration tag exists (known from a stage tag or an annotation).</summary>
        public bool IsDiscovered { get; }
        /// <summary>When the version was first registered (or its oldest event).</summary>
        public DateTimeOffset? ActivatedAt { get; }
        /// <summary>Time of the latest registration (or newest event).</summary>
        public DateTimeOffset CreatedAt { get; }
        /// <summary>Who made the latest registration (or newest event).</summary>
        public string Author { get; }
        /// <summary>E-mail of <see cref="Author"/>.</summary>
        public string AuthorEmail { get; }
        /// <summary>Message of the latest registration (or newest event).</summary>
        public string Message { get; }
        /// <summary>Tag of the latest registration, or the commit SHA.</summary>
        public string Ref { get; }
        /// <summary>The signature of the <see cref="Ref"/> tag, when read with -Verify (docs/governance.md#verification); otherwise null.</summary>
        public TagSignature? Signature { get; set; }

        /// <inheritdoc />
        public override string ToString() => Artifact + "@" + Version;
    }
}
