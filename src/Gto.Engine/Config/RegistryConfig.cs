using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gto.Engine.Naming;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gto.Engine.Config
{
    /// <summary>
    /// The repository configuration (spec §4): the <c>.gto</c> file in the work tree, overridden by <c>GTO_*</c>
    /// environment variables. A file GTO would reject is an error naming the file.
    /// </summary>
    public sealed class RegistryConfig
    {
        public const string FileName = ".gto";
        private const string DefaultIndex = "artifacts.yaml";

        private static readonly HashSet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "INDEX", "CONFIG_FILE_NAME", "LOG_LEVEL", "DEBUG", "EMOJIS", "types", "stages", "enrichments", "autoload_enrichments",
        };

        private RegistryConfig(string? path, IReadOnlyList<string>? stages, IReadOnlyList<string>? types, string index)
        {
            Path = path;
            Stages = stages;
            Types = types;
            Index = index;
        }

        /// <summary>The absolute path of the <c>.gto</c> file, or null when there is none.</summary>
        public string? Path { get; }
        /// <summary>Allowed stages in config order; null means any stage.</summary>
        public IReadOnlyList<string>? Stages { get; }
        /// <summary>Allowed artifact types; null means any type.</summary>
        public IReadOnlyList<string>? Types { get; }
        /// <summary>The annotation file, relative to the repository root.</summary>
        public string Index { get; }

        public static RegistryConfig Default { get; } = new RegistryConfig(null, null, null, DefaultIndex);

        /// <summary>Loads <c>.gto</c> from <paramref name="root"/> (a directory named <c>.gto</c> is ignored, as in GTO).</summary>
        public static RegistryConfig Load(string root, IDictionary? environment = null)
        {
            var path = System.IO.Path.Combine(root, FileName);
            return Parse(File.Exists(path) ? File.ReadAllText(path) : null, path, environment);
        }

        /// <summary>
        /// Parses <c>.gto</c> content (null when there is no file) and applies the environment. <paramref name="path"/>
        /// names the file in messages.
        /// </summary>
        public static RegistryConfig Parse(string? text, string path, IDictionary? environment = null)
        {
            var values = text != null ? ReadText(text, path) : new Dictionary<string, YamlNode?>(StringComparer.Ordinal);
            ApplyEnvironment(values, environment ?? Environment.GetEnvironmentVariables(), path);
            var where = text != null ? path : null;
            try
            {
                var stages = ReadNameList(values, "stages");
                var types = ReadNameList(values, "types");
                var index = values.TryGetValue("INDEX", out var idx) && idx is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)
                    ? s.Value! : DefaultIndex;
                CheckEnrichments(values);
                return new RegistryConfig(where, stages, types, index);
            }
            catch (FormatException ex)
            {
                throw Wrong(path, ex.Message, ex);
            }
        }

        /// <summary>Throws GTO's UnknownStage error when the config restricts stages and <paramref name="stage"/> is not listed.</summary>
        public void AssertStageAllowed(string stage)
        {
            if (Stages != null && !Stages.Contains(stage, StringComparer.Ordinal))
                throw new GtoException("StageNotAllowed", GtoErrorKind.InvalidArgument,
                    $"Allowed stages are: '{PythonList(Stages)}'", stage);
        }

        /// <summary>Throws GTO's UnknownType error when the config restricts types and <paramref name="type"/> is not listed.</summary>
        public void AssertTypeAllowed(string type)
        {
            if (Types != null && !Types.Contains(type, StringComparer.Ordinal))
                throw new GtoException("TypeNotAllowed", GtoErrorKind.InvalidArgument,
                    $"Allowed types are: '{PythonList(Types)}'", type);
        }

        /// <summary>The Python repr of a list of strings, which GTO's messages embed.</summary>
        public static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";

        private static Dictionary<string, YamlNode?> ReadText(string text, string path)
        {
            var result = new Dictionary<string, YamlNode?>(StringComparer.Ordinal);
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                throw Wrong(path, "it is not valid YAML: " + ex.Message, ex);
            }
            if (stream.Documents.Count == 0) return result;
            var root = stream.Documents[0].RootNode;
            if (IsNull(root)) return result;
            if (!(root is YamlMappingNode map))
                throw Wrong(path, "the top level must be a mapping of settings", null);
            foreach (var pair in map.Children)
            {
                var key = ((YamlScalarNode)pair.Key).Value ?? "";
                if (!KnownKeys.Contains(key))
                    throw Wrong(path, $"unknown setting '{key}' (known: {string.Join(", ", KnownKeys)}; names are case-sensitive)", null);
                result[key] = pair.Value;
            }
            return result;
        }

        // GTO_* variables override the file; names match case-insensitively and complex values are JSON (a subset of YAML).
        private static void ApplyEnvironment(Dictionary<string, YamlNode?> values, IDictionary environment, string path)
        {
            foreach (DictionaryEntry e in environment)
            {
                var name = e.Key as string;
                if (name == null || !name.StartsWith("GTO_", StringComparison.OrdinalIgnoreCase)) continue;
                var key = KnownKeys.FirstOrDefault(k => string.Equals(k, name.Substring(4), StringComparison.OrdinalIgnoreCase));
                if (key == null) continue;
                var stream = new YamlStream();
                try
                {
                    stream.Load(new StringReader(e.Value as string ?? ""));
                }
                catch (YamlException ex)
                {
                    throw new GtoException("InvalidConfig", GtoErrorKind.InvalidData,
                        $"The environment variable {name} is not valid JSON: {ex.Message}", name, ex);
                }
                values[key] = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
            }
        }

        private static List<string>? ReadNameList(Dictionary<string, YamlNode?> values, string key)
        {
            if (!values.TryGetValue(key, out var node) || IsNull(node)) return null;
            if (!(node is YamlSequenceNode seq)) throw new FormatException($"'{key}' must be a list of names");
            var list = new List<string>();
            foreach (var item in seq)
            {
                var value = (item as YamlScalarNode)?.Value;
                if (!Names.IsValidName(value)) throw new FormatException($"'{value}' in '{key}' is not a valid name");
                list.Add(value!);
            }
            return list;
        }

        // Gto has only GTO's built-in annotation reader ("gto"); settings that need another one, or switch it off, are errors.
        private static void CheckEnrichments(Dictionary<string, YamlNode?> values)
        {
            var listed = new List<string>();
            if (values.TryGetValue("enrichments", out var node) && !IsNull(node))
            {
                if (!(node is YamlSequenceNode seq)) throw new FormatException("'enrichments' must be a list");
                foreach (var item in seq)
                {
                    var type = item is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("type"), out var t)
                        ? (t as YamlScalarNode)?.Value : null;
                    if (type == null) throw new FormatException("each entry of 'enrichments' needs a 'type'");
                    if (type != "gto")
                        throw new FormatException($"enrichment type '{type}' is not available; only the built-in 'gto' is");
                    listed.Add(type);
                }
            }
            if (values.TryGetValue("autoload_enrichments", out var auto) && auto is YamlScalarNode a)
            {
                var v = (a.Value ?? "").ToLowerInvariant();
                if (v != "true" && v != "false" && v != "1" && v != "0" && v != "yes" && v != "no" && v != "on" && v != "off")
                    throw new FormatException("'autoload_enrichments' must be true or false");
                bool off = v == "false" || v == "0" || v == "no" || v == "off";
                if (off && listed.Count == 0)
                    throw new FormatException("'autoload_enrichments: false' turns off annotations; list '{type: gto}' under 'enrichments' to keep them");
            }
        }

        private static bool IsNull(YamlNode? node) =>
            node == null || (node is YamlScalarNode s && s.Style == ScalarStyle.Plain &&
                             (s.Value == null || s.Value == "" || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL"));

        // GTO's message is "Wrong config file '<path>'"; we keep it and add the reason, which GTO omits (Q36).
        private static GtoException Wrong(string path, string reason, Exception? inner) =>
            new GtoException("InvalidConfig", GtoErrorKind.InvalidData,
                $"Wrong config file '{path}': {reason}. Fix or remove the file.", path, inner);
    }
}
