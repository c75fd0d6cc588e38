namespace Gto
{
    /// <summary>How versions are ordered when deciding which versions a stage shows (GTO <c>--sort</c>).</summary>
    public enum VersionSort
    {
        /// <summary>The most recent assignment wins (GTO's default).</summary>
        Timestamp,
        /// <summary>The greatest version wins.</summary>
        SemVer,
    }
}
