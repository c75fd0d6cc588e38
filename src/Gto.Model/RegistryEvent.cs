using System;

namespace Gto
{
    /// <summary>
    /// One event of the registry: a GTO tag, or the commit of a version. Concrete types:
    /// <see cref="RegistrationEvent"/>, <see cref="DeregistrationEvent"/>, <see cref="AssignmentEvent"/>,
    /// <see cref="UnassignmentEvent"/>, <see cref="DeprecationEvent"/> and <see cref="CommitEvent"/>.
    /// </summary>
    public abstract class RegistryEvent
    {
        private Annotation? _annotation;
        private Func<string, string, Annotation?>? _loadAnnotation;

        private protected RegistryEvent() { }

        /// <summary>The repository the event was read from.</summary>
        public string Repository { get; init; } = "";
        /// <summary>The artifact full name.</summary>
        public string Artifact { get; init; } = "";
        /// <summary>
        /// The kind of event, as a name of <see cref="Gto.EventKind"/>: <c>Registration</c>, <c>Deregistration</c>,
        /// <c>Assignment</c>, <c>Unassignment</c>, <c>Deprecation</c> or <c>Commit</c> (a string, so exports show the name).
        /// </summary>
        public string Kind => EventKind.ToString();
        /// <summary>The kind of event.</summary>
        internal abstract EventKind EventKind { get; }
        /// <summary>GTO's priority of the event kind, used to break ties in history.</summary>
        internal int Priority => (int)EventKind;
        /// <summary>When the event happened, in the tagger's (or committer's) own UTC offset.</summary>
        public DateTimeOffset CreatedAt { get; init; }
        /// <summary>The tagger name (for a commit: its author).</summary>
        public string Author { get; init; } = "";
        /// <summary>The tagger e-mail (for a commit: its author's).</summary>
        public string AuthorEmail { get; init; } = "";
        /// <summary>The tag message with surrounding whitespace removed (for a commit: its full message).</summary>
        public string Message { get; init; } = "";
        /// <summary>The full SHA of the commit the event refers to.</summary>
        public string Commit { get; init; } = "";
        /// <summary>The tag name, or null for a commit event.</summary>
        public string? Tag { get; init; }
        /// <summary>The tag name, or the commit SHA when there is no tag.</summary>
        public string Ref => Tag ?? Commit;
        /// <summary>The version the event is about, or null for a deprecation.</summary>
        public string? Version { get; init; }
        /// <summary>The stage the event is about (assignments and unassignments), or null.</summary>
        public string? Stage { get; init; }
        /// <summary>
        /// The artifact's annotation at the event's commit (type, path, labels...), or null when there is none. Events
        /// from Get-GtoHistory and Get-GtoVersion read it the first time it is asked for, so listing stays fast.
        /// </summary>
        public Annotation? Annotation
        {
            get
            {
                var load = _loadAnnotation;
                if (load != null)
                {
                    _annotation = load(Commit, Artifact);
                    _loadAnnotation = null;
                }
                return _annotation;
            }
            init => _annotation = value;
        }

        /// <summary>Reads <see cref="Annotation"/> with <paramref name="load"/> (commit, artifact) when first asked for, unless it is known.</summary>
        internal void LoadAnnotationWith(Func<string, string, Annotation?> load)
        {
            if (_annotation == null) _loadAnnotation = load;
        }

        /// <summary>A copy of this event carrying <paramref name="annotation"/>.</summary>
        public RegistryEvent WithAnnotation(Annotation? annotation)
        {
            var copy = (RegistryEvent)MemberwiseClone();
            copy._annotation = annotation;
            copy._loadAnnotation = null;
            return copy;
        }

        /// <summary>The tag's signature, when read with -Verify (docs/governance.md#verification); otherwise null.</summary>
        public TagSignature? Signature { get; set; }
    }

    /// <summary>The commit of a version, with the annotation read at that commit.</summary>
    public sealed class CommitEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Commit;
        /// <summary>The committer name.</summary>
        public string Committer { get; init; } = "";
        /// <summary>The committer e-mail.</summary>
        public string CommitterEmail { get; init; } = "";
        /// <inheritdoc />
        public override string ToString() => $"Artifact \"{Artifact}\" is annotated";
    }

    /// <summary>The artifact was deprecated by a <c>name@deprecated</c> tag.</summary>
    public sealed class DeprecationEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Deprecation;

        /// <inheritdoc />
        public override string ToString() => $"Artifact \"{Artifact}\" was deprecated";
    }

    /// <summary>A version was registered by a <c>name@vX.Y.Z</c> tag.</summary>
    public sealed class RegistrationEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Registration;

        /// <inheritdoc />
        public override string ToString() => $"Version \"{Version}\" of artifact \"{Artifact}\" was registered";
    }

    /// <summary>A version was deregistered by a <c>name@vX.Y.Z!</c> tag.</summary>
    public sealed class DeregistrationEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Deregistration;

        /// <inheritdoc />
        public override string ToString() => $"Version \"{Version}\" of artifact \"{Artifact}\" was deregistered";
    }

    /// <summary>A stage was assigned to a version by a <c>name#stage#N</c> tag.</summary>
    public sealed class AssignmentEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Assignment;

        /// <summary>
        /// True while this assignment is the one that puts its version in the stage in the default view: the newest
        /// assignment of a version that holds the stage now. False once the stage was unassigned, or taken by another
        /// version, or assigned again.
        /// </summary>
        public bool IsCurrent { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"Stage \"{Stage}\" was assigned to version \"{Version}\" of artifact \"{Artifact}\"";
    }

    /// <summary>A stage was unassigned from a version by a <c>name#stage!#N</c> tag.</summary>
    public sealed class UnassignmentEvent : RegistryEvent
    {
        /// <inheritdoc />
        internal override EventKind EventKind => EventKind.Unassignment;

        /// <inheritdoc />
        public override string ToString() => $"Stage \"{Stage}\" was unassigned from version \"{Version}\" of artifact \"{Artifact}\"";
    }
}
