using System.Collections.Generic;

namespace Gto
{
    /// <summary>An artifact's annotation from <c>artifacts.yaml</c> or the <c>artifacts:</c> section of a <c>dvc.yaml</c>.</summary>
    public sealed class Annotation
    {
        /// <summary>Creates an annotation.</summary>
        public Annotation(string repository, string artifact, string? type, string? path, bool @virtual,
            IReadOnlyList<string> labels, string description, object? custom, string source, string? commit)
        {
            Repository = repository;
            Artifact = artifact;
            Type = type;
            Path = path;
            Virtual = @virtual;
            Labels = labels;
            Description = description;
            Custom = custom;
            Source = source;
            Commit = commit;
        }

        /// <summary>The repository the annotation was read from.</summary>
        public string Repository { get; }
        /// <summary>The artifact name.</summary>
        public string Artifact { get; }
        /// <summary>The artifact type, e.g. <c>model</c>.</summary>
        public string? Type { get; }
        /// <summary>The artifact path in the repository.</summary>
        public string? Path { get; }
        /// <summary>False when the artifact file itself is stored in Git.</summary>
        public bool Virtual { get; }
        /// <summary>Labels, in file order.</summary>
        public IReadOnlyList<string> Labels { get; }
        /// <summary>Free-text description (empty when absent).</summary>
        public string Description { get; }
        /// <summary>Arbitrary metadata: strings, lists and string-keyed dictionaries.</summary>
        public object? Custom { get; }
        /// <summary>The file the annotation came from, relative to the repository root.</summary>
        public string Source { get; }
        /// <summary>The commit the file was read at, or null for the working tree.</summary>
        public string? Commit { get; }
    }
}
