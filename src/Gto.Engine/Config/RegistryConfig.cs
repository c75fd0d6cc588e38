using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.Yaml;

namespace Gto.Engine.Config
{
    /// <summary>
    /// The repository configuration (docs/configuration.md#the-gto-file): the <c>.gto</c> file in the work tree, overridden by <c>GTO_*</c>
    /// environment variables. A file GTO would reject is an error naming the file; a bad variable, one naming the
    /// variable.
    /// </summary>
    internal sealed class RegistryConfig
    {
        public const string FileName = ".gto";
        private const string DefaultIndex = "artifacts.yaml";

        // Every setting GTO knows, in the order GTO's doctor prints them.
        private static readonly string[] Keys =
        {
            "INDEX", "CONFIG_FILE_NAME", "LOG_LEVEL", "DEBUG", "EMOJIS", "types", "stages", "enrichments", "autoload_enrichments",
        };

        private static readonly HashSet<string> KnownKeys = new HashSet<string>(Keys, StringComparer.Ordinal);

        /// <summary>Every setting GTO knows, in the order GTO's doctor prints them.</summary>
        public static IReadOnlyList<string> SettingNames => Keys;

        private RegistryConfig(string? path, IReadOnlyList<string>? stages, IReadOnlyList<string>? types, string index,
            IReadOnlyList<Setting> settings)
        {
            Path = path;
            Stages = stages;
            Types = types;
            Index = index;
            _settings = settings;
        }

        private readonly IReadOnlyList<Setting> _settings;

        // The file or variable that set INDEX, for messages.
        private string? IndexSource => _settings.First(s => s.Name == "INDEX").Origin;

        /// <summary>The absolute path of the <c>.gto</c> file, or null when there is none.</summary>
        public string? Path { get; }
        /// <summary>Allowed stages in config order; null means any stage.</summary>
        public IReadOnlyList<string>? Stages { get; }
        /// <summary>Allowed artifact types; null means any type.</summary>
        public IReadOnlyList<string>? Types { get; }
        /// <summary>The annotation file, relative to the repository root (checked to stay inside the work tree, outside .git).</summary>
        public string Index { get; }

        public static RegistryConfig Default { get; } = Parse(null, FileName, new Hashtable());

        /// <summary>
        /// The configuration of the repository containing <paramref name="path"/>, read as a registry read reads it (the
        /// work tree's <c>.gto</c>, or HEAD's in a bare repository) without reading any tag. <paramref name="root"/> is the
        /// repository's root.
        /// </summary>
        public static RegistryConfig ForRepository(string path, out string root)
        {
            using var git = GitRepository.OpenGitDirectory(GitRepository.Discover(path));
            root = git.Root;
            return git.IsBare ? LoadAtCommit(git, git.HeadCommit, "HEAD:" + FileName) : Load(git.Root);
        }

        /// <summary>
        /// Each <c>GTO_*</c> variable that names no setting but is within two edits of one (<c>GTO_STAGE</c>), with the
        /// variable it probably meant. GTO ignores such variables silently.
        /// </summary>
        public static IReadOnlyList<(string Variable, string Meant)> MisspeltVariables(IDictionary? environment = null) =>
            NearestSetting.MisspeltVariables(environment ?? Environment.GetEnvironmentVariables(), Keys);

        /// <summary>Every setting GTO knows, in the order GTO's doctor prints them, with its value and where it came from.</summary>
        public IReadOnlyList<ConfigSetting> Describe(string repository) =>
            _settings.Select(s => new ConfigSetting(repository, s.Name, s.Value, s.Source, s.Origin)).ToList();

        /// <summary>Loads <c>.gto</c> from <paramref name="root"/> (a directory named <c>.gto</c> is ignored, as in GTO).</summary>
        public static RegistryConfig Load(string root, IDictionary? environment = null)
        {
            var path = System.IO.Path.Combine(root, FileName);
            string? text = null;
            if (File.Exists(path))
            {
                try
                {
                    text = SafeYaml.ReadFile(path);
                }
                catch (YamlInputException ex)
                {
                    throw Wrong(path, ex.Message, ex);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw Wrong(path, "it cannot be read: " + ex.Message, ex);
                }
            }
            return Parse(text, path, environment);
        }

        /// <summary>The <c>.gto</c> of a commit, named <paramref name="where"/> in messages; a huge blob is refused before it is loaded.</summary>
        internal static RegistryConfig LoadAtCommit(GitRepository git, string? commit, string where)
        {
            var blob = commit == null ? null : git.FileId(commit, FileName);
            if (blob == null) return Parse(null, where);
            var tooLarge = SafeYaml.SizeProblem(git.BlobSize(blob));
            if (tooLarge != null) throw Wrong(where, tooLarge, null);
            return Parse(git.ReadBlob(blob), where);
        }

        /// <summary>
        /// Parses <c>.gto</c> content (null when there is no file) and applies the environment. <paramref name="path"/>
        /// names the file in messages.
        /// </summary>
        public static RegistryConfig Parse(string? text, string path, IDictionary? environment = null)
        {
            var settings = new Settings(path);
            if (text != null) settings.ReadFile(text);
            settings.ReadEnvironment(environment ?? Environment.GetEnvironmentVariables());
            var stages = settings.NameList("stages");
            var types = settings.NameList("types");
            var index = settings.Index();
            settings.CheckScalars();
            var enrichments = settings.CheckEnrichments();
            return new RegistryConfig(text != null ? path : null, stages, types, index, settings.Effective(index, stages, types, enrichments));
        }

        /// <summary>
        /// The absolute path of the work-tree annotation file. It must stay inside <paramref name="workTree"/>, outside
        /// <paramref name="gitDirectory"/>, and pass through no linked folder, so a hostile <c>.gto</c> or a committed
        /// link cannot make an edit write anywhere else. (Whether the file itself may be a link is the editor's concern.)
        /// </summary>
        public string IndexFile(string workTree, string gitDirectory)
        {
            string root, file, git;
            try
            {
                root = WithSeparator(System.IO.Path.GetFullPath(workTree));
                file = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, Index));
                git = WithSeparator(System.IO.Path.GetFullPath(gitDirectory));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw WrongIndex($"is not a valid path ({ex.Message})", ex);
            }
            if (!file.StartsWith(root, StringComparison.Ordinal) || file.Length == root.Length)
                throw WrongIndex("resolves outside the work tree", null);
            if (file.StartsWith(git, StringComparison.OrdinalIgnoreCase))
                throw WrongIndex("resolves inside the git directory", null);
            var current = root;
            var folders = file.Substring(root.Length).Split(System.IO.Path.DirectorySeparatorChar);
            foreach (var folder in folders.Take(folders.Length - 1))
            {
                current = System.IO.Path.Combine(current, folder);
                if (new FileInfo(current).LinkTarget != null)
                    throw WrongIndex($"passes through the link '{current}', which may lead outside the work tree; replace the link with a folder", null);
            }
            if (Directory.Exists(file)) throw WrongIndex("names a folder", null);
            return file;
        }

        /// <summary>Throws StageNotAllowed (GTO's UnknownStage) when the config restricts stages and <paramref name="stage"/> is not listed.</summary>
        public void AssertStageAllowed(string stage) => AssertListed(GtoErrors.StageNotAllowed, "stage", "stages", Stages, stage);

        /// <summary>Throws TypeNotAllowed (GTO's UnknownType) when the config restricts types and <paramref name="type"/> is not listed.</summary>
        public void AssertTypeAllowed(string type) => AssertListed(GtoErrors.TypeNotAllowed, "type", "types", Types, type);

        // GTO says only "Allowed stages are: '[...]'"; this names the refused value and the file or variable the list comes from.
        private void AssertListed(GtoError error, string what, string key, IReadOnlyList<string>? allowed, string value)
        {
            if (allowed == null || allowed.Contains(value, StringComparer.Ordinal)) return;
            var setting = _settings.First(s => s.Name == key);
            var where = setting.Source == ConfigSetting.FromEnvironment
                ? $"the environment variable {setting.Origin}"
                : $"'{key}' in .gto ('{setting.Origin}')";
            var listed = allowed.Count == 0
                ? $"{where} is an empty list, so no {what} is allowed"
                : $"{where} lists {string.Join(", ", allowed.Select(a => "'" + a + "'"))}";
            throw new GtoException(error, $"The {what} '{Printable(value)}' is not allowed: {listed}." +
                $"{Queries.NearNames.Hint(Printable(value), allowed)} " +
                $"Use a listed {what}, or add '{Printable(value)}' to {where}.", value);
        }

        /// <summary>The Python repr of a list of strings, which GTO's messages embed.</summary>
        public static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";

        private static string WithSeparator(string path) =>
            path.EndsWith(System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + System.IO.Path.DirectorySeparatorChar;

        private GtoException WrongIndex(string problem, Exception? inner) =>
            new GtoException(GtoErrors.InvalidConfig,
                $"The annotation file '{Printable(Index)}' {problem}. INDEX must be a relative path inside the work tree, " +
                "outside .git and not through a link" + (IndexSource != null ? $"; fix '{IndexSource}'." : "."),
                IndexSource ?? Index, inner);

        // GTO's message is "Wrong config file '<path>'"; we keep it and add the reason, which GTO omits (docs/registry-state.md#q36-invalid-configuration).
        private static GtoException Wrong(string path, string reason, Exception? inner) =>
            new GtoException(GtoErrors.InvalidConfig,
                $"Wrong config file '{path}': {reason}. Fix or remove the file.", path, inner);

        private static string Printable(string s) =>
            new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());

        /// <summary>The settings read so far, each remembering whether the file or a variable gave it.</summary>
        private sealed class Settings
        {
            private readonly string _path;
            // Each key's value, and the variable (with its text) when one set it.
            private readonly Dictionary<string, (YamlValue? Value, string? Variable, string? Text)> _values =
                new Dictionary<string, (YamlValue?, string?, string?)>(StringComparer.Ordinal);

            public Settings(string path) => _path = path;

            public void ReadFile(string text)
            {
                YamlValue? root;
                try
                {
                    root = SafeYaml.Load(text);
                }
                catch (YamlInputException ex)
                {
                    throw Wrong(_path, ex.Message, ex);
                }
                if (root == null || root is YamlScalar s && s.IsNull) return;
                if (!(root is YamlMap map)) throw Wrong(_path, "the top level must be a mapping of settings", null);
                foreach (var pair in map.Entries)
                {
                    if (!KnownKeys.Contains(pair.Key))
                        throw Wrong(_path, $"unknown setting '{Printable(pair.Key)}'{Suggestion(pair.Key)} (known: {string.Join(", ", Keys)}; " +
                            "names are case-sensitive)", null);
                    _values[pair.Key] = (pair.Value, null, null);
                }
            }

            // GTO_* variables override the file; names match case-insensitively and complex values are JSON (a subset of YAML).
            public void ReadEnvironment(IDictionary environment)
            {
                foreach (DictionaryEntry e in environment)
                {
                    var name = e.Key as string;
                    if (name == null || !name.StartsWith("GTO_", StringComparison.OrdinalIgnoreCase)) continue;
                    var key = KnownKeys.FirstOrDefault(k => string.Equals(k, name.Substring(4), StringComparison.OrdinalIgnoreCase));
                    if (key == null) continue;
                    var text = e.Value as string ?? "";
                    try
                    {
                        _values[key] = (SafeYaml.Load(text), name, text);
                    }
                    catch (YamlInputException ex)
                    {
                        throw BadVariable(key, name, text, $"it is not valid JSON ({ex.Message})", ex);
                    }
                }
            }

            public List<string>? NameList(string key)
            {
                var node = Get(key);
                if (node == null) return null;
                if (!(node is YamlList list)) throw Invalid(key, $"'{key}' must be a list of names");
                var names = new List<string>();
                foreach (var item in list.Items)
                {
                    if (!(item is YamlScalar s)) throw Invalid(key, $"'{key}' must be a list of names, not of lists or mappings");
                    if (!Names.IsValidName(s.Text)) throw Invalid(key, $"'{Printable(s.Text)}' in '{key}' is not a valid name");
                    names.Add(s.Text);
                }
                return names;
            }

            public string Index()
            {
                var node = Get("INDEX");
                if (node == null) return DefaultIndex;
                if (!(node is YamlScalar s)) throw Invalid("INDEX", "'INDEX' must be a file path, not a list or mapping");
                if (s.Text.Length == 0) return DefaultIndex;
                var problem = IndexProblem(s.Text);
                if (problem != null)
                    throw Invalid("INDEX", $"INDEX '{Printable(s.Text)}' {problem}; it must be a relative path inside the work tree and outside .git");
                return s.Text;
            }

            // Settings Gto does not use must still have the shape GTO requires.
            public void CheckScalars()
            {
                foreach (var key in new[] { "CONFIG_FILE_NAME", "LOG_LEVEL" })
                    if (Get(key) is YamlValue v && !(v is YamlScalar))
                        throw Invalid(key, $"'{key}' must be a single value, not a list or mapping");
                foreach (var key in new[] { "DEBUG", "EMOJIS" }) Bool(key);
            }

            // Gto has only GTO's built-in annotation reader ("gto"); settings that need another one, or switch it off, are errors.
            public List<string> CheckEnrichments()
            {
                var listed = new List<string>();
                if (Get("enrichments") is YamlValue node)
                {
                    if (!(node is YamlList list)) throw Invalid("enrichments", "'enrichments' must be a list");
                    foreach (var item in list.Items)
                    {
                        var type = item is YamlMap m ? m.GetNonNull("type") : null;
                        if (!(type is YamlScalar t)) throw Invalid("enrichments", "each entry of 'enrichments' needs a 'type' name");
                        if (t.Text != "gto")
                            throw Invalid("enrichments", $"enrichment type '{Printable(t.Text)}' is not available; only the built-in 'gto' is");
                        listed.Add(t.Text);
                    }
                }
                if (Bool("autoload_enrichments") == false && listed.Count == 0)
                    throw Invalid("autoload_enrichments",
                        "'autoload_enrichments: false' turns off annotations; list '{type: gto}' under 'enrichments' to keep them");
                return listed;
            }

            /// <summary>Every key's value in effect (checked before), with the file or variable that set it.</summary>
            public List<Setting> Effective(string index, List<string>? stages, List<string>? types, List<string> enrichments) =>
                Keys.Select(key => Described(key, key switch
                {
                    "INDEX" => index,
                    "CONFIG_FILE_NAME" => Get(key) is YamlScalar s ? s.Text : FileName,
                    "LOG_LEVEL" => Get(key) is YamlScalar s ? s.Text : "INFO",
                    "DEBUG" => Bool(key) ?? false,
                    "EMOJIS" => Bool(key) ?? true,
                    "types" => types == null ? null : new ValueList(types),
                    "stages" => stages == null ? null : new ValueList(stages),
                    "enrichments" => new ValueList(enrichments),
                    _ => Bool(key) ?? true,
                })).ToList();

            private bool? Bool(string key)
            {
                var node = Get(key);
                if (node == null) return null;
                switch (node is YamlScalar s ? s.Text.ToLowerInvariant() : null)
                {
                    case "true": case "1": case "yes": case "on": return true;
                    case "false": case "0": case "no": case "off": return false;
                    default: throw Invalid(key, $"'{key}' must be true or false");
                }
            }

            // The value with where it came from: the variable or the file that set it, else the default.
            private Setting Described(string key, object? value) =>
                !_values.TryGetValue(key, out var v) ? new Setting(key, value, ConfigSetting.FromDefault, null)
                : v.Variable != null ? new Setting(key, value, ConfigSetting.FromEnvironment, v.Variable)
                : new Setting(key, value, ConfigSetting.FromFile, _path);

            private YamlValue? Get(string key) =>
                _values.TryGetValue(key, out var v) && !(v.Value == null || v.Value is YamlScalar s && s.IsNull) ? v.Value : null;

            // The error names where the value came from: the file, or the variable that overrode it.
            private GtoException Invalid(string key, string reason)
            {
                var (value, variable, text) = _values[key];
                return variable == null
                    ? Wrong(_path, $"{reason} (found {Shown(value)}); write it like '{SettingExamples.InFile(key)}'", null)
                    : BadVariable(key, variable, text!, reason, null);
            }

            // The variable is named as the environment spells it, with the text it holds and the form it needs.
            private static GtoException BadVariable(string key, string variable, string text, string reason, Exception? inner) =>
                new GtoException(GtoErrors.InvalidConfig,
                    $"The environment variable {variable} holds '{Excerpt(text)}', which is invalid: {reason}. " +
                    $"Set it like $env:{variable} = '{SettingExamples.VariableValue(key)}' (lists and mappings in JSON), " +
                    $"or remove it (Remove-Item Env:{variable}).", variable, inner);

            private static string Shown(YamlValue? value) => value switch
            {
                YamlScalar s => $"'{Excerpt(s.Text)}'",
                YamlList _ => "a list",
                YamlMap _ => "a mapping",
                _ => "nothing",
            };

            // Enough of a value to recognise it, on one line.
            private static string Excerpt(string text) => Printable(text.Length > 60 ? text.Substring(0, 60) + "…" : text);

            private static string Suggestion(string key)
            {
                var near = NearestSetting.For(key, Keys, ignoreCase: false);
                return near == null ? "" : $"; did you mean '{near}'?";
            }
        }

        /// <summary>One setting in effect: its key, value, and where it came from.</summary>
        private sealed record Setting(string Name, object? Value, string Source, string? Origin);

        // A path that could leave the work tree, enter .git or mean something else on another system is refused
        // before anything is read or written: absolute paths, drive letters and streams (':'), '..', control
        // characters, and '.git' however Windows would spell it (any case, trailing dots or spaces, 8.3 name).
        private static string? IndexProblem(string index)
        {
            if (index.Any(char.IsControl)) return "contains a control character";
            if (index[0] == '/' || index[0] == '\\') return "is an absolute path";
            if (index.IndexOf(':') >= 0) return "contains ':' (a drive letter or a stream name)";
            if (index.EndsWith("/", StringComparison.Ordinal) || index.EndsWith("\\", StringComparison.Ordinal)) return "names a folder";
            foreach (var segment in index.Split('/', '\\'))
            {
                if (segment == "..") return "leaves the work tree through '..'";
                var windowsName = segment.TrimEnd('.', ' ');
                if (windowsName.Equals(".git", StringComparison.OrdinalIgnoreCase) || segment.Equals("git~1", StringComparison.OrdinalIgnoreCase))
                    return "points into .git";
            }
            return null;
        }
    }
}
