namespace Gto
{
    /// <summary>A stage of the registry (GTO <c>stages</c>).</summary>
    public sealed class Stage
    {
        /// <summary>The repository.</summary>
        public required string Repository { get; init; }
        /// <summary>The stage name.</summary>
        public required string Name { get; init; }
        /// <summary>True when <c>.gto</c> lists the stage, or when <c>.gto</c> does not restrict stages.</summary>
        public bool IsAllowed { get; init; }
        /// <summary>True when some active version currently holds the stage.</summary>
        public bool IsInUse { get; init; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
