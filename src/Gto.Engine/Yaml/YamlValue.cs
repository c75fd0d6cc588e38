using System;
using System.Collections.Generic;

namespace Gto.Engine.Yaml
{
    /// <summary>
    /// A value read by <see cref="SafeYaml"/>: a scalar, a list or a mapping. A value reached through an alias is
    /// the same object as its anchor's (shared, not copied), so walking the values visits at most
    /// <see cref="SafeYaml.MaxNodes"/> nodes and nests at most <see cref="SafeYaml.MaxDepth"/> collections.
    /// </summary>
    internal abstract class YamlValue
    {
        protected YamlValue(long nodes, int height, long characters)
        {
            Nodes = nodes;
            Height = height;
            Characters = characters;
        }

        /// <summary>How many nodes this value stands for once every alias in it is expanded (itself included).</summary>
        public long Nodes { get; }
        /// <summary>How many collections nest in it, itself included: 0 for a scalar.</summary>
        public int Height { get; }
        /// <summary>The characters of its scalars once every alias is expanded.</summary>
        public long Characters { get; }
    }

    internal sealed class YamlScalar : YamlValue
    {
        public YamlScalar(string text, bool isPlain) : base(1, 0, text.Length)
        {
            Text = text;
            IsPlain = isPlain;
        }

        public string Text { get; }
        /// <summary>Plain and untagged: its text resolves to null, a boolean or a number when it looks like one.</summary>
        public bool IsPlain { get; }
        /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar.</summary>
        public bool IsNull => IsPlain && PlainScalars.IsNull(Text);
    }

    internal sealed class YamlList : YamlValue
    {
        public YamlList(IReadOnlyList<YamlValue> items, long nodes, int height, long characters) : base(nodes, height, characters) =>
            Items = items;

        public IReadOnlyList<YamlValue> Items { get; }
    }

    internal sealed class YamlMap : YamlValue
    {
        private readonly Dictionary<string, YamlValue> _byKey;

        public YamlMap(IReadOnlyList<KeyValuePair<string, YamlValue>> entries, long nodes, int height, long characters)
            : base(nodes, height, characters)
        {
            Entries = entries;
            _byKey = new Dictionary<string, YamlValue>(entries.Count, StringComparer.Ordinal);
            foreach (var e in entries) _byKey[e.Key] = e.Value;
        }

        /// <summary>The entries in file order; keys are scalars (others are refused) and unique.</summary>
        public IReadOnlyList<KeyValuePair<string, YamlValue>> Entries { get; }

        public YamlValue? Get(string key) => _byKey.TryGetValue(key, out var v) ? v : null;

        /// <summary>The value of <paramref name="key"/>, or null when it is absent or a YAML null.</summary>
        public YamlValue? GetNonNull(string key)
        {
            var v = Get(key);
            return v is YamlScalar s && s.IsNull ? null : v;
        }
    }
}
