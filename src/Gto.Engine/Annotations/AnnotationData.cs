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
            new Annotation(repository, artifact, Type, Path, Virtual, Labels.AsReadOnly(), Description, Custom, source, commit);
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

        public AnnotationData? Find(string name)
        {
            foreach (var e in Entries)
                if (e.Key == name) return e.Value;
            return null;
        }
    }
}
