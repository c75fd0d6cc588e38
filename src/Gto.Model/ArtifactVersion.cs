using System;
using System.Collections.Generic;

namespace Gto
{
    /// <summary>One version of an artifact (a row of GTO <c>show NAME</c>).</summary>
    public sealed class ArtifactVersion
    {
        /// <summary>Creates a version whose authorship (time, author, message, ref) is that of <paramref name="authoringEvent"/>.</summary>
        public ArtifactVersion(RegistryEvent authoringEvent)
        {
            CreatedAt = authoringEvent.CreatedAt;
            Author = authoringEvent.Author;
            AuthorEmail = authoringEvent.AuthorEmail;
            Message = authoringEvent.Message;
            Ref = authoringEvent.Ref;
        }

        private readonly IReadOnlyList<VersionStage> _stageDetails = Array.Empty<VersionStage>();
        private readonly IReadOnlyList<CommitEvent> _enrichments = Array.Empty<CommitEvent>();

        /// <summary>The repository.</summary>
        public required string Repository { get; init; }
        /// <summary>The artifact full name.</summary>
        public required string Artifact { get; init; }
        /// <summary>False when the artifact is known only from its annotation (GTO shows it as <c>*name</c>).</summary>
        public bool IsArtifactRegistered { get; init; }
        /// <summary>The version name; a 40-hex commit SHA for a version no tag registered.</summary>
        public required string Version { get; init; }
        /// <summary>The full SHA of the version's commit.</summary>
        public required string Commit { get; init; }
        /// <summary>The stages this version holds in the requested view, in view order.</summary>
        public IReadOnlyList<string> Stages { get; private init; } = Array.Empty<string>();
        /// <summary>The stages of <see cref="Stages"/> with their events.</summary>
        public IReadOnlyList<VersionStage> StageDetails
        {
            get => _stageDetails;
            init
            {
                _stageDetails = value;
                var names = new List<string>();
                foreach (var s in value)
                    if (!names.Contains(s.Stage)) names.Add(s.Stage);
                Stages = names;
            }
        }
        /// <summary>Registration events, oldest first.</summary>
        public IReadOnlyList<RegistrationEvent> Registrations { get; init; } = Array.Empty<RegistrationEvent>();
        /// <summary>Deregistration events, oldest first.</summary>
        public IReadOnlyList<DeregistrationEvent> Deregistrations { get; init; } = Array.Empty<DeregistrationEvent>();
        /// <summary>The commit event(s) of the version, with the annotation read at its commit.</summary>
        public IReadOnlyList<CommitEvent> Enrichments
        {
            get => _enrichments;
            init
            {
                _enrichments = value;
                Annotation = value.Count > 0 ? value[value.Count - 1].Annotation : null;
            }
        }
        /// <summary>The annotation at the version's commit, or null.</summary>
        public Annotation? Annotation { get; private init; }
        /// <summary>True unless the version was deregistered (or has no event at all).</summary>
        public bool IsActive { get; init; }
        /// <summary>True when the version has at least one registration tag.</summary>
        public bool IsRegistered => Registrations.Count > 0;
        /// <summary>True when no registration or deregistration tag exists (known from a stage tag or an annotation).</summary>
        public bool IsDiscovered { get; init; }
        /// <summary>When the version was first registered (or its oldest event).</summary>
        public DateTimeOffset? ActivatedAt { get; init; }
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
