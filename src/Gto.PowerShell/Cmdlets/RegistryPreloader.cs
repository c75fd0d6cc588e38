using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gto.Engine.Git;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Reads several registries at once, at most <c>throttle</c> at a time: cloning a remote one, reading its tags and
    /// folding them (or, for Test-GtoRegistry, the whole diagnosis) are the slow part of a command, and they need
    /// nothing from PowerShell. The caller waits on the pipeline thread and writes progress, objects and errors there;
    /// nothing here touches the cmdlet.
    /// </summary>
    internal static class RegistryPreloader
    {
        /// <summary>One registry to read: the folder, or the URL (real, for git) and its redacted form (for messages).</summary>
        public sealed record Source(string Key, string? Folder, string? Url, string? Shown);

        /// <summary>What reading one source gave: the value read (and the clone it was read from), or the failure.</summary>
        public sealed record Result<T>(Source Source, T? Value, RemoteClone? RemoteCopy, Exception? Failure) where T : class;

        /// <summary>
        /// Starts reading every source with <paramref name="read"/> (given the folder, the redacted URL or null, and the
        /// cancellation); the tasks complete in any order.
        /// </summary>
        public static List<Task<Result<T>>> Start<T>(IReadOnlyList<Source> sources, int throttle,
            Func<string, string?, CancellationToken, T> read, CancellationToken cancellation) where T : class
        {
            var gate = new SemaphoreSlim(throttle);
            return sources.Select(s => Task.Run(async () =>
            {
                await gate.WaitAsync(cancellation).ConfigureAwait(false);
                try
                {
                    return Read(s, read, cancellation);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellation)).ToList();
        }

        private static Result<T> Read<T>(Source source, Func<string, string?, CancellationToken, T> read,
            CancellationToken cancellation) where T : class
        {
            RemoteClone? clone = null;
            try
            {
                if (source.Url != null) clone = RemoteClone.Create(source.Url, null, cancellation);
                return new Result<T>(source, read(clone?.Path ?? source.Folder!, source.Shown, cancellation), clone, null);
            }
            catch (Exception ex)
            {
                // Handed to the pipeline thread, which reports it as an error of this registry only.
                clone?.Dispose();
                return new Result<T>(source, null, null, ex);
            }
        }
    }
}
