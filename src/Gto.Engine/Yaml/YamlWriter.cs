using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gto.Engine.Yaml
{
    /// <summary>
    /// Writes values in GTO's layout (block style, two-space indent, keys sorted at every level) so that reading the
    /// text gives back the same values and types: a string any YAML 1.1 or 1.2 reader would take for something else
    /// ('1.10', '00501', 'null', 'yes', '0x1F', '2024-01-02') is quoted.
    /// </summary>
    internal static class YamlWriter
    {
        /// <summary>
        /// The text of one document holding <paramref name="value"/>: null, a string, a bool, a long, a double, an
        /// <see cref="IDictionary"/> with string keys or an <see cref="IList"/> of these, nested at most
        /// <see cref="SafeYaml.MaxDepth"/> levels (callers pass values already converted and bounded).
        /// </summary>
        /// <exception cref="YamlInputException">A string is not text (an unpaired surrogate).</exception>
        public static string Write(object? value)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var emitter = new Emitter(text);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, true));
            Emit(emitter, value, 0);
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
            return text.ToString();
        }

        private static void Emit(IEmitter emitter, object? value, int depth)
        {
            switch (value)
            {
                case null: Plain(emitter, "null"); break;
                case string s: emitter.Emit(String(s)); break;
                case bool b: Plain(emitter, b ? "true" : "false"); break;
                case long l: Plain(emitter, l.ToString(CultureInfo.InvariantCulture)); break;
                case double d: Plain(emitter, PlainScalars.FormatDouble(d)); break;
                case IDictionary map:
                    Nest(depth);
                    emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                    var entries = new List<DictionaryEntry>();
                    foreach (DictionaryEntry e in map) entries.Add(e);
                    foreach (var e in entries.OrderBy(e => (string)e.Key, StringComparer.Ordinal))
                    {
                        emitter.Emit(String((string)e.Key));
                        Emit(emitter, e.Value, depth + 1);
                    }
                    emitter.Emit(new MappingEnd());
                    break;
                case IList list:
                    Nest(depth);
                    emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                    foreach (var item in list) Emit(emitter, item, depth + 1);
                    emitter.Emit(new SequenceEnd());
                    break;
                default:
                    throw new InvalidOperationException($"A {value.GetType().FullName} reached the YAML writer unconverted.");
            }
        }

        private static void Nest(int depth)
        {
            if (depth >= SafeYaml.MaxDepth) throw new InvalidOperationException("A value nested too deeply reached the YAML writer.");
        }

        private static void Plain(IEmitter emitter, string text) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

        // The emitter falls back from plain to quoted where the syntax needs it (': ', a leading '#', control
        // characters). Decided here: quotes for meaning ('1.10'), quotes for leading or trailing white space (a lone
        // tab would otherwise be written plain and read back as null), and double quotes with escapes for line
        // breaks, which single quotes would fold or normalise ('\r\n' read back as '\n').
        private static Scalar String(string s)
        {
            if (PlainScalars.HasUnpairedSurrogate(s))
                throw new YamlInputException("a string holds an unpaired UTF-16 surrogate, which is not text and cannot be written");
            var style = s.IndexOfAny(LineBreaks) >= 0 ? ScalarStyle.DoubleQuoted
                : PlainScalars.NeedsQuotes(s) || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[s.Length - 1]) ? ScalarStyle.SingleQuoted
                : ScalarStyle.Plain;
            return new Scalar(AnchorName.Empty, TagName.Empty, s, style, true, true);
        }

        private static readonly char[] LineBreaks = { '\r', '\n', '\u0085', '\u2028', '\u2029' };
    }
}
