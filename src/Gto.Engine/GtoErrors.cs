using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Gto.Engine
{
    /// <summary>One kind of failure: the stable id scripts match on, its category, and what it means.</summary>
    internal sealed class GtoError
    {
        internal GtoError(string id, GtoErrorKind kind, string meaning)
        {
            Id = id;
            Kind = kind;
            Meaning = meaning;
        }

        public string Id { get; }
        public GtoErrorKind Kind { get; }
        public string Meaning { get; }

        public override string ToString() => Id;
    }

    /// <summary>
    /// The catalogue of every error Gto raises. An error can only be raised through an entry here, so no id exists
    /// that is not documented: about_Gto lists them all, and a test keeps the two in step. Ids never change.
    /// </summary>
    internal static class GtoErrors
    {
        // Names, versions and input.
        public static readonly GtoError InvalidName = new GtoError("InvalidName", GtoErrorKind.InvalidArgument,
            "An artifact name, stage, type or label breaks GTO's name rules.");
        public static readonly GtoError InvalidVersion = new GtoError("InvalidVersion", GtoErrorKind.InvalidArgument,
            "A version is not a SemVer version with a leading 'v', such as v1.2.3.");
        public static readonly GtoError InvalidTagName = new GtoError("InvalidTagName", GtoErrorKind.InvalidArgument,
            "A tag name is not a GTO tag, or the tag a command would write is not a name git can store.");
        public static readonly GtoError TagNameConflict = new GtoError("TagNameConflict", GtoErrorKind.ResourceExists,
            "An existing tag would have to be a folder of the new one (or the reverse), which git cannot store.");
        public static readonly GtoError InvalidCharacter = new GtoError("InvalidCharacter", GtoErrorKind.InvalidArgument,
            "A value holds a NUL or another control character.");
        public static readonly GtoError VersionOutOfRange = new GtoError("VersionOutOfRange", GtoErrorKind.InvalidArgument,
            "A version number is larger than Gto can store (9223372036854775807), or a bump would pass it.");
        public static readonly GtoError CounterOutOfRange = new GtoError("CounterOutOfRange", GtoErrorKind.InvalidOperation,
            "The artifact's tag counter would pass the largest number GTO can write.");
        public static readonly GtoError NoTagGiven = new GtoError("NoTagGiven", GtoErrorKind.InvalidArgument,
            "No tag was given and the CI environment names no pushed tag.");
        public static readonly GtoError NoRefGiven = new GtoError("NoRefGiven", GtoErrorKind.InvalidArgument,
            "No ref was given and the CI environment names no pushed ref.");
        public static readonly GtoError NameRequired = new GtoError("NameRequired", GtoErrorKind.InvalidArgument,
            "No artifact name was given, neither by -Name nor by a piped string or object with a Name or Artifact property.");
        public static readonly GtoError VersionOrRefRequired = new GtoError("VersionOrRefRequired", GtoErrorKind.InvalidArgument,
            "A stage assignment names neither the version (-Version) nor the commit (-Ref, e.g. -Ref HEAD).");
        public static readonly GtoError AmbiguousVersion = new GtoError("AmbiguousVersion", GtoErrorKind.InvalidArgument,
            "Both an explicit version and a bump were given; give one.");
        public static readonly GtoError VersionWithSkipRegistration = new GtoError("VersionWithSkipRegistration", GtoErrorKind.InvalidArgument,
            "A version name was given together with -SkipRegistration.");
        public static readonly GtoError ForceWithSimple = new GtoError("ForceWithSimple", GtoErrorKind.InvalidArgument,
            "-Force cannot be combined with -Simple when deprecating an artifact.");
        public static readonly GtoError ConflictingTagForm = new GtoError("ConflictingTagForm", GtoErrorKind.InvalidArgument,
            "-Simple and -TagForm were both given; they say the same thing, so only one may be.");

        // The registry's content.
        public static readonly GtoError ArtifactNotFound = new GtoError("ArtifactNotFound", GtoErrorKind.ObjectNotFound,
            "No artifact of that name has tags or an annotation in the registry.");
        public static readonly GtoError ArtifactAlreadyDeprecated = new GtoError("ArtifactAlreadyDeprecated", GtoErrorKind.InvalidOperation,
            "The artifact is deprecated already.");
        public static readonly GtoError VersionNotFound = new GtoError("VersionNotFound", GtoErrorKind.ObjectNotFound,
            "The artifact has no version of that name.");
        public static readonly GtoError VersionNotRegistered = new GtoError("VersionNotRegistered", GtoErrorKind.ObjectNotFound,
            "The version has no registration tag (it is unknown, or known only from stage tags).");
        public static readonly GtoError VersionHasNoTags = new GtoError("VersionHasNoTags", GtoErrorKind.ObjectNotFound,
            "The version has no tags to deregister or delete.");
        public static readonly GtoError VersionAlreadyRegistered = new GtoError("VersionAlreadyRegistered", GtoErrorKind.ResourceExists,
            "The commit already carries an active version of the artifact.");
        public static readonly GtoError VersionAlreadyDeregistered = new GtoError("VersionAlreadyDeregistered", GtoErrorKind.InvalidOperation,
            "The version is deregistered already.");
        public static readonly GtoError VersionExists = new GtoError("VersionExists", GtoErrorKind.ResourceExists,
            "The version name is registered already, on another commit.");
        public static readonly GtoError CommitHasOtherVersion = new GtoError("CommitHasOtherVersion", GtoErrorKind.InvalidArgument,
            "The commit carries another version of the artifact; only that one can be used there.");
        public static readonly GtoError ManyVersionsOnCommit = new GtoError("ManyVersionsOnCommit", GtoErrorKind.InvalidData,
            "Two versions of one artifact are registered on one commit, so tags there cannot be attributed.");
        public static readonly GtoError NothingToBump = new GtoError("NothingToBump", GtoErrorKind.InvalidOperation,
            "A bump was asked for, but the artifact has no version yet.");
        public static readonly GtoError StageNotAllowed = new GtoError("StageNotAllowed", GtoErrorKind.InvalidArgument,
            "The stage is not among the stages .gto (or GTO_STAGES) allows.");
        public static readonly GtoError TypeNotAllowed = new GtoError("TypeNotAllowed", GtoErrorKind.InvalidArgument,
            "The type is not among the types .gto (or GTO_TYPES) allows.");
        public static readonly GtoError StageNotFound = new GtoError("StageNotFound", GtoErrorKind.ObjectNotFound,
            "The stage is neither allowed by .gto nor held by any version of the registry.");
        public static readonly GtoError StageAlreadyAssigned = new GtoError("StageAlreadyAssigned", GtoErrorKind.ResourceExists,
            "The version is in that stage already (use -Force for a new tag anyway).");
        public static readonly GtoError StageNotAssigned = new GtoError("StageNotAssigned", GtoErrorKind.InvalidOperation,
            "The stage was never assigned to that version.");
        public static readonly GtoError RevisionNotFound = new GtoError("RevisionNotFound", GtoErrorKind.ObjectNotFound,
            "A revision (branch, tag, SHA, expression) does not resolve to a commit.");
        public static readonly GtoError TagExists = new GtoError("TagExists", GtoErrorKind.ResourceExists,
            "The tag to write exists already (another writer made it).");

        // Files of the registry.
        public static readonly GtoError InvalidConfig = new GtoError("InvalidConfig", GtoErrorKind.InvalidData,
            ".gto or a GTO_* environment variable holds something GTO would reject, or breaks a safety limit.");
        public static readonly GtoError SettingNotFound = new GtoError("SettingNotFound", GtoErrorKind.ObjectNotFound,
            "Get-GtoConfig -Name names no setting GTO knows.");
        public static readonly GtoError DamagedAnnotationFile = new GtoError("DamagedAnnotationFile", GtoErrorKind.InvalidData,
            "artifacts.yaml (or dvc.yaml) does not conform to GTO's format, breaks a safety limit, or is not a regular file.");
        public static readonly GtoError InvalidCustomValue = new GtoError("InvalidCustomValue", GtoErrorKind.InvalidArgument,
            "-Custom holds a value Gto cannot store so it reads back the same (another object, a date, a cycle, too deep or too large).");
        public static readonly GtoError AnnotationNotWritable = new GtoError("AnnotationNotWritable", GtoErrorKind.InvalidArgument,
            "The annotation file with the change would break a safety limit of the YAML reader, so nothing was written.");
        public static readonly GtoError PathRequired = new GtoError("PathRequired", GtoErrorKind.InvalidArgument,
            "-MustExist needs -Path.");
        public static readonly GtoError PathNotFound = new GtoError("PathNotFound", GtoErrorKind.ObjectNotFound,
            "The artifact's path does not exist at HEAD.");
        public static readonly GtoError PathConflict = new GtoError("PathConflict", GtoErrorKind.ResourceExists,
            "The path equals, contains or lies inside another artifact's path.");
        public static readonly GtoError UncommittedChanges = new GtoError("UncommittedChanges", GtoErrorKind.InvalidOperation,
            "-Commit would sweep in uncommitted changes of the annotation file.");
        public static readonly GtoError CommitFailed = new GtoError("CommitFailed", GtoErrorKind.InvalidOperation,
            "git could not commit the annotation file.");
        public static readonly GtoError BareRepository = new GtoError("BareRepository", GtoErrorKind.InvalidOperation,
            "Annotations are edited in a work tree; the repository is bare.");

        // Saving an artifact's files (Save-GtoArtifact).
        public static readonly GtoError ArtifactHasNoPath = new GtoError("ArtifactHasNoPath", GtoErrorKind.ObjectNotFound,
            "The artifact's annotation at the version's commit gives no path, so there are no files to save.");
        public static readonly GtoError VirtualArtifact = new GtoError("VirtualArtifact", GtoErrorKind.ObjectNotFound,
            "The artifact is virtual: its path is stored neither in Git, Git LFS nor DVC at the version's commit.");
        public static readonly GtoError ArtifactPathNotFound = new GtoError("ArtifactPathNotFound", GtoErrorKind.ObjectNotFound,
            "The artifact's path does not exist at the version's commit (in Git, as a DVC output or in dvc.lock).");
        public static readonly GtoError UnsafeArtifactPath = new GtoError("UnsafeArtifactPath", GtoErrorKind.InvalidData,
            "A stored name or link would place a file outside the destination (.., an absolute path, .git, a link leaving it).");
        public static readonly GtoError DestinationExists = new GtoError("DestinationExists", GtoErrorKind.ResourceExists,
            "A file to save exists in the destination already (use -Force to replace it), or a folder is in its place.");
        public static readonly GtoError ChecksumMismatch = new GtoError("ChecksumMismatch", GtoErrorKind.InvalidData,
            "Content fetched for a file does not match the hash or size recorded for it; nothing was written.");
        public static readonly GtoError ContentNotAvailable = new GtoError("ContentNotAvailable", GtoErrorKind.ObjectNotFound,
            "The content of a Git LFS or DVC-tracked file is in none of the places Gto can read it from.");
        public static readonly GtoError GitLfsNotInstalled = new GtoError("GitLfsNotInstalled", GtoErrorKind.InvalidOperation,
            "A file is a Git LFS pointer and git lfs is not installed.");
        public static readonly GtoError InvalidDvcFile = new GtoError("InvalidDvcFile", GtoErrorKind.InvalidData,
            "A .dvc file, dvc.lock, .dvc/config or .dir manifest at the version's commit cannot be read.");
        public static readonly GtoError DvcRemoteNotSupported = new GtoError("DvcRemoteNotSupported", GtoErrorKind.InvalidOperation,
            "The DVC remote is of a kind Gto does not read (s3, gs, azure, ssh..., a file URL naming a host, git's ext:: transport): use dvc pull.");
        public static readonly GtoError DvcRemoteFailed = new GtoError("DvcRemoteFailed", GtoErrorKind.ConnectionError,
            "A DVC http(s) remote answered with an error or could not be reached.");

        // The repository and git.
        public static readonly GtoError NotARepository = new GtoError("NotARepository", GtoErrorKind.ObjectNotFound,
            "-Repository (or the current location) is not inside a git repository.");
        public static readonly GtoError TaggerIdentityMissing = new GtoError("TaggerIdentityMissing", GtoErrorKind.InvalidOperation,
            "git has no user name and email to write tags with.");
        public static readonly GtoError RegistryLocked = new GtoError("RegistryLocked", GtoErrorKind.ResourceExists,
            "Another Gto command kept the repository's write lock longer than the wait allows.");
        public static readonly GtoError GitLockFileExists = new GtoError("GitLockFileExists", GtoErrorKind.ResourceExists,
            "A git .lock file blocks writing refs; a git process is running or died while writing.");
        public static readonly GtoError GitObjectNotFound = new GtoError("GitObjectNotFound", GtoErrorKind.ObjectNotFound,
            "An object the registry refers to is missing from the repository.");
        public static readonly GtoError GitFailed = new GtoError("GitFailed", GtoErrorKind.InvalidOperation,
            "git (the CLI or libgit2) failed.");
        public static readonly GtoError PermissionDenied = new GtoError("PermissionDenied", GtoErrorKind.PermissionDenied,
            "The repository is on a read-only file system, or this user may not change its files.");
        public static readonly GtoError TagWriteFailed = new GtoError("TagWriteFailed", GtoErrorKind.InvalidOperation,
            "Writing or deleting a tag failed; tags written before it in the same command were deleted again.");
        public static readonly GtoError FileWriteFailed = new GtoError("FileWriteFailed", GtoErrorKind.InvalidOperation,
            "Replacing a file failed; the old file is intact.");
        public static readonly GtoError FileSystemFailed = new GtoError("FileSystemFailed", GtoErrorKind.InvalidOperation,
            "A file could not be read or written.");
        public static readonly GtoError CloneFailed = new GtoError("CloneFailed", GtoErrorKind.ConnectionError,
            "A remote registry could not be cloned.");
        public static readonly GtoError PushFailed = new GtoError("PushFailed", GtoErrorKind.ConnectionError,
            "A tag could not be pushed (or its deletion could not be pushed) to the remote.");
        public static readonly GtoError InvalidRemote = new GtoError("InvalidRemote", GtoErrorKind.InvalidArgument,
            "A -Remote or -Repository URL that git or ssh would read as an option or a command (leading '-', ext::, fd::, control characters).");
        public static readonly GtoError InvalidCommitterDate = new GtoError("InvalidCommitterDate", GtoErrorKind.InvalidArgument,
            "GIT_COMMITTER_DATE (the tag date) is not a date both git and Gto can read.");
        public static readonly GtoError UnreadableCommitDate = new GtoError("UnreadableCommitDate", GtoErrorKind.InvalidData,
            "The commit to tag has an author or committer date outside years 1 to 9999 or offsets of ±14 hours.");
        // Governance: signing, verification and the promotion policy (docs/governance.md).
        public static readonly GtoError SigningFailed = new GtoError("SigningFailed", GtoErrorKind.InvalidOperation,
            "-Sign (or tag.gpgSign) asked for a signed tag and git could not sign it with the user's signing set-up.");
        public static readonly GtoError PolicyViolation = new GtoError("PolicyViolation", GtoErrorKind.PermissionDenied,
            "The write breaks a rule of the promotion policy (.gto-policy.yaml): a required earlier stage or an allowed signer.");
        public static readonly GtoError InvalidPolicy = new GtoError("InvalidPolicy", GtoErrorKind.InvalidData,
            ".gto-policy.yaml is not valid YAML, holds an unknown key, or breaks a safety limit.");
        public static readonly GtoError PolicyNotFound = new GtoError("PolicyNotFound", GtoErrorKind.ObjectNotFound,
            "-Trusted was asked for, but the trusted revision has no .gto-policy.yaml (or the revision does not exist).");
        public static readonly GtoError InternalError = new GtoError("InternalError", GtoErrorKind.InvalidOperation,
            "Gto failed in a way it did not foresee: a bug to report.");

        /// <summary>Every entry, in the order above.</summary>
        public static IReadOnlyList<GtoError> All { get; } = typeof(GtoErrors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(GtoError))
            .Select(f => (GtoError)f.GetValue(null)!).ToList();
    }
}
