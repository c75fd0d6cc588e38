using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gto.Engine;
using Gto.Engine.Git;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Reads several registries at once, at most <c>throttle</c> at a time: cloning a remote one, reading its tags and
    /// folding them are the slow part of a read, and they need nothing from PowerShell. The caller waits on the
    /// pipeline thread and writes progress, objects and errors there; nothing here touches the cmdlet.
    /// </summary>
    internal sealed class RegistryPreloader
    {
        /// <summary>One registry to read: the folder, or the URL (real, for git) and its redacted form (for messages).</summary>
        public sealed record Source(string Key, string? Folder, string? Url, string? Shown);

        /// <summary>What reading one source gave: the registry (and the clone it lives in), or the failure.</summary>
        public sealed record Result(Source Source, Registry? Registry, RemoteClone? RemoteCopy, Exception? Failure);

        /// <summary>Starts reading every source; the tasks complete in any order.</summary>
        public static List<Task<Result>> Start(IReadOnlyList<Source> sources, int throttle, CancellationToken cancellation)
        {
            var gate = new SemaphoreSlim(throttle);
            return sources.Select(s => Task.Run(async () =>
            {
                await gate.WaitAsync(cancellation).ConfigureAwait(false);
                try
                {
                    return Read(s, cancellation);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellation)).ToList();
        }

        private static Result Read(Source source, CancellationToken cancellation)
        {
            RemoteClone? clone = null;
            try
            {
                if (source.Url != null) clone = RemoteClone.Create(source.Url, null, cancellation);
                var registry = Registry.Open(clone?.Path ?? source.Folder!, source.Shown, cancellation);
                return new Result(source, registry, clone, null);
            }
            catch (Exception ex)
            {
                // Handed to the pipeline thread, which reports it as an error of this registry only.
                clone?.Dispose();
                return new Result(source, null, null, ex);
            }
        }
    }
}
