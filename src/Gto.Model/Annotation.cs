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
        public ValueList Labels { get; init; } = ValueList.Empty;
        /// <summary>Free-text description (empty when absent).</summary>
        public string Description { get; init; } = "";
        /// <summary>Arbitrary metadata: strings, lists and string-keyed dictionaries.</summary>
        public object? Custom { get; init; }
        /// <summary>The file the annotation came from, relative to the repository root.</summary>
        public required string Source { get; init; }
        /// <summary>The commit the file was read at, or null for the working tree.</summary>
        public string? Commit { get; init; }

        /// <summary><c>type=model; path=models/churn.pkl; labels=ml|approved</c>: the fields that are set.</summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>();
            if (!string.IsNullOrEmpty(Type)) parts.Add("type=" + Type);
            if (!string.IsNullOrEmpty(Path)) parts.Add("path=" + Path);
            if (Labels.Count > 0) parts.Add("labels=" + string.Join("|", Labels));
            if (Description.Length > 0) parts.Add("description=" + Description);
            return string.Join("; ", parts);
        }
    }
}
