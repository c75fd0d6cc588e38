using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

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

        private readonly StageDetailList _stageDetails = new StageDetailList(Array.Empty<VersionStage>());

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
        /// <summary>The stages this version holds in the requested view, in view order. Prints as <c>dev, prod</c>.</summary>
        public ValueList Stages { get; private init; } = ValueList.Empty;
        /// <summary>
        /// The stages of <see cref="Stages"/>: whether each is in effect and its latest assignment. Their events are
        /// <see cref="Assignments"/> and <see cref="Unassignments"/>. Prints as <c>prod (active, churn#prod#3)</c>.
        /// </summary>
        public StageDetailList StageDetails
        {
            get => _stageDetails;
            init
            {
                _stageDetails = value;
                var names = new List<string>();
                foreach (var s in value)
                    if (!names.Contains(s.Stage)) names.Add(s.Stage);
                Stages = new ValueList(names);
            }
        }
        /// <summary>The artifact type in the annotation at the version's commit, or null.</summary>
        public string? Type => Annotation?.Type;
        /// <summary>The artifact path in the annotation at the version's commit (where the version's files are), or null.</summary>
        public string? Path => Annotation?.Path;
        /// <summary>The description in the annotation at the version's commit (empty when none).</summary>
        public string Description => Annotation?.Description ?? "";
        /// <summary>The labels of the annotation at the version's commit; labels added later are in <see cref="CurrentAnnotation"/>.</summary>
        public ValueList Labels => Annotation?.Labels ?? ValueList.Empty;
        /// <summary>Registration events, oldest first.</summary>
        public EventList<RegistrationEvent> Registrations { get; init; } = EventList<RegistrationEvent>.Empty;
        /// <summary>Deregistration events, oldest first.</summary>
        public EventList<DeregistrationEvent> Deregistrations { get; init; } = EventList<DeregistrationEvent>.Empty;
        /// <summary>Assignment events of the stages in <see cref="StageDetails"/>, oldest first.</summary>
        public EventList<AssignmentEvent> Assignments { get; init; } = EventList<AssignmentEvent>.Empty;
        /// <summary>Unassignment events of the stages in <see cref="StageDetails"/>, oldest first.</summary>
        public EventList<UnassignmentEvent> Unassignments { get; init; } = EventList<UnassignmentEvent>.Empty;
        /// <summary>The commit event of the version (its committer and message).</summary>
        public EventList<CommitEvent> Enrichments { get; init; } = EventList<CommitEvent>.Empty;
        /// <summary>
        /// The annotation at the version's commit (what the version was registered with), or null. Every event listed
        /// in the version is at that commit, so they carry no annotation of their own: this is theirs.
        /// </summary>
        public Annotation? Annotation { get; init; }
        /// <summary>
        /// The artifact's annotation at HEAD (as it is described now: labels such as <c>approved</c> added after the
        /// version was registered are here), or null.
        /// </summary>
        public Annotation? CurrentAnnotation { get; init; }
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

    /// <summary>The stages of a version with their events; prints as <c>dev (inactive, m#dev!#4); prod (active, m#prod#3)</c>.</summary>
    public sealed class StageDetailList : IReadOnlyList<VersionStage>
    {
        private readonly VersionStage[] _items;

        /// <summary>A list of <paramref name="stages"/>, in their order.</summary>
        public StageDetailList(IEnumerable<VersionStage> stages) => _items = stages.ToArray();

        /// <inheritdoc />
        public VersionStage this[int index] => _items[index];

        /// <inheritdoc />
        public int Count => _items.Length;

        /// <inheritdoc />
        public IEnumerator<VersionStage> GetEnumerator() => ((IEnumerable<VersionStage>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        /// <inheritdoc />
        public override string ToString() => string.Join("; ", _items.Select(s => s.ToString()));
    }
}
