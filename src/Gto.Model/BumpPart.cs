namespace Gto
{
    /// <summary>Which part of the greatest version a new registration bumps.</summary>
    public enum BumpPart
    {
        /// <summary>v1.2.3 → v1.2.4 (the default).</summary>
        Patch,
        /// <summary>v1.2.3 → v1.3.0</summary>
        Minor,
        /// <summary>v1.2.3 → v2.0.0</summary>
        Major,
    }
}
