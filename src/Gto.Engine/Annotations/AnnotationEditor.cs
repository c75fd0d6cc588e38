using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Gto.Engine.Config;
using Gto.Engine.Naming;
using Gto.Engine.Operations;
using Gto.Engine.Yaml;

namespace Gto.Engine.Annotations
{
    /// <summary>What Set-GtoAnnotation changes; null fields are left as they are.</summary>
    internal sealed class AnnotationUpdate
    {
        public string? Type { get; set; }
        public string? Path { get; set; }
        public string? Description { get; set; }
        public IReadOnlyList<string>? Labels { get; set; }
        public object? Custom { get; set; }
        /// <summary>The artifact file is stored in Git (GTO's must_exist, virtual: false); the path must exist at HEAD.</summary>
        public bool MustExist { get; set; }
        /// <summary>Allow a path equal to, inside or around another artifact's path.</summary>
        public bool AllowSamePath { get; set; }
    }

    /// <summary>
    /// Edits the work-tree <c>artifacts.yaml</c> as GTO's index manager does (docs/configuration.md#editing-annotations): validated names, types and
    /// labels, every other entry kept, written with sorted keys and only non-default fields. <c>dvc.yaml</c> is never written.
    /// An editor is made with the registry's write lock held (<see cref="Lock"/>), so concurrent editors each read the
    /// file the previous one wrote.
    /// </summary>
    internal sealed class AnnotationEditor
    {
        private readonly RepositoryContext _context;

        /// <param name="held">The write lock of <paramref name="context"/>'s repository, held while the editor is used.</param>
        public AnnotationEditor(RepositoryContext context, RegistryLock held)
        {
            if (!held.Guards(context.Git.GitDirectory))
                throw new ArgumentException("The lock given is not this repository's.", nameof(held));
            _context = context;
        }

        /// <summary>Run every check and compose the new file, but write nothing (-WhatIf).</summary>
        public bool CheckOnly { get; init; }

        /// <summary>Adds or updates an entry; returns the new file text.</summary>
        public string Set(string name, AnnotationUpdate update)
        {
            var custom = CustomValue.Normalize(update.Custom);
            Names.AssertName(name);
            foreach (var label in update.Labels ?? Array.Empty<string>()) Names.AssertName(label);
            if (update.Type != null)
            {
                Names.AssertName(update.Type);
                _context.Config.AssertTypeAllowed(update.Type);
            }
            if (update.MustExist)
            {
                if (update.Path == null)
                    throw new GtoException(GtoErrors.PathRequired, "`path` is required when `must_exist` is set to True");
                if (_context.Head == null || !_context.Git.TreeEntryExists(_context.Head, update.Path))
                    throw new GtoException(GtoErrors.PathNotFound,
                        $"Nothing found in '{update.Path}' for checked out commit", update.Path);
            }
            var entries = Load(_context);
            var existing = entries.FirstOrDefault(e => e.Key == name).Value;
            if (update.Path != null && !update.AllowSamePath)
                foreach (var other in entries.Where(e => e.Key != name && e.Value.Path != null))
                    if (PathsOverlap(other.Value.Path!, update.Path))
                        throw new GtoException(GtoErrors.PathConflict,
                            $"Provided path conflicts with '{other.Value.Path}' ('{other.Value.Type}' '{other.Key}'). " +
                            "Use -AllowSamePath if both artifacts really share it.", update.Path);
            var data = existing ?? new AnnotationData();
            if (!string.IsNullOrEmpty(update.Type)) data.Type = update.Type;
            if (!string.IsNullOrEmpty(update.Path)) data.Path = update.Path;
            if (!string.IsNullOrEmpty(update.Description)) data.Description = update.Description!;
            if (custom != null) data.Custom = custom;
            if (update.MustExist) data.Virtual = false;
            else if (update.Path != null) data.Virtual = true;
            if (update.Labels != null)
                data.Labels = existing == null ? update.Labels.ToList()
                    : data.Labels.Union(update.Labels).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
            if (existing == null) entries.Add(new KeyValuePair<string, AnnotationData>(name, data));
            return Save(entries);
        }

        /// <summary>Removes an entry; returns the new file text.</summary>
        public string Remove(string name)
        {
            var entries = Load(_context);
            if (entries.RemoveAll(e => e.Key == name) == 0)
                throw new GtoException(GtoErrors.ArtifactNotFound,
                    $"Cannot find artifact '{name}' in {_context.Config.Index}.", name);
            return Save(entries);
        }

        /// <summary>An entry of the work-tree file as it is now, or null (reading needs no lock).</summary>
        public static Annotation? ReadWorkTree(RepositoryContext context, string name) =>
            Load(context).FirstOrDefault(e => e.Key == name).Value?.ToModel(context.Location, name, context.Config.Index, null);

        /// <summary>The commit message GTO generates for an annotation change.</summary>
        public static string CommitMessage(string name, string? type, string? path) =>
            $"Annotate artifact `{name}`" + (type != null ? $" of type `{type}`" : "") + (path != null ? $" with path `{path}`" : "");

        public static string IndexPath(RepositoryContext context)
        {
            if (context.Git.IsBare)
                throw new GtoException(GtoErrors.BareRepository,
                    "Annotations live in the work tree's artifacts.yaml; a bare repository has none. Use a clone.");
            var path = context.Config.IndexFile(context.Root, context.Git.GitDirectory);
            // A link could point anywhere (another file, a device that never ends); the registry's own file is a plain file.
            if (new FileInfo(path).LinkTarget != null)
                throw new GtoException(GtoErrors.DamagedAnnotationFile,
                    $"{context.Config.Index} is a symbolic link; Gto edits only a regular file in the work tree. " +
                    "Replace the link with the file itself.", path);
            return path;
        }

        /// <summary>
        /// Takes the registry's write lock, which every annotation edit and tag write of this repository holds, so
        /// concurrent editors each read the file the previous one wrote and no entry is lost. Dispose to release.
        /// </summary>
        public static RegistryLock Lock(RepositoryContext context, CancellationToken cancellation = default) =>
            RegistryLock.Acquire(context.Git.GitDirectory, RegistryLock.DefaultTimeout, cancellation);

        private static List<KeyValuePair<string, AnnotationData>> Load(RepositoryContext context)
        {
            var file = IndexPath(context);
            if (!File.Exists(file)) return new List<KeyValuePair<string, AnnotationData>>();
            var parsed = AnnotationParser.ParseArtifactsYamlFile(file);
            if (parsed.Problem != null && new FileInfo(file).Length > 0)
                throw new GtoException(GtoErrors.DamagedAnnotationFile,
                    $"{context.Config.Index} file doesn't conform to GTO format ({parsed.Problem}). Fix it before editing it.", file);
            return parsed.Entries;
        }

        private static bool PathsOverlap(string a, string b)
        {
            string Norm(string p) => p.Replace('\\', '/').TrimEnd('/') + "/";
            var x = Norm(a);
            var y = Norm(b);
            return x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal);
        }

        private string Save(List<KeyValuePair<string, AnnotationData>> entries)
        {
            var doc = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, data) in entries.Select(e => (e.Key, e.Value))) doc[name] = NonDefaultFields(data);
            var text = Serialize(doc, entries.Count);
            if (!CheckOnly) AtomicFile.Replace(IndexPath(_context), text);
            return text;
        }

        // The text must read back: a file beyond the reader's limits (too large, too many values) or a string that is
        // not text is refused before anything is written.
        private string Serialize(SortedDictionary<string, object> doc, int count)
        {
            try
            {
                var text = count == 0 ? "{}\n" : YamlWriter.Write(doc);
                SafeYaml.Load(text);
                return text;
            }
            catch (YamlInputException ex)
            {
                throw new GtoException(GtoErrors.AnnotationNotWritable,
                    $"{_context.Config.Index} cannot be written with this change: {ex.Message}. Nothing was written; " +
                    "store less in the annotations (a smaller custom value, fewer entries) or use plain text.", _context.Config.Index, ex);
            }
        }

        // Only what differs from the defaults is written, keys sorted at every level (GTO's format).
        private static SortedDictionary<string, object> NonDefaultFields(AnnotationData d)
        {
            var fields = new SortedDictionary<string, object>(StringComparer.Ordinal);
            if (d.Custom != null) fields["custom"] = d.Custom;
            if (d.Description.Length > 0) fields["description"] = d.Description;
            if (d.Labels.Count > 0) fields["labels"] = d.Labels;
            if (d.Path != null) fields["path"] = d.Path;
            if (d.Type != null) fields["type"] = d.Type;
            if (!d.Virtual) fields["virtual"] = false;
            return fields;
        }
    }
}
