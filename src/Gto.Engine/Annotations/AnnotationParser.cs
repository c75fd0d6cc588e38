using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using Gto.Engine.Naming;
using Gto.Engine.Yaml;

namespace Gto.Engine.Annotations
{
    /// <summary>
    /// Parses <c>artifacts.yaml</c> (docs/configuration.md#annotation-file) and the <c>artifacts:</c> section of <c>dvc.yaml</c> with
    /// <see cref="SafeYaml"/>: a file it refuses (invalid, too large, too deep, an alias bomb) is a damaged file.
    /// </summary>
    internal static class AnnotationParser
    {
        /// <summary>Parses an <c>artifacts.yaml</c>; a file GTO rejects comes back with <see cref="AnnotationFile.Problem"/> set.</summary>
        public static AnnotationFile ParseArtifactsYaml(string text)
        {
            var entries = new List<KeyValuePair<string, AnnotationData>>();
            try
            {
                var root = LoadRoot(text);
                if (root == null) return Damaged("the file is empty");
                if (!(root is YamlMap map)) return Damaged("the top level is not a mapping of artifact names");
                foreach (var pair in map.Entries)
                {
                    var name = pair.Key;
                    if (!Names.IsValidName(name)) return Damaged($"'{name}' is not a valid artifact name");
                    if (!(pair.Value is YamlMap fields)) return Damaged($"the entry '{name}' is not a mapping");
                    entries.Add(new KeyValuePair<string, AnnotationData>(name, ReadGtoFields(fields)));
                }
            }
            catch (Exception ex) when (ex is YamlInputException || ex is FormatException)
            {
                return Damaged(ex.Message);
            }
            return new AnnotationFile(entries, null);
        }

        /// <summary>Parses a work-tree <c>artifacts.yaml</c>, refusing one over the size limit before reading it all.</summary>
        public static AnnotationFile ParseArtifactsYamlFile(string path)
        {
            try
            {
                return ParseArtifactsYaml(SafeYaml.ReadFile(path));
            }
            catch (YamlInputException ex)
            {
                return Damaged(ex.Message);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Damaged("it cannot be read: " + ex.Message);
            }
        }

        /// <summary>
        /// Parses the <c>artifacts:</c> section of a <c>dvc.yaml</c> at <paramref name="directory"/> ("" for the root).
        /// Artifacts in a sub-folder get GTO's monorepo name <c>dir:name</c>.
        /// </summary>
        public static AnnotationFile ParseDvcYaml(string text, string directory)
        {
            var entries = new List<KeyValuePair<string, AnnotationData>>();
            try
            {
                if (!(LoadRoot(text) is YamlMap root)) return AnnotationFile.Empty;
                if (!(root.GetNonNull("artifacts") is YamlValue section)) return AnnotationFile.Empty;
                if (!(section is YamlMap artifacts)) return Damaged("'artifacts' is not a mapping");
                foreach (var pair in artifacts.Entries)
                {
                    var name = pair.Key;
                    if (!(pair.Value is YamlMap fields)) return Damaged($"the artifact '{name}' is not a mapping");
                    var data = new AnnotationData
                    {
                        Type = OptionalString(fields, "type"),
                        Path = OptionalString(fields, "path"),
                        Labels = StringList(fields, "labels"),
                        Description = OptionalString(fields, "desc") ?? "",
                        Custom = fields.Get("meta") is YamlValue meta ? ToObject(meta) : null,
                    };
                    var fullName = directory.Length == 0 ? name : directory + ":" + name;
                    entries.Add(new KeyValuePair<string, AnnotationData>(fullName, data));
                }
            }
            catch (Exception ex) when (ex is YamlInputException || ex is FormatException)
            {
                return Damaged(ex.Message);
            }
            return new AnnotationFile(entries, null);
        }

        /// <summary>An empty file that records why it is damaged.</summary>
        public static AnnotationFile Damaged(string why) =>
            new AnnotationFile(new List<KeyValuePair<string, AnnotationData>>(), why);

        private static YamlValue? LoadRoot(string text)
        {
            var root = SafeYaml.Load(text);
            return root is YamlScalar s && s.IsNull ? null : root;
        }

        private static AnnotationData ReadGtoFields(YamlMap fields)
        {
            var data = new AnnotationData
            {
                Type = OptionalString(fields, "type"),
                Path = OptionalString(fields, "path"),
                Labels = StringList(fields, "labels"),
                Description = OptionalString(fields, "description") ?? "",
            };
            if (fields.GetNonNull("virtual") is YamlValue v) data.Virtual = Bool(v, "virtual");
            if (fields.Get("custom") is YamlValue custom) data.Custom = ToObject(custom);
            return data;
        }

        private static string? OptionalString(YamlMap map, string key)
        {
            var node = map.GetNonNull(key);
            if (node == null) return null;
            return (node as YamlScalar)?.Text ?? throw new FormatException($"'{key}' must be a string");
        }

        private static List<string> StringList(YamlMap map, string key)
        {
            var list = new List<string>();
            var node = map.GetNonNull(key);
            if (node == null) return list;
            if (!(node is YamlList seq)) throw new FormatException($"'{key}' must be a list");
            foreach (var item in seq.Items)
                list.Add((item as YamlScalar)?.Text ?? throw new FormatException($"'{key}' must be a list of strings"));
            return list;
        }

        private static bool Bool(YamlValue node, string key)
        {
            switch (((node as YamlScalar)?.Text ?? "").ToLowerInvariant())
            {
                case "true": case "yes": case "on": case "1": return true;
                case "false": case "no": case "off": case "0": return false;
                default: throw new FormatException($"'{key}' must be true or false");
            }
        }

        /// <summary>
        /// Converts free-form YAML (the <c>custom</c> field) to ordered dictionaries, lists and typed scalars. A value
        /// shared through an alias becomes a copy at each place, so nothing returned is shared; the loader's limits
        /// bound both the copies (nodes) and this recursion (depth).
        /// </summary>
        internal static object? ToObject(YamlValue node)
        {
            switch (node)
            {
                case YamlMap map:
                    var dict = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var pair in map.Entries) dict[pair.Key] = ToObject(pair.Value);
                    return dict;
                case YamlList seq:
                    var list = new List<object?>(seq.Items.Count);
                    foreach (var item in seq.Items) list.Add(ToObject(item));
                    return list;
                case YamlScalar s when s.IsPlain:
                    return PlainScalars.Resolve(s.Text);
                default:
                    return ((YamlScalar)node).Text;
            }
        }
    }
}
