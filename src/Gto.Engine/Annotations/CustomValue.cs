using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Runtime.CompilerServices;
using Gto.Engine.Yaml;

namespace Gto.Engine.Annotations
{
    /// <summary>
    /// The values an annotation's <c>custom</c> field can hold, converted to what reading the file gives back, so a
    /// value written and read again keeps its value and type: null; strings (and chars); booleans; integers that fit
    /// in 64 bits (read back as <see cref="long"/>); floats and decimals (read back as <see cref="double"/>); lists
    /// (<see cref="IList"/>, read back as <c>List&lt;object&gt;</c>); and dictionaries (<see cref="IDictionary"/> with
    /// string or integer keys, read back as an <see cref="OrderedDictionary"/> with string keys). Anything else, a
    /// value that contains itself, or one beyond the YAML reader's limits is refused with InvalidCustomValue.
    /// </summary>
    internal static class CustomValue
    {
        /// <summary>
        /// The deepest nesting of lists and dictionaries: the value sits two levels down in <c>artifacts.yaml</c>
        /// (artifact, then field), and the file must stay within what <see cref="SafeYaml"/> reads.
        /// </summary>
        public const int MaxDepth = SafeYaml.MaxDepth - 2;

        /// <summary>Converts <paramref name="value"/> to the types reading gives back.</summary>
        /// <param name="value">The value given by the caller.</param>
        /// <param name="adapt">
        /// Called on every non-null value before it is classified; a host unwraps its own objects here (PowerShell
        /// turns a PSObject into its base object and a PSCustomObject into a dictionary of its properties).
        /// </param>
        /// <exception cref="GtoException">InvalidCustomValue: a value of another type, a cycle, or a limit exceeded.</exception>
        public static object? Normalize(object? value, Func<object, object?>? adapt = null) =>
            new Converter(adapt).Convert(value, 0, null);

        private sealed class Converter
        {
            private readonly Func<object, object?>? _adapt;
            private readonly HashSet<object> _ancestors = new HashSet<object>(ByReference.Instance);
            private long _nodes;
            private long _characters;

            public Converter(Func<object, object?>? adapt) => _adapt = adapt;

            public object? Convert(object? given, int depth, Where? where)
            {
                if (++_nodes > SafeYaml.MaxNodes)
                    throw Invalid($"it holds more than {SafeYaml.MaxNodes:N0} values (counting each value as often as it is referenced)", where);
                if (given == null) return null;
                var value = _adapt != null ? _adapt(given) : given;
                switch (value)
                {
                    case null: return null;
                    case string s: return Text(s, where);
                    case char c: return Text(c.ToString(), where);
                    case bool b: return b;
                    case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _: case long _:
                        return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    case ulong u:
                        if (u > long.MaxValue) throw Invalid($"{u} is larger than a 64-bit integer; store it as a string", where);
                        return (long)u;
                    case float f: return double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    case double d: return d;
                    case decimal m: return (double)m;
                    case DateTime _: case DateTimeOffset _:
                        throw Invalid("a date is not stored, because YAML readers disagree on what a timestamp reads back as; " +
                                      "store it as a string, e.g. $date.ToString('o')", where);
                    case IDictionary map: return Within(given, value, depth, where, () => Dictionary(map, depth, where));
                    case IList list: return Within(given, value, depth, where, () => List(list, depth, where));
                    default:
                        throw Invalid($"a {value.GetType().FullName} is not a value Gto stores; use null, strings, booleans, " +
                                      "numbers, lists, hashtables or PSCustomObjects", where);
                }
            }

            private string Text(string s, Where? where)
            {
                if (PlainScalars.HasUnpairedSurrogate(s)) throw Invalid("a string holds an unpaired UTF-16 surrogate, which is not text", where);
                _characters += s.Length;
                if (_characters > SafeYaml.MaxBytes)
                    throw Invalid($"its strings exceed {SafeYaml.MaxBytes:N0} characters, more than an annotation file may hold", where);
                return s;
            }

            // A collection is entered once per path from the root: meeting it again on the same path is a cycle.
            private object Within(object given, object value, int depth, Where? where, Func<object> convert)
            {
                if (depth + 1 > MaxDepth)
                    throw Invalid($"it nests lists and dictionaries more than {MaxDepth} levels deep", where);
                if (_ancestors.Contains(given) || _ancestors.Contains(value)) throw Invalid("it contains itself", where);
                _ancestors.Add(given);
                _ancestors.Add(value);
                try
                {
                    return convert();
                }
                finally
                {
                    _ancestors.Remove(given);
                    _ancestors.Remove(value);
                }
            }

            private OrderedDictionary Dictionary(IDictionary map, int depth, Where? where)
            {
                var result = new OrderedDictionary(StringComparer.Ordinal);
                foreach (DictionaryEntry e in map)
                {
                    var key = Key(e.Key, where);
                    if (result.Contains(key)) throw Invalid($"two keys are both written as '{key}'", where);
                    result[key] = Convert(e.Value, depth + 1, new Where(where, key, 0));
                }
                return result;
            }

            private List<object?> List(IList list, int depth, Where? where)
            {
                var result = new List<object?>(list.Count);
                for (int i = 0; i < list.Count; i++) result.Add(Convert(list[i], depth + 1, new Where(where, null, i)));
                return result;
            }

            // Keys are written as strings: an integer key becomes its digits.
            private string Key(object key, Where? where)
            {
                var value = _adapt != null ? _adapt(key) : key;
                switch (value)
                {
                    case string s: return Text(s, where);
                    case char c: return Text(c.ToString(), where);
                    case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                        return System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
                    default:
                        throw Invalid($"a key of type {value?.GetType().FullName ?? "null"} cannot be written; keys must be strings or integers", where);
                }
            }

            private static GtoException Invalid(string why, Where? where)
            {
                var at = Where.Render(where);
                return new GtoException(GtoErrors.InvalidCustomValue,
                    $"The custom value cannot be stored: at {at}, {why}. Nothing was written.", at);
            }
        }

        /// <summary>Where a value sits (a key or an index under its parent), rendered only for a message.</summary>
        private sealed class Where
        {
            private readonly Where? _parent;
            private readonly string? _key;
            private readonly int _index;

            public Where(Where? parent, string? key, int index)
            {
                _parent = parent;
                _key = key;
                _index = index;
            }

            public static string Render(Where? where)
            {
                var parts = new List<string>();
                for (var w = where; w != null; w = w._parent)
                    parts.Add(w._key == null ? "[" + w._index.ToString(CultureInfo.InvariantCulture) + "]"
                        : "." + (w._key.Length <= 40 ? w._key : w._key.Substring(0, 40) + "..."));
                parts.Reverse();
                return "custom" + string.Concat(parts);
            }
        }

        private sealed class ByReference : IEqualityComparer<object>
        {
            public static readonly ByReference Instance = new ByReference();
            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
