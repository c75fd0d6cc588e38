namespace Gto
{
    /// <summary>An artifact of the registry (a row of GTO <c>show</c>).</summary>
    public sealed class Artifact
    {
        /// <summary>The repository.</summary>
        public required string Repository { get; init; }
        /// <summary>The artifact full name (<c>dir:name</c> in monorepos).</summary>
        public required string Name { get; init; }
        /// <summary>The greatest active registered version, or null.</summary>
        public string? Latest { get; init; }
        /// <summary>
        /// Every stage column, in stage order, with the version(s) in it; <c>$artifact.Stages['prod']</c> gives that
        /// stage's versions. Prints as <c>dev=v1.1.0, prod=v1.0.0</c>.
        /// </summary>
        public required StageMap Stages { get; init; }
        /// <summary>True when at least one GTO tag exists for the artifact.</summary>
        public bool IsRegistered { get; init; }
        /// <summary>False when the artifact is deprecated.</summary>
        public bool IsActive { get; init; }
        /// <summary>True when the artifact is deprecated.</summary>
        public bool IsDeprecated => !IsActive;
        /// <summary>The artifact type from the annotation at HEAD, or null.</summary>
        public string? Type => Annotation?.Type;
        /// <summary>The artifact path from the annotation at HEAD, or null.</summary>
        public string? Path => Annotation?.Path;
        /// <summary>The description from the annotation at HEAD (empty when none).</summary>
        public string Description => Annotation?.Description ?? "";
        /// <summary>The labels of the annotation at HEAD.</summary>
        public ValueList Labels => Annotation?.Labels ?? ValueList.Empty;
        /// <summary>The annotation at HEAD, or null.</summary>
        public Annotation? Annotation { get; init; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
