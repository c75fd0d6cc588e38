using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// Serialises the read-validate-write step of every writer of one repository. The lock is an open file handle
    /// with no sharing: the operating system releases it when the process exits, so a crashed runbook cannot leave
    /// it stuck, and no stale-lock clean-up is needed. The file itself stays: deleting it on release would let a
    /// waiter lock the unlinked file while a newcomer locks a fresh one.
    /// </summary>
    internal sealed class RegistryLock : IDisposable
    {
        private readonly FileStream _handle;

        private RegistryLock(FileStream handle) => _handle = handle;

        public static RegistryLock Acquire(string gitDirectory, TimeSpan timeout)
        {
            var path = Path.Combine(gitDirectory, "gto.lock");
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new RegistryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (clock.Elapsed < timeout)
                {
                    Thread.Sleep(25);
                }
                catch (IOException ex)
                {
                    throw new GtoException("RegistryLocked", GtoErrorKind.ResourceExists,
                        $"Another Gto command has been writing to this repository for more than {timeout.TotalSeconds:F0} s " +
                        $"(lock file '{path}'). Try again when it has finished.", path, ex);
                }
            }
        }

        public void Dispose() => _handle.Dispose();
    }
}
