using System;
using System.Collections;
using System.Collections.Generic;

namespace Gto
{
    /// <summary>
    /// A read-only list of names (labels, stages, versions, a setting's list) that prints as its items joined by
    /// <c>", "</c>, so that <c>Export-Csv</c> and string conversion give the names instead of a type name. It converts to
    /// JSON as an array.
    /// </summary>
    public sealed class ValueList : IReadOnlyList<string>
    {
        private readonly string[] _items;

        /// <summary>A list of <paramref name="items"/>, in their order.</summary>
        public ValueList(IEnumerable<string> items) => _items = new List<string>(items).ToArray();

        /// <summary>The empty list.</summary>
        public static ValueList Empty { get; } = new ValueList(Array.Empty<string>());

        /// <inheritdoc />
        public string this[int index] => _items[index];

        /// <inheritdoc />
        public int Count => _items.Length;

        /// <summary>True when the list holds <paramref name="item"/> (ordinal comparison).</summary>
        public bool Contains(string item) => Array.IndexOf(_items, item) >= 0;

        /// <inheritdoc />
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        /// <summary>The items joined by <c>", "</c>.</summary>
        public override string ToString() => string.Join(", ", _items);
    }
}
