namespace Gto
{
    /// <summary>A stage of the registry (GTO <c>stages</c>).</summary>
    public sealed class Stage
    {
        /// <summary>Creates a stage.</summary>
        public Stage(string repository, string name, bool isAllowed, bool isInUse)
        {
            Repository = repository;
            Name = name;
            IsAllowed = isAllowed;
            IsInUse = isInUse;
        }

        /// <summary>The repository.</summary>
        public string Repository { get; }
        /// <summary>The stage name.</summary>
        public string Name { get; }
        /// <summary>True when <c>.gto</c> lists the stage, or when <c>.gto</c> does not restrict stages.</summary>
        public bool IsAllowed { get; }
        /// <summary>True when some active version currently holds the stage.</summary>
        public bool IsInUse { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
