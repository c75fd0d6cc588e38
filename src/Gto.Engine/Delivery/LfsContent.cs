using System;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// Fetches Git LFS objects through the installed <c>git lfs</c> (its own store first, then the LFS server of the
    /// repository's remote, with the user's credentials), and checks each against its pointer's oid and size.
    /// </summary>
    internal sealed class LfsContent
    {
        private readonly string _root;
        private readonly CancellationToken _cancellation;
        private bool? _installed;

        public LfsContent(string root, CancellationToken cancellation)
        {
            _root = root;
            _cancellation = cancellation;
        }

        public WrittenContent Fetch(LfsPointer pointer, string storedPath, string path, Action<long>? progress)
        {
            _installed ??= GitCli.Run(_root, new[] { "lfs", "version" }, null, _cancellation).ExitCode == 0;
            if (_installed == false)
                throw new GtoException(GtoErrors.GitLfsNotInstalled,
                    $"'{storedPath}' is stored with Git LFS, and git lfs is not installed. Install Git LFS (Debian and Ubuntu: " +
                    "apt-get install git-lfs; others: https://git-lfs.com) and run the command again.", storedPath);
            WrittenContent? written = null;
            var args = new[] { "lfs", "smudge", "--", storedPath };
            var (exit, error) = GitCli.RunBinary(_root, args, pointer.Text, output => written = HashingCopy.ToNewFile(output, path, progress), _cancellation);
            if (exit != 0)
            {
                System.IO.File.Delete(path);
                throw new GtoException(GtoErrors.ContentNotAvailable,
                    $"git lfs could not fetch '{storedPath}' (oid {pointer.Oid}): {Redaction.Text(error)}. Check that the LFS object was " +
                    "pushed and that your git can reach the repository's LFS server.", storedPath);
            }
            if (written == null || written.Sha256 != pointer.Oid || written.Size != pointer.Size)
            {
                System.IO.File.Delete(path);
                throw new GtoException(GtoErrors.ChecksumMismatch,
                    $"The Git LFS content of '{storedPath}' does not match its pointer (oid {pointer.Oid}, {pointer.Size} bytes; " +
                    $"got {written?.Sha256}, {written?.Size} bytes). Nothing was written.", storedPath);
            }
            return written;
        }
    }
}
