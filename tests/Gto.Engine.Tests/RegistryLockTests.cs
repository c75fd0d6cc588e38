using System;
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
        public void A_cancelled_wait_for_a_held_lock_ends_with_the_cancellation_not_the_timeout()
        {
            using var repo = new TestRepository();
            var gitDir = System.IO.Path.Combine(repo.Path, ".git");
            // Another writer's lock: a second handle on the file, which the operating system refuses to share.
            using var other = new FileStream(System.IO.Path.Combine(gitDir, "gto.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            // Not timed: a wait that ignored the cancellation would end at the timeout with RegistryLocked instead,
            // and one that took the held lock would return it.
            Assert.ThrowsAny<OperationCanceledException>(() => RegistryLock.Acquire(gitDir, TimeSpan.FromSeconds(60), stop.Token));
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
