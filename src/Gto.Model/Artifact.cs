using System.Collections.Generic;

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
        /// <summary>Stage name to the version(s) in it, in stage order. Stages with no version map to an empty list.</summary>
        public required IReadOnlyDictionary<string, IReadOnlyList<string>> Stages { get; init; }
        /// <summary>True when at least one GTO tag exists for the artifact.</summary>
        public bool IsRegistered { get; init; }
        /// <summary>False when the artifact is deprecated.</summary>
        public bool IsActive { get; init; }
        /// <summary>True when the artifact is deprecated.</summary>
        public bool IsDeprecated => !IsActive;
        /// <summary>The annotation at HEAD, or null.</summary>
        public Annotation? Annotation { get; init; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
