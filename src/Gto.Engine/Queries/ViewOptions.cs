namespace Gto.Engine.Queries
{
    /// <summary>The options of GTO <c>show</c>: <c>--ro</c>, <c>--av</c>, <c>--vs</c>, <c>--sort</c> and <c>-d</c>.</summary>
    internal sealed class ViewOptions
    {
        public bool RegisteredOnly { get; set; }
        /// <summary>-1 keeps all; N keeps each version's N oldest-activated stages (GTO's behaviour, docs/registry-state.md#q5-assignments-per-version-keeps-the-oldest).</summary>
        public int AssignmentsPerVersion { get; set; } = -1;
        /// <summary>-1 keeps all; N keeps the first N versions of each stage.</summary>
        public int VersionsPerStage { get; set; } = 1;
        public VersionSort Sort { get; set; } = VersionSort.Timestamp;
        /// <summary>Include deprecated artifacts and, for versions, inactive version objects.</summary>
        public bool IncludeDeprecated { get; set; }

        public static ViewOptions Default => new ViewOptions();

        /// <summary>True for GTO's default view (the stage resolution that also decides the stage columns).</summary>
        public bool IsDefault => !RegisteredOnly && AssignmentsPerVersion == -1 && VersionsPerStage == 1 && Sort == VersionSort.Timestamp;
    }

    /// <summary>Which rows of an artifact's version list to keep (GTO's shortcuts <c>@latest</c>, <c>@vX</c>, <c>#stage</c>).</summary>
    internal sealed class VersionFilter
    {
        public bool Latest { get; set; }
        public string? Version { get; set; }
        public string? Stage { get; set; }
    }
}
