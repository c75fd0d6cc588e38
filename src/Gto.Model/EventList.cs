using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Gto
{
    /// <summary>
    /// A read-only list of events that prints as their refs joined by <c>", "</c> (<c>churn@v1.0.0, churn@v1.0.0#2</c>),
    /// so that <c>Export-Csv</c> writes the tags instead of a type name. It converts to JSON as an array of events.
    /// </summary>
    /// <typeparam name="T">The event type.</typeparam>
    public sealed class EventList<T> : IReadOnlyList<T> where T : RegistryEvent
    {
        private readonly T[] _items;

        /// <summary>A list of <paramref name="events"/>, in their order.</summary>
        public EventList(IEnumerable<T> events) => _items = events.ToArray();

        /// <summary>The empty list.</summary>
        public static EventList<T> Empty { get; } = new EventList<T>(Enumerable.Empty<T>());

        /// <inheritdoc />
        public T this[int index] => _items[index];

        /// <inheritdoc />
        public int Count => _items.Length;

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        /// <summary>The events' refs (tag, or commit SHA) joined by <c>", "</c>.</summary>
        public override string ToString() => string.Join(", ", _items.Select(e => e.Ref));
    }
}
