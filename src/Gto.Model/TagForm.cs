namespace Gto
{
    /// <summary>How a write names its tag (GTO <c>--simple</c>): with or without a <c>#N</c> counter.</summary>
    public enum TagForm
    {
        /// <summary>GTO's default for the action: simple for registrations, deregistrations and deprecations; a counter for assignments and unassignments.</summary>
        Auto,
        /// <summary>No counter: <c>name#stage</c>, <c>name@v1.2.3</c>.</summary>
        Simple,
        /// <summary>With a counter: <c>name#stage#3</c>, <c>name@v1.2.3#4</c>.</summary>
        Counted,
    }
}
