using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// Reads DVC objects for one commit: from the work tree's DVC cache first, then from the remote (-DvcRemote, or
    /// <c>[core] remote</c> of <c>.dvc/config</c> at the commit). Every object's md5 is checked as it is written.
    /// </summary>
    internal sealed class DvcContent
    {
        /// <summary>A folder manifest larger than this is refused rather than loaded.</summary>
        private const long MaxManifestBytes = 64L << 20;

        private readonly List<DvcStore> _stores = new List<DvcStore>();
        private readonly Func<DvcStore?> _remote;
        private bool _remoteAdded;
        private readonly CancellationToken _cancellation;

        /// <param name="workTree">The registry's work tree, or null for a bare repository (no local cache).</param>
        /// <param name="configAtCommit">The text of <c>.dvc/config</c> at the commit, or null.</param>
        /// <param name="remote">-DvcRemote: a remote name of that config, a URL or a folder; null for the default remote.</param>
        public DvcContent(string? workTree, string? configAtCommit, string? remote, CancellationToken cancellation)
        {
            _cancellation = cancellation;
            var config = DvcConfig.Parse(configAtCommit);
            var dvcFolder = workTree == null ? null : Path.Combine(workTree, ".dvc");
            if (dvcFolder != null && Directory.Exists(dvcFolder))
            {
                // The machine's own settings (config.local) win over the committed ones, as in DVC.
                var local = File.Exists(Path.Combine(dvcFolder, "config.local")) ? DvcConfig.Parse(File.ReadAllText(Path.Combine(dvcFolder, "config.local"))) : null;
                var working = File.Exists(Path.Combine(dvcFolder, "config")) ? DvcConfig.Parse(File.ReadAllText(Path.Combine(dvcFolder, "config"))) : null;
                var cache = local?.CacheDir ?? working?.CacheDir ?? "cache";
                _stores.Add(new DvcStore.FolderStore(Path.GetFullPath(Path.Combine(dvcFolder, cache))));
            }
            _remote = () =>
            {
                var name = remote ?? config.DefaultRemote;
                if (name == null) return null;
                var url = config.RemoteUrl(name) ?? (remote != null ? remote : throw new GtoException(GtoErrors.InvalidDvcFile,
                    $"The default DVC remote '{name}' has no url in .dvc/config. Fix .dvc/config, or pass -DvcRemote.", name));
                return DvcStore.ForUrl(url, dvcFolder, name);
            };
        }

        /// <summary>
        /// Writes the object <paramref name="md5"/> to the new file <paramref name="path"/>, checked against its md5
        /// (and <paramref name="size"/> when recorded). ChecksumMismatch or ContentNotAvailable leave no file.
        /// </summary>
        public WrittenContent Fetch(string md5, bool legacy, long? size, string path, string storedName, Action<long>? progress)
        {
            var hash = md5.EndsWith(".dir", StringComparison.Ordinal) ? md5.Substring(0, 32) : md5;
            var flat = md5.Substring(0, 2) + "/" + md5.Substring(2);
            // DVC 3 keeps its md5 objects under files/md5; DVC 2's (and DVC 3 reading them) at the top.
            var layouts = legacy ? new[] { flat, "files/md5/" + flat } : new[] { "files/md5/" + flat, flat };
            for (int i = 0; ; i++)
            {
                var store = i < _stores.Count ? _stores[i] : AddRemote();
                if (store == null) break;
                foreach (var relative in layouts)
                {
                    using var source = store.Open(relative, _cancellation);
                    if (source == null) continue;
                    WrittenContent written;
                    try
                    {
                        written = HashingCopy.ToNewFile(source, path, progress);
                    }
                    catch
                    {
                        File.Delete(path);
                        throw;
                    }
                    var matches = written.Md5 == hash || (legacy && HashingCopy.Dos2UnixMd5(path) == hash);
                    if (matches && (size == null || size == written.Size)) return written;
                    File.Delete(path);
                    throw new GtoException(GtoErrors.ChecksumMismatch,
                        $"The DVC object for '{storedName}' in '{store.Name}' ({relative}) does not match the md5 {hash}" +
                        (size != null ? $" and size {size}" : "") + $" recorded at the version's commit (it has md5 {written.Md5}, " +
                        $"{written.Size} bytes). Nothing was written. The cache or remote is damaged: repair it (dvc cache, dvc push) and run again.", storedName);
                }
            }
            var where = string.Join(", ", _stores.Select(s => "'" + s.Name + "'"));
            throw new GtoException(GtoErrors.ContentNotAvailable,
                $"The DVC content of '{storedName}' (md5 {hash}) is not in {(where.Length == 0 ? "any cache or remote" : where)}. " +
                "Push it from where it was produced (dvc push), or pass -DvcRemote with a remote that holds it.", storedName);
        }

        private static GtoException BadManifest(DvcOutput output, string problem) =>
            new GtoException(GtoErrors.InvalidDvcFile,
                $"The folder manifest {output.Md5} of the DVC output '{output.Path}' ({output.RecordedIn}) cannot be read: {problem}. " +
                "Nothing was written; repair the DVC cache or remote.", output.Path);

        private DvcStore? AddRemote()
        {
            if (_remoteAdded) return null;
            _remoteAdded = true;
            var remote = _remote();
            if (remote != null) _stores.Add(remote);
            return remote;
        }

        /// <summary>The files of a folder output: its <c>.dir</c> manifest, fetched to <paramref name="scratch"/> and checked.</summary>
        public List<(string RelativePath, string Md5)> Manifest(DvcOutput output, string scratch)
        {
            Fetch(output.Md5, output.Legacy, null, scratch, output.Path, null);
            try
            {
                if (new FileInfo(scratch).Length > MaxManifestBytes)
                    throw BadManifest(output, $"it is larger than {MaxManifestBytes} bytes");
                using var document = JsonDocument.Parse(File.ReadAllBytes(scratch), new JsonDocumentOptions { MaxDepth = 8 });
                var files = new List<(string, string)>();
                if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("the manifest is not a list");
                foreach (var entry in document.RootElement.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("relpath", out var rel) || !entry.TryGetProperty("md5", out var md5)
                        || rel.ValueKind != JsonValueKind.String || md5.ValueKind != JsonValueKind.String)
                        throw new JsonException("an entry has no relpath or md5");
                    var name = rel.GetString()!.Replace('\\', '/');
                    StoredNames.Assert(name, $"The file of the DVC folder '{output.Path}'");
                    var hash = md5.GetString()!;
                    if (hash.Length != 32 || !hash.All(Uri.IsHexDigit)) throw new JsonException($"'{hash}' is not an md5");
                    files.Add((name, hash.ToLowerInvariant()));
                }
                return files;
            }
            catch (JsonException ex)
            {
                throw BadManifest(output, ex.Message);
            }
            finally
            {
                File.Delete(scratch);
            }
        }
    }
}
