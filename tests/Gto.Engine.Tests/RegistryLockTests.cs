using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Gto.Engine.Operations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>Waiting for another writer's lock ends as soon as the wait is cancelled (Ctrl+C), not at the timeout.</summary>
    public sealed class RegistryLockTests
    {
        [Fact]
        public void A_cancelled_wait_for_a_held_lock_ends_at_once()
        {
            using var repo = new TestRepository();
            var gitDir = System.IO.Path.Combine(repo.Path, ".git");
            // Another writer's lock: a second handle on the file, which the operating system refuses to share.
            using var other = new FileStream(System.IO.Path.Combine(gitDir, "gto.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => RegistryLock.Acquire(gitDir, TimeSpan.FromSeconds(60), stop.Token));
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.25, 2);
        }

        [Fact]
        public void A_wait_cancelled_before_it_starts_takes_no_lock()
        {
            using var repo = new TestRepository();
            var gitDir = System.IO.Path.Combine(repo.Path, ".git");
            Assert.ThrowsAny<OperationCanceledException>(() => RegistryLock.Acquire(gitDir, TimeSpan.FromSeconds(60), new CancellationToken(true)));
            using var held = RegistryLock.Acquire(gitDir, TimeSpan.FromSeconds(1));
        }
    }
}
