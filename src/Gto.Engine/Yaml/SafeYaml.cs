using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gto.Engine.Yaml
{
    /// <summary>
    /// The one YAML reader for everything a repository supplies (<c>.gto</c>, the <c>GTO_*</c> variables,
    /// <c>artifacts.yaml</c>, <c>dvc.yaml</c>). It builds values from the parser's events with an explicit stack, so no
    /// recursion runs on the input, and it counts as it goes: size, nesting depth, nodes and characters after
    /// alias expansion. Aliases are shared rather than copied and an alias of a collection that is still open
    /// (a self-reference) is refused, so a hostile file fails fast and small instead of overflowing the stack or
    /// exhausting memory. Every refusal is a <see cref="YamlInputException"/>.
    /// </summary>
    internal static class SafeYaml
    {
        /// <summary>The largest file read, in bytes (UTF-8).</summary>
        public const int MaxBytes = 1024 * 1024;
        /// <summary>The deepest nesting of lists and mappings, the top-level collection being level 1.</summary>
        public const int MaxDepth = 64;
        /// <summary>The most nodes (scalars, lists, mappings) once aliases are expanded.</summary>
        public const long MaxNodes = 100_000;
        /// <summary>The most scalar characters once aliases are expanded (a long string aliased many times).</summary>
        public const long MaxCharacters = 4L * MaxBytes;

        /// <summary>Reads a file from disk, refusing one larger than <see cref="MaxBytes"/> before reading it all.</summary>
        /// <exception cref="YamlInputException">The file is too large.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
        public static string ReadFile(string path)
        {
            // Read at most one byte more than allowed: a device or pipe that never ends (a link to /dev/zero)
            // reports a length of 0, so the stream itself is what is bounded.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[MaxBytes + 1];
            int total = 0, read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
            if (total > MaxBytes) throw TooLarge();
            using var reader = new StreamReader(new MemoryStream(buffer, 0, total), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        /// <summary>Why a blob or file of <paramref name="bytes"/> is refused before its text is read, or null.</summary>
        public static string? SizeProblem(long bytes) => bytes > MaxBytes ? TooLargeReason : null;

        /// <summary>
        /// Parses the single document of <paramref name="text"/>; null when there is none. The top-level value may
        /// be a YAML null (test <see cref="YamlScalar.IsNull"/>).
        /// </summary>
        /// <exception cref="YamlInputException">The text is not valid YAML or exceeds a limit.</exception>
        public static YamlValue? Load(string text)
        {
            if (text.Length > MaxBytes || Encoding.UTF8.GetByteCount(text) > MaxBytes) throw TooLarge();
            return new Builder(new Parser(new StringReader(text))).ReadStream();
        }

        private static string TooLargeReason => $"it is larger than {MaxBytes / 1024 / 1024} MiB, the most Gto reads";

        private static YamlInputException TooLarge() => new YamlInputException(TooLargeReason);

        /// <summary>One pass over the events of a stream.</summary>
        private sealed class Builder
        {
            private readonly IParser _parser;
            private readonly Stack<Frame> _open = new Stack<Frame>();
            // The latest definition of each anchor; null while its collection is still open.
            private readonly Dictionary<string, YamlValue?> _anchors = new Dictionary<string, YamlValue?>(StringComparer.Ordinal);
            private long _nodes;
            private long _characters;

            public Builder(IParser parser) => _parser = parser;

            public YamlValue? ReadStream()
            {
                Expect<StreamStart>();
                var first = Next();
                if (first is StreamEnd) return null;
                if (!(first is DocumentStart)) throw Refused("a document was expected", first);
                var root = ReadDocument();
                var after = Next();
                if (after is DocumentStart) throw Refused("it holds more than one YAML document", after);
                if (!(after is StreamEnd)) throw Refused("the stream does not end after the document", after);
                return root;
            }

            private YamlValue ReadDocument()
            {
                YamlValue? root = null;
                while (root == null)
                {
                    var e = Next();
                    var done = Take(e);
                    if (done == null) continue;
                    if (_open.Count == 0) root = done;
                    else _open.Peek().Add(done, e);
                }
                Expect<DocumentEnd>();
                return root;
            }

            // Handles one event of a node; returns the node it completes, or null when a collection opened.
            private YamlValue? Take(ParsingEvent e)
            {
                switch (e)
                {
                    case Scalar s:
                        Count(1, s.Value.Length, s);
                        if (PlainScalars.HasUnpairedSurrogate(s.Value))
                            throw Refused("a string holds an unpaired UTF-16 surrogate (an escape such as \\uD800), which is not text", s);
                        var plain = s.Style == ScalarStyle.Plain && (s.Tag.IsEmpty || !IsStringTag(s.Tag.Value));
                        return Anchored(s.Anchor, new YamlScalar(s.Value, plain));
                    case AnchorAlias a:
                        if (!_anchors.TryGetValue(a.Value.Value, out var target))
                            throw Refused($"the alias *{a.Value.Value} has no anchor before it", a);
                        if (target == null)
                            throw Refused($"the alias *{a.Value.Value} refers to a collection it is inside (a recursive alias)", a);
                        if (_open.Count + target.Height > MaxDepth) throw Refused(TooDeep, a);
                        Count(target.Nodes, target.Characters, a);
                        return target;
                    case SequenceStart q:
                        Open(new Frame(q.Anchor, isMapping: false), q);
                        return null;
                    case MappingStart m:
                        Open(new Frame(m.Anchor, isMapping: true), m);
                        return null;
                    case SequenceEnd _:
                    case MappingEnd _:
                        var frame = _open.Pop();
                        var value = frame.Close(e);
                        return Anchored(frame.Anchor, value);
                    default:
                        throw Refused($"unexpected {e.GetType().Name}", e);
                }
            }

            private void Open(Frame frame, ParsingEvent e)
            {
                if (_open.Count + 1 > MaxDepth) throw Refused(TooDeep, e);
                Count(1, 0, e);
                if (!frame.Anchor.IsEmpty) _anchors[frame.Anchor.Value] = null;
                _open.Push(frame);
            }

            private YamlValue Anchored(AnchorName anchor, YamlValue value)
            {
                if (!anchor.IsEmpty) _anchors[anchor.Value] = value;
                return value;
            }

            private void Count(long nodes, long characters, ParsingEvent e)
            {
                _nodes += nodes;
                _characters += characters;
                if (_nodes > MaxNodes) throw Refused($"it holds more than {MaxNodes:N0} values once aliases are expanded", e);
                if (_characters > MaxCharacters)
                    throw Refused($"its strings exceed {MaxCharacters:N0} characters once aliases are expanded", e);
            }

            private static bool IsStringTag(string tag) => tag == "!" || tag == "tag:yaml.org,2002:str";

            private ParsingEvent Next()
            {
                bool more;
                try
                {
                    more = _parser.MoveNext();
                }
                catch (YamlException ex)
                {
                    throw new YamlInputException("it is not valid YAML: " + ex.Message, ex);
                }
                // YamlDotNet's scanner fails with other exceptions on some broken text (random input found an
                // InvalidOperationException); whatever the parser throws, the text is not YAML Gto can read.
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    throw new YamlInputException($"it is not valid YAML (the parser failed with {ex.GetType().Name}: {ex.Message})", ex);
                }
                if (!more) throw new YamlInputException("it is not valid YAML: the text ends early");
                return _parser.Current!;
            }

            private void Expect<T>() where T : ParsingEvent
            {
                var e = Next();
                if (!(e is T)) throw Refused($"{typeof(T).Name} was expected", e);
            }

            private static string TooDeep => $"it nests lists and mappings more than {MaxDepth} levels deep";
        }

        /// <summary>A list or mapping being read.</summary>
        private sealed class Frame
        {
            private readonly bool _isMapping;
            private readonly List<YamlValue> _items = new List<YamlValue>();
            private readonly List<KeyValuePair<string, YamlValue>> _entries = new List<KeyValuePair<string, YamlValue>>();
            private readonly HashSet<string> _keys = new HashSet<string>(StringComparer.Ordinal);
            private string? _key;
            private long _nodes = 1;
            private int _height = 1;
            private long _characters;

            public Frame(AnchorName anchor, bool isMapping)
            {
                Anchor = anchor;
                _isMapping = isMapping;
            }

            public AnchorName Anchor { get; }

            public void Add(YamlValue value, ParsingEvent e)
            {
                _nodes += value.Nodes;
                _characters += value.Characters;
                _height = Math.Max(_height, value.Height + 1);
                if (!_isMapping)
                {
                    _items.Add(value);
                    return;
                }
                if (_key == null)
                {
                    if (!(value is YamlScalar key)) throw Refused("a mapping key is a list or a mapping; keys must be plain values", e);
                    if (!_keys.Add(key.Text)) throw Refused($"the key '{Shorten(key.Text)}' appears twice in one mapping", e);
                    _key = key.Text;
                    return;
                }
                _entries.Add(new KeyValuePair<string, YamlValue>(_key, value));
                _key = null;
            }

            public YamlValue Close(ParsingEvent e)
            {
                if (_key != null) throw Refused("a mapping key has no value", e);
                return _isMapping ? new YamlMap(_entries, _nodes, _height, _characters) : (YamlValue)new YamlList(_items, _nodes, _height, _characters);
            }
        }

        private static YamlInputException Refused(string why, ParsingEvent e) =>
            new YamlInputException($"{why} (line {e.Start.Line}, column {e.Start.Column})");

        private static string Shorten(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";
    }
}
