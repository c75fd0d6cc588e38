using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// Serialises the read-validate-write step of every writer of one repository: tag writes and annotation edits.
    /// The lock is an open file handle with no sharing: the operating system releases it when the process exits,
    /// so a crashed runbook cannot leave it stuck, and no stale-lock clean-up is needed. The file itself stays:
    /// deleting it on release would let a waiter lock the unlinked file while a newcomer locks a fresh one.
    /// </summary>
    internal sealed class RegistryLock : IDisposable
    {
        /// <summary>How long a writer waits for another Gto writer of the same repository.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        // What .NET reports when another handle holds the file: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on
        // Windows, the errno of a refused flock (EWOULDBLOCK: 11 on Linux, 35 on macOS) on Unix. Any other failure
        // (a read-only file system, no permission) will not go away by waiting.
        private static readonly int[] HeldCodes = { unchecked((int)0x80070020), unchecked((int)0x80070021), 11, 35 };

        private readonly FileStream _handle;
        private readonly string _gitDirectory;

        private RegistryLock(FileStream handle, string gitDirectory)
        {
            _handle = handle;
            _gitDirectory = Path.GetFullPath(gitDirectory);
        }

        /// <summary>True when this is the lock of the repository whose git directory is <paramref name="gitDirectory"/>.</summary>
        public bool Guards(string gitDirectory) =>
            string.Equals(Path.GetFullPath(gitDirectory).TrimEnd(Path.DirectorySeparatorChar), _gitDirectory.TrimEnd(Path.DirectorySeparatorChar),
                StringComparison.Ordinal);

        /// <summary>Waits up to <paramref name="timeout"/> for the lock; a cancelled wait throws OperationCanceledException.</summary>
        public static RegistryLock Acquire(string gitDirectory, TimeSpan timeout, CancellationToken cancellation = default)
        {
            var path = Path.Combine(gitDirectory, "gto.lock");
            var clock = Stopwatch.StartNew();
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                try
                {
                    return new RegistryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), gitDirectory);
                }
                catch (IOException ex) when (IsHeldByAnother(ex) && clock.Elapsed < timeout)
                {
                    // Woken at once by Ctrl+C rather than sleeping through it.
                    if (cancellation.WaitHandle.WaitOne(25)) cancellation.ThrowIfCancellationRequested();
                }
                catch (IOException ex) when (IsHeldByAnother(ex))
                {
                    throw new GtoException(GtoErrors.RegistryLocked,
                        $"Another Gto command has been writing to this repository for more than {timeout.TotalSeconds:F0} s " +
                        $"(lock file '{path}'). Try again when it has finished.", path, ex);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw WriteAccess.Denied(gitDirectory, ex);
                }
            }
        }

        private static bool IsHeldByAnother(IOException ex) => Array.IndexOf(HeldCodes, ex.HResult) >= 0;

        public void Dispose() => _handle.Dispose();
    }
}
