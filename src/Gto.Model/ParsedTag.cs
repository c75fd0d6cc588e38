namespace Gto
{
    /// <summary>A GTO tag name taken apart (GTO <c>parse-tag</c>).</summary>
    public sealed class ParsedTag
    {
        /// <summary>Creates a parsed tag.</summary>
        public ParsedTag(string tag, string artifact, TagAction action, string? version, string? stage, int? counter)
        {
            Tag = tag;
            Artifact = artifact;
            Action = action;
            Version = version;
            Stage = stage;
            Counter = counter;
        }

        /// <summary>The tag name as given, without any <c>refs/tags/</c> prefix.</summary>
        public string Tag { get; }
        /// <summary>The artifact full name, monorepo form <c>dir:name</c> restored.</summary>
        public string Artifact { get; }
        /// <summary>What the tag does.</summary>
        public TagAction Action { get; }
        /// <summary>The version for register and deregister tags, else null.</summary>
        public string? Version { get; }
        /// <summary>The stage for assign and unassign tags, else null.</summary>
        public string? Stage { get; }
        /// <summary>The <c>#N</c> counter, or null for a simple tag.</summary>
        public int? Counter { get; }

        /// <inheritdoc />
        public override string ToString() => Tag;
    }
}
