using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Gto.Engine.Naming;
using Gto.Engine.Operations;

namespace Gto.Engine.Delivery
{
    /// <summary>How to save: where, whether existing files may be replaced, which DVC remote, and who hears progress.</summary>
    internal sealed class DeliveryOptions
    {
        /// <summary>The destination folder (a full path); created when missing.</summary>
        public string Destination { get; init; } = "";
        public bool Force { get; init; }
        /// <summary>A remote name of <c>.dvc/config</c>, a URL or a folder; null for the config's default remote.</summary>
        public string? DvcRemote { get; init; }
        /// <summary>Told (stored path, files done, files in all, bytes of the current file) as content is written.</summary>
        public Action<string, int, int, long>? Progress { get; init; }
    }

    /// <summary>
    /// Save-GtoArtifact's engine (docs/delivery.md): the files of one artifact version, written exactly as stored at its
    /// commit and verified, all or nothing. Everything is first written to a staging folder inside the destination
    /// and checked; only then is each file renamed into place, so a failure leaves the destination as it was.
    /// </summary>
    internal static class ArtifactDelivery
    {
        /// <summary>The file or folder the version's path becomes in <paramref name="destination"/>.</summary>
        public static string TargetPath(DeliveryTarget target, string destination)
        {
            var path = ArtifactPath(target);
            return StoredNames.Under(destination, path.Substring(path.LastIndexOf('/') + 1));
        }

        /// <summary>Saves the version's files; returns one object per file written.</summary>
        /// <param name="gitRoot">Where git runs: the registry's work tree, or its git directory when bare.</param>
        public static List<SavedArtifactFile> Save(DeliveryTarget target, string gitRoot, DeliveryOptions options, CancellationToken cancellation)
        {
            var path = ArtifactPath(target);
            var leaf = path.Substring(path.LastIndexOf('/') + 1);
            var git = new GitObjects(gitRoot, cancellation);
            var workTree = Directory.Exists(Path.Combine(gitRoot, ".git")) || File.Exists(Path.Combine(gitRoot, ".git")) ? gitRoot : null;
            var destination = Path.GetFullPath(options.Destination);
            var planned = PlanGitFiles(git, target, path, leaf);
            var dvc = planned.Count > 0 ? null : DvcOutput.Find(git, target.Commit, path);
            if (planned.Count == 0 && dvc == null)
                throw target.Virtual
                    ? new GtoException(GtoErrors.VirtualArtifact,
                        $"The artifact '{target.Artifact}' is virtual: its path '{path}' is stored neither in Git, Git LFS nor DVC at commit " +
                        $"{target.Commit} ({target}). Fetch its files from where they are kept; Save-GtoArtifact saves files the repository tracks.", target.Artifact)
                    : new GtoException(GtoErrors.ArtifactPathNotFound,
                        $"The path '{path}' of '{target}' does not exist at commit {target.Commit}, neither in Git nor as a DVC output. " +
                        "Check the annotation's path at that commit (Get-GtoAnnotation -Revision).", path);
            bool createdDestination = !Directory.Exists(destination);
            var staging = Path.Combine(destination, ".gto-save-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                Directory.CreateDirectory(staging);
                DvcContent? dvcContent = null;
                if (dvc != null)
                {
                    dvcContent = new DvcContent(workTree, git.ReadText(target.Commit, ".dvc/config", Yaml.SafeYaml.MaxBytes), options.DvcRemote, cancellation);
                    planned = PlanDvcFiles(dvcContent, dvc, leaf, Path.Combine(staging, "manifest"));
                }
                foreach (var file in planned) CheckPlace(destination, file.Relative, options.Force);
                WriteStaged(target, git, dvcContent, planned, staging, destination, options, cancellation);
                var saved = new List<SavedArtifactFile>();
                foreach (var file in planned) saved.Add(MoveIntoPlace(target, file, staging, destination, options.Force));
                return saved;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                if (WriteAccess.IsDenied(ex)) throw WriteAccess.Denied(destination, ex);
                throw new GtoException(GtoErrors.FileWriteFailed,
                    $"Saving '{target}' to '{destination}' failed ({ex.Message.TrimEnd('.')}); files not yet moved into place were removed. " +
                    "Fix the cause (disk space, permissions) and run the command again.", destination, ex);
            }
            finally
            {
                RemoveQuietly(staging);
                if (createdDestination && Directory.Exists(destination) && !Directory.EnumerateFileSystemEntries(destination).Any()) RemoveQuietly(destination);
            }
        }

        private static string ArtifactPath(DeliveryTarget target)
        {
            // "models/churn/" and "./models/churn" name the same folder; anything else odd is refused below.
            var path = (target.Path ?? "").TrimEnd('/');
            while (path.StartsWith("./", StringComparison.Ordinal)) path = path.Substring(2);
            if (path.Length == 0)
                throw new GtoException(GtoErrors.ArtifactHasNoPath,
                    $"The artifact '{target.Artifact}' has no path in its annotation at commit {target.Commit} ({target}), so there is " +
                    "nothing to save. Annotate it with a path (Set-GtoAnnotation -Path) and register a new version.", target.Artifact);
            StoredNames.Assert(path, $"The path of '{target}'");
            return path;
        }

        private static List<PlannedFile> PlanGitFiles(GitObjects git, DeliveryTarget target, string path, string leaf)
        {
            var planned = new List<PlannedFile>();
            foreach (var file in git.ListFiles(target.Commit, path))
            {
                var relative = file.Path == path ? leaf : leaf + "/" + file.Path.Substring(path.Length + 1);
                StoredNames.Assert(file.Path, "The file");
                if (file.IsSubmodule)
                    throw new GtoException(GtoErrors.ContentNotAvailable,
                        $"'{file.Path}' in '{target}' is a Git submodule, whose files are in another repository; Gto does not save submodules.", file.Path);
                planned.Add(new PlannedFile { Relative = relative, StoredPath = file.Path, Blob = file });
            }
            return planned;
        }

        private static List<PlannedFile> PlanDvcFiles(DvcContent content, DvcOutput output, string leaf, string scratch)
        {
            if (output.Md5.Length == 0)
                throw new GtoException(GtoErrors.ContentNotAvailable,
                    $"'{output.Path}' is a DVC output without an md5 in '{output.RecordedIn}' (not in the cache, or tracked in a cloud): " +
                    "use dvc pull or dvc import to fetch it.", output.Path);
            if (!output.IsFolder)
                return new List<PlannedFile> { new PlannedFile { Relative = leaf, StoredPath = output.Path, Md5 = output.Md5, Legacy = output.Legacy, Size = output.Size } };
            return content.Manifest(output, scratch).Select(f => new PlannedFile
            {
                Relative = leaf + "/" + f.RelativePath,
                StoredPath = output.Path + "/" + f.RelativePath,
                Md5 = f.Md5,
                Legacy = output.Legacy,
            }).ToList();
        }

        /// <summary>Refuses a file whose place is taken (without -Force), is a folder, or lies behind a link or a file.</summary>
        private static void CheckPlace(string destination, string relative, bool force)
        {
            var final = StoredNames.Under(destination, relative);
            var folder = destination;
            var segments = relative.Split('/');
            for (int i = 0; i < segments.Length - 1; i++)
            {
                folder = Path.Combine(folder, segments[i]);
                var info = new FileInfo(folder);
                if (info.LinkTarget != null)
                    throw new GtoException(GtoErrors.UnsafeArtifactPath,
                        $"'{folder}' is a symbolic link; Gto does not write through links. Remove it, or save to another -Destination. Nothing was written.", folder);
                if (info.Exists)
                    throw new GtoException(GtoErrors.DestinationExists,
                        $"'{folder}' is a file where the artifact has a folder. Remove it, or save to another -Destination. Nothing was written.", folder);
            }
            var target = new FileInfo(final);
            if (Directory.Exists(final) && target.LinkTarget == null)
                throw new GtoException(GtoErrors.DestinationExists,
                    $"'{final}' is a folder where the artifact has a file. Remove it, or save to another -Destination. Nothing was written.", final);
            if (!force && (target.Exists || target.LinkTarget != null))
                throw new GtoException(GtoErrors.DestinationExists,
                    $"'{final}' exists. Use -Force to replace it, or save to another -Destination. Nothing was written.", final);
        }

        private static void WriteStaged(DeliveryTarget target, GitObjects git, DvcContent? dvc, List<PlannedFile> planned,
            string staging, string destination, DeliveryOptions options, CancellationToken cancellation)
        {
            int done = 0;
            void Report(PlannedFile f, long bytes) => options.Progress?.Invoke(f.StoredPath, done, planned.Count, bytes);
            var blobs = planned.Where(f => f.Blob != null).ToList();
            if (blobs.Count > 0)
            {
                git.FetchMissing(target.Commit, ArtifactPath(target), blobs.Select(b => b.Blob!.Oid).ToList());
                git.ReadBlobs(blobs.Select(b => b.Blob!.Oid).ToList(), (i, size, content) =>
                {
                    var file = blobs[i];
                    Report(file, 0);
                    WriteBlob(file, size, content, StagedPath(staging, file), destination, StoredNames.Under(destination, file.Relative), b => Report(file, b));
                    done++;
                });
            }
            var lfs = new LfsContent(git.Root, cancellation);
            foreach (var file in planned)
            {
                if (file.Lfs != null)
                {
                    Report(file, 0);
                    file.Written = lfs.Fetch(file.Lfs, file.StoredPath, StagedPath(staging, file), b => Report(file, b));
                }
                else if (file.Md5 != null)
                {
                    Report(file, 0);
                    file.Written = dvc!.Fetch(file.Md5, file.Legacy, file.Size, StagedPath(staging, file), file.StoredPath, b => Report(file, b));
                    done++;
                }
                if (file.Blob?.IsExecutable == true) MakeExecutable(StagedPath(staging, file));
            }
        }

        /// <summary>Writes a blob to the staging folder; a link is checked against its final place, not the staging one.</summary>
        private static void WriteBlob(PlannedFile file, long size, Stream content, string staged, string destination, string final, Action<long> progress)
        {
            if (file.Blob!.IsLink)
            {
                var bytes = ReadAll(content);
                var linkTarget = Encoding.UTF8.GetString(bytes);
                StoredNames.AssertLinkInside(destination, final, linkTarget, file.StoredPath);
                File.CreateSymbolicLink(staged, linkTarget);
                file.LinkTarget = linkTarget;
                file.Written = new WrittenContent(bytes.Length, HashingCopy.Hex(System.Security.Cryptography.SHA256.HashData(bytes)), "");
                return;
            }
            if (size <= LfsPointer.MaxSize)
            {
                var bytes = ReadAll(content);
                file.Lfs = LfsPointer.TryParse(bytes);
                if (file.Lfs != null) return;
                content = new MemoryStream(bytes);
            }
            file.Written = HashingCopy.ToNewFile(content, staged, progress);
        }

        private static byte[] ReadAll(Stream content)
        {
            var buffer = new MemoryStream();
            content.CopyTo(buffer);
            return buffer.ToArray();
        }

        private static string StagedPath(string staging, PlannedFile file)
        {
            var path = Path.Combine(staging, "files", file.Relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }

        private static void MakeExecutable(string path)
        {
            if (OperatingSystem.IsWindows()) return;
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserRead) != 0) mode |= UnixFileMode.UserExecute;
            if ((mode & UnixFileMode.GroupRead) != 0) mode |= UnixFileMode.GroupExecute;
            if ((mode & UnixFileMode.OtherRead) != 0) mode |= UnixFileMode.OtherExecute;
            File.SetUnixFileMode(path, mode);
        }

        private static SavedArtifactFile MoveIntoPlace(DeliveryTarget target, PlannedFile file, string staging, string destination, bool force)
        {
            var final = StoredNames.Under(destination, file.Relative);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // One rename per file, on the destination's own file system: a reader sees the old file or the whole new one.
            File.Move(StagedPath(staging, file), final, overwrite: force);
            return new SavedArtifactFile
            {
                Repository = target.Repository,
                Artifact = target.Artifact,
                Version = target.Version,
                Commit = target.Commit,
                Path = final,
                StoredPath = file.StoredPath,
                Size = file.Written!.Size,
                Sha256 = file.Written.Sha256,
                From = file.Lfs != null ? ArtifactFileSource.Lfs : file.Md5 != null ? ArtifactFileSource.Dvc : ArtifactFileSource.Git,
                IsExecutable = file.Blob?.IsExecutable == true,
                LinkTarget = file.LinkTarget,
            };
        }

        private static void RemoveQuietly(string folder)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Only staging leftovers: the files moved into place are complete either way.
            }
        }
    }
}
