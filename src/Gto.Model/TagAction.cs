namespace Gto
{
    /// <summary>What a GTO tag does to the registry.</summary>
    public enum TagAction
    {
        /// <summary><c>name@v1.2.3</c></summary>
        Register,
        /// <summary><c>name@v1.2.3!</c></summary>
        Deregister,
        /// <summary><c>name#stage</c></summary>
        Assign,
        /// <summary><c>name#stage!</c></summary>
        Unassign,
        /// <summary><c>name@deprecated</c></summary>
        Deprecate,
    }
}
