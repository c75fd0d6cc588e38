using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine
{
    /// <summary>
    /// Registries kept open between commands that read the same repository again and again (every Tab press): a
    /// registry is read again only when its <see cref="RefStamp"/> changed or was not yet settled. Queries run one at
    /// a time (a registry's lazy parts are not thread-safe); the least recently used registry is closed when more
    /// than <see cref="Capacity"/> repositories are held.
    /// </summary>
    internal sealed class RegistryCache
    {
        private sealed record Entry(string GitDirectory, Registry Registry, RefStamp Stamp);

        public const int Capacity = 4;

        private readonly object _gate = new object();
        // Most recently used first.
        private readonly LinkedList<Entry> _entries = new LinkedList<Entry>();

        /// <summary>Runs <paramref name="query"/> against the registry of the repository containing <paramref name="path"/>.</summary>
        /// <param name="cancellation">Stops a read that has to happen (OperationCanceledException).</param>
        public T Use<T>(string path, Func<Registry, T> query, CancellationToken cancellation = default)
        {
            var gitDirectory = GitRepository.Discover(path);
            lock (_gate)
            {
                var node = Find(gitDirectory);
                var known = node?.Value;
                // The stamp is taken before a read, so a change during the read makes the next stamp differ. The work
                // tree is known once read; before, the usual layout is assumed, and a wrong guess only makes the next
                // stamp differ (one more read).
                var workTree = known == null ? GuessWorkTree(gitDirectory)
                    : known.Registry.Context.Git.IsBare ? null : known.Registry.Context.Root;
                var stamp = RefStamp.Take(gitDirectory, workTree);
                if (known != null && known.Stamp.IsSettled && known.Stamp.Equals(stamp))
                {
                    _entries.Remove(node!);
                    _entries.AddFirst(node!);
                    return query(known.Registry);
                }
                if (node != null)
                {
                    _entries.Remove(node);
                    known!.Registry.Dispose();
                }
                var registry = Registry.Open(path, null, cancellation);
                _entries.AddFirst(new Entry(gitDirectory, registry, stamp));
                while (_entries.Count > Capacity)
                {
                    _entries.Last!.Value.Registry.Dispose();
                    _entries.RemoveLast();
                }
                return query(registry);
            }
        }

        /// <summary>Closes every registry held.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                foreach (var e in _entries) e.Registry.Dispose();
                _entries.Clear();
            }
        }

        private LinkedListNode<Entry>? Find(string gitDirectory)
        {
            for (var node = _entries.First; node != null; node = node.Next)
                if (node.Value.GitDirectory == gitDirectory) return node;
            return null;
        }

        // The usual layout: the git directory is the work tree's .git folder.
        private static string? GuessWorkTree(string gitDirectory)
        {
            var trimmed = gitDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return Path.GetFileName(trimmed) == ".git" ? Path.GetDirectoryName(trimmed) : null;
        }
    }
}
