namespace Gto.Engine.Delivery
{
    /// <summary>One version of an artifact to save: its commit and the path its annotation gives there.</summary>
    internal sealed class DeliveryTarget
    {
        /// <summary>What the saved files name as their repository (root, or the redacted URL).</summary>
        public string Repository { get; init; } = "";
        public string Artifact { get; init; } = "";
        public string Version { get; init; } = "";
        public string Commit { get; init; } = "";
        /// <summary>The annotation's path at <see cref="Commit"/>, or null when it gives none.</summary>
        public string? Path { get; init; }
        /// <summary>The annotation's <c>virtual</c> flag (true unless the annotation says <c>virtual: false</c>).</summary>
        public bool Virtual { get; init; } = true;

        public override string ToString() => Artifact + "@" + Version;
    }
}
