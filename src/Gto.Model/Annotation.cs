using System.Collections.Generic;

namespace Gto
{
    /// <summary>An artifact's annotation from <c>artifacts.yaml</c> or the <c>artifacts:</c> section of a <c>dvc.yaml</c>.</summary>
    public sealed class Annotation
    {
        /// <summary>The repository the annotation was read from.</summary>
        public required string Repository { get; init; }
        /// <summary>The artifact name.</summary>
        public required string Artifact { get; init; }
        /// <summary>The artifact type, e.g. <c>model</c>.</summary>
        public string? Type { get; init; }
        /// <summary>The artifact path in the repository.</summary>
        public string? Path { get; init; }
        /// <summary>False when the artifact file itself is stored in Git.</summary>
        public bool Virtual { get; init; } = true;
        /// <summary>Labels, in file order.</summary>
        public IReadOnlyList<string> Labels { get; init; } = System.Array.Empty<string>();
        /// <summary>Free-text description (empty when absent).</summary>
        public string Description { get; init; } = "";
        /// <summary>Arbitrary metadata: strings, lists and string-keyed dictionaries.</summary>
        public object? Custom { get; init; }
        /// <summary>The file the annotation came from, relative to the repository root.</summary>
        public required string Source { get; init; }
        /// <summary>The commit the file was read at, or null for the working tree.</summary>
        public string? Commit { get; init; }
    }
}
