using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using Gto.Engine.Naming;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gto.Engine.Annotations
{
    /// <summary>Parses <c>artifacts.yaml</c> (spec §5.2) and the <c>artifacts:</c> section of <c>dvc.yaml</c>.</summary>
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
                if (!(root is YamlMappingNode map)) return Damaged("the top level is not a mapping of artifact names");
                foreach (var pair in map.Children)
                {
                    var name = Scalar(pair.Key) ?? "";
                    if (!Names.IsValidName(name)) return Damaged($"'{name}' is not a valid artifact name");
                    if (!(pair.Value is YamlMappingNode fields)) return Damaged($"the entry '{name}' is not a mapping");
                    entries.Add(new KeyValuePair<string, AnnotationData>(name, ReadGtoFields(fields)));
                }
            }
            catch (Exception ex) when (ex is YamlException || ex is FormatException)
            {
                return Damaged(ex.Message);
            }
            return new AnnotationFile(entries, null);
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
                if (!(LoadRoot(text) is YamlMappingNode root)) return AnnotationFile.Empty;
                if (!root.Children.TryGetValue(new YamlScalarNode("artifacts"), out var section) || IsNull(section))
                    return AnnotationFile.Empty;
                if (!(section is YamlMappingNode artifacts)) return Damaged("'artifacts' is not a mapping");
                foreach (var pair in artifacts.Children)
                {
                    var name = Scalar(pair.Key) ?? "";
                    if (!(pair.Value is YamlMappingNode fields)) return Damaged($"the artifact '{name}' is not a mapping");
                    var data = new AnnotationData
                    {
                        Type = OptionalString(fields, "type"),
                        Path = OptionalString(fields, "path"),
                        Labels = StringList(fields, "labels"),
                        Description = OptionalString(fields, "desc") ?? "",
                        Custom = fields.Children.TryGetValue(new YamlScalarNode("meta"), out var meta) ? ToObject(meta) : null,
                    };
                    var fullName = directory.Length == 0 ? name : directory + ":" + name;
                    entries.Add(new KeyValuePair<string, AnnotationData>(fullName, data));
                }
            }
            catch (Exception ex) when (ex is YamlException || ex is FormatException)
            {
                return Damaged(ex.Message);
            }
            return new AnnotationFile(entries, null);
        }

        private static AnnotationFile Damaged(string why) =>
            new AnnotationFile(new List<KeyValuePair<string, AnnotationData>>(), why);

        private static YamlNode? LoadRoot(string text)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            var root = stream.Documents[0].RootNode;
            return IsNull(root) ? null : root;
        }

        private static AnnotationData ReadGtoFields(YamlMappingNode fields)
        {
            var data = new AnnotationData
            {
                Type = OptionalString(fields, "type"),
                Path = OptionalString(fields, "path"),
                Labels = StringList(fields, "labels"),
                Description = OptionalString(fields, "description") ?? "",
            };
            if (fields.Children.TryGetValue(new YamlScalarNode("virtual"), out var v) && !IsNull(v))
                data.Virtual = Bool(v, "virtual");
            if (fields.Children.TryGetValue(new YamlScalarNode("custom"), out var custom))
                data.Custom = ToObject(custom);
            return data;
        }

        private static string? OptionalString(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node)) return null;
            return Scalar(node) ?? throw new FormatException($"'{key}' must be a string");
        }

        private static List<string> StringList(YamlMappingNode map, string key)
        {
            var list = new List<string>();
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node)) return list;
            if (!(node is YamlSequenceNode seq)) throw new FormatException($"'{key}' must be a list");
            foreach (var item in seq) list.Add(Scalar(item) ?? throw new FormatException($"'{key}' must be a list of strings"));
            return list;
        }

        private static bool Bool(YamlNode node, string key)
        {
            switch ((Scalar(node) ?? "").ToLowerInvariant())
            {
                case "true": case "yes": case "on": case "1": return true;
                case "false": case "no": case "off": case "0": return false;
                default: throw new FormatException($"'{key}' must be true or false");
            }
        }

        private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode s && s.Style == ScalarStyle.Plain &&
            (s.Value == null || s.Value == "" || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL");

        /// <summary>Converts free-form YAML (the <c>custom</c> field) to ordered dictionaries, lists and typed scalars.</summary>
        internal static object? ToObject(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    var dict = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var pair in map.Children) dict[Scalar(pair.Key) ?? ""] = ToObject(pair.Value);
                    return dict;
                case YamlSequenceNode seq:
                    var list = new List<object?>();
                    foreach (var item in seq) list.Add(ToObject(item));
                    return list;
                case YamlScalarNode s when s.Style == ScalarStyle.Plain:
                    return PlainScalar(s.Value ?? "");
                default:
                    return Scalar(node);
            }
        }

        // YAML 1.1 core-schema resolution of plain scalars, as ruamel.yaml (GTO's reader) does it for common values.
        private static object? PlainScalar(string v)
        {
            switch (v)
            {
                case "": case "~": case "null": case "Null": case "NULL": return null;
                case "true": case "True": case "TRUE": return true;
                case "false": case "False": case "FALSE": return false;
            }
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
            if (v.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 && char.IsDigit(v[v.Length - 1]) &&
                double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            return v;
        }
    }
}
