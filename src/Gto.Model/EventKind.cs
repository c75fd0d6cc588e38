namespace Gto
{
    /// <summary>The kinds of registry event (<see cref="RegistryEvent.Kind"/> is one of these names). The numeric value is GTO's event priority.</summary>
    public enum EventKind
    {
        /// <summary>A commit of a version, carrying the annotation read at that commit.</summary>
        Commit = 0,
        /// <summary>The artifact was deprecated (<c>name@deprecated</c>).</summary>
        Deprecation = 2,
        /// <summary>A version was registered (<c>name@v1.2.3</c>).</summary>
        Registration = 3,
        /// <summary>A version was deregistered (<c>name@v1.2.3!</c>).</summary>
        Deregistration = 4,
        /// <summary>A stage was assigned to a version (<c>name#stage#N</c>).</summary>
        Assignment = 5,
        /// <summary>A stage was unassigned from a version (<c>name#stage!#N</c>).</summary>
        Unassignment = 6,
    }
}
