namespace Gto.Engine.Delivery
{
    /// <summary>One file to save: where it goes below the destination, and where its content comes from.</summary>
    internal sealed class PlannedFile
    {
        /// <summary>The '/'-separated path below the destination (the artifact's last path segment first).</summary>
        public string Relative { get; init; } = "";
        /// <summary>The path in the repository (for a file of a DVC folder: the folder's path and the file's name).</summary>
        public string StoredPath { get; init; } = "";
        /// <summary>A Git blob to read, with its tree entry; null for DVC content.</summary>
        public TreeFile? Blob { get; init; }
        /// <summary>The md5 of DVC content; null for a Git blob.</summary>
        public string? Md5 { get; init; }
        public bool Legacy { get; init; }
        public long? Size { get; init; }

        /// <summary>Set while saving: the Git LFS pointer the blob turned out to be.</summary>
        public LfsPointer? Lfs { get; set; }
        /// <summary>Set while saving: what was written to the staging folder.</summary>
        public WrittenContent? Written { get; set; }
        public string? LinkTarget { get; set; }
    }
}
