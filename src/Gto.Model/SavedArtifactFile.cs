namespace Gto
{
    /// <summary>Where the content of a saved file came from.</summary>
    public enum ArtifactFileSource
    {
        /// <summary>A blob (or symbolic link) stored in Git.</summary>
        Git,
        /// <summary>A Git LFS object, fetched through <c>git lfs</c> and checked against its pointer.</summary>
        Lfs,
        /// <summary>A DVC cache or remote object, checked against the md5 recorded at the version's commit.</summary>
        Dvc,
    }

    /// <summary>One file Save-GtoArtifact wrote: where it is, which version it belongs to, and what was verified.</summary>
    /// <remarks>
    /// A type of its own rather than a FileInfo with notes: the provenance (artifact, version, commit, source) and the
    /// checksum are typed properties a runbook can rely on, and <see cref="Path"/> pipes into Get-Item when the file
    /// itself is wanted.
    /// </remarks>
    public sealed class SavedArtifactFile
    {
        /// <summary>The registry the file came from (its root, or the URL with credentials redacted).</summary>
        public string Repository { get; init; } = "";
        /// <summary>The artifact full name.</summary>
        public string Artifact { get; init; } = "";
        /// <summary>The version name (a 40-hex SHA for a version no tag registered).</summary>
        public string Version { get; init; } = "";
        /// <summary>The commit the files were read at.</summary>
        public string Commit { get; init; } = "";
        /// <summary>The full path of the file written.</summary>
        public string Path { get; init; } = "";
        /// <summary>The file's path in the repository at <see cref="Commit"/> (for DVC, the tracked path).</summary>
        public string StoredPath { get; init; } = "";
        /// <summary>The size in bytes of what was written (for a symbolic link, of its target text).</summary>
        public long Size { get; init; }
        /// <summary>The SHA-256 of what was written, lower-case hex.</summary>
        public string Sha256 { get; init; } = "";
        /// <summary>Where the content came from: <c>Git</c>, <c>Lfs</c> or <c>Dvc</c> (a string, so exports show the name).</summary>
        public string Source => From.ToString();
        /// <summary>Where the content came from.</summary>
        internal ArtifactFileSource From { get; init; }
        /// <summary>True when the file was written executable (git mode 100755).</summary>
        public bool IsExecutable { get; init; }
        /// <summary>The link target when the file is a symbolic link, else null.</summary>
        public string? LinkTarget { get; init; }

        /// <inheritdoc />
        public override string ToString() => Path;
    }
}
