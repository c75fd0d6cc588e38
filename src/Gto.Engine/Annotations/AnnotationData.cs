using System.Collections.Generic;

namespace Gto.Engine.Annotations
{
    /// <summary>One artifact entry of an annotation file, before it is tied to a repository and commit.</summary>
    internal sealed class AnnotationData
    {
        public string? Type { get; set; }
        public string? Path { get; set; }
        public bool Virtual { get; set; } = true;
        public List<string> Labels { get; set; } = new List<string>();
        public string Description { get; set; } = "";
        public object? Custom { get; set; }

        public Annotation ToModel(string repository, string artifact, string source, string? commit) =>
            new Annotation
            {
                Repository = repository, Artifact = artifact, Type = Type, Path = Path, Virtual = Virtual, Labels = new ValueList(Labels),
                Description = Description, Custom = Custom, Source = source, Commit = commit,
            };
    }

    /// <summary>The parsed content of one annotation file: entries in file order, or why it is damaged.</summary>
    internal sealed class AnnotationFile
    {
        public AnnotationFile(List<KeyValuePair<string, AnnotationData>> entries, string? problem)
        {
            Entries = entries;
            Problem = problem;
        }

        public static AnnotationFile Empty { get; } = new AnnotationFile(new List<KeyValuePair<string, AnnotationData>>(), null);

        public List<KeyValuePair<string, AnnotationData>> Entries { get; }
        /// <summary>Why the file does not conform to the format, or null.</summary>
        public string? Problem { get; }

        private Dictionary<string, AnnotationData>? _byName;

        /// <summary>The entry of an artifact; the first one when a name repeats, as a YAML mapping read in order keeps it.</summary>
        public AnnotationData? Find(string name)
        {
            if (_byName == null)
            {
                _byName = new Dictionary<string, AnnotationData>(System.StringComparer.Ordinal);
                foreach (var e in Entries)
                    if (!_byName.ContainsKey(e.Key)) _byName[e.Key] = e.Value;
            }
            return _byName.TryGetValue(name, out var data) ? data : null;
        }
    }
}
