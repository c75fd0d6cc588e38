namespace Gto.Engine.Operations
{
    /// <summary>What every write command is asked: the artifact, the tag message, the tag form and -Force.</summary>
    internal abstract record WriteRequest
    {
        public required string Name { get; init; }
        /// <summary>The tag message; null for GTO's message for the action.</summary>
        public string? Message { get; init; }
        public TagForm Form { get; init; }
        /// <summary>Write even where GTO's checks would refuse (GTO --force).</summary>
        public bool Force { get; init; }
    }

    /// <summary>What the commands that can create an artifact share: whether they may.</summary>
    internal abstract record CreatingRequest : WriteRequest
    {
        /// <summary>
        /// Refuse to create the artifact (Register-GtoVersion and Set-GtoStage without -New): GTO creates any artifact
        /// the registry does not know, so a mistyped name would get a version, and through Set-GtoStage a stage.
        /// </summary>
        public bool ArtifactMustExist { get; init; }
    }

    /// <summary>GTO <c>register</c>: a version on a commit.</summary>
    internal sealed record RegisterRequest : CreatingRequest
    {
        /// <summary>The commit (any revision); null for HEAD.</summary>
        public string? Revision { get; init; }
        /// <summary>An explicit version; null (or empty, as in GTO) bumps the greatest one.</summary>
        public string? Version { get; init; }
        public BumpPart? Bump { get; init; }
    }

    /// <summary>
    /// GTO <c>assign</c>. With a <see cref="Revision"/>, <see cref="Version"/> names the version registered there
    /// implicitly; without one, it selects an existing version.
    /// </summary>
    internal sealed record AssignRequest : CreatingRequest
    {
        public required string Stage { get; init; }
        public string? Version { get; init; }
        public string? Revision { get; init; }
        /// <summary>Attach the stage to the raw commit without registering a version (GTO --sr).</summary>
        public bool SkipRegistration { get; init; }
    }

    /// <summary>What the cancelling commands share: -Delete removes the existing tags instead of adding one.</summary>
    internal abstract record CancelRequest : WriteRequest
    {
        public bool Delete { get; init; }
    }

    /// <summary>GTO <c>deprecate NAME VERSION STAGE</c>.</summary>
    internal sealed record UnassignRequest : CancelRequest
    {
        public required string Version { get; init; }
        public required string Stage { get; init; }
    }

    /// <summary>GTO <c>deprecate NAME VERSION</c>.</summary>
    internal sealed record DeregisterRequest : CancelRequest
    {
        public required string Version { get; init; }
    }

    /// <summary>GTO <c>deprecate NAME</c>.</summary>
    internal sealed record DeprecateRequest : CancelRequest
    {
        /// <summary>The commit for the tag; null for the commit of the artifact's newest event.</summary>
        public string? Revision { get; init; }
    }
}
