namespace Gto
{
    /// <summary>A GTO tag name taken apart (GTO <c>parse-tag</c>).</summary>
    public sealed class ParsedTag
    {
        /// <summary>The tag name as given, without any <c>refs/tags/</c> prefix.</summary>
        public required string Tag { get; init; }
        /// <summary>The artifact full name, monorepo form <c>dir:name</c> restored.</summary>
        public required string Artifact { get; init; }
        /// <summary>What the tag does, as a name of <see cref="TagAction"/> (<c>Register</c>, <c>Assign</c>...), so exports show the name.</summary>
        public string Action => ActionKind.ToString();
        /// <summary>What the tag does.</summary>
        internal TagAction ActionKind { get; init; }
        /// <summary>The version for register and deregister tags, else null.</summary>
        public string? Version { get; init; }
        /// <summary>The stage for assign and unassign tags, else null.</summary>
        public string? Stage { get; init; }
        /// <summary>The <c>#N</c> counter, or null for a simple tag.</summary>
        public int? Counter { get; init; }

        /// <inheritdoc />
        public override string ToString() => Tag;
    }
}
