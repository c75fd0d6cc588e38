using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.State
{
    /// <summary>
    /// GTO's orderings (docs/registry-state.md#ties). "Descending" in GTO is a stable ascending sort followed by a full reversal, so
    /// among events of the same second the one later in the input comes first. OrderByDescending would not do that.
    /// </summary>
    internal static class EventOrder
    {
        public static List<T> Descending<T>(IEnumerable<T> events) where T : RegistryEvent
        {
            var list = events.OrderBy(e => e.CreatedAt.UtcTicks).ToList();
            list.Reverse();
            return list;
        }

        /// <summary>GTO's get_events(ascending=True): a stable ascending sort, no reversal.</summary>
        public static List<T> Ascending<T>(IEnumerable<T> events) where T : RegistryEvent =>
            events.OrderBy(e => e.CreatedAt.UtcTicks).ToList();

        /// <summary>Inserts keeping the list sorted ascending by time, after any event of the same instant.</summary>
        public static void InsertSorted<T>(List<T> list, T item) where T : RegistryEvent
        {
            int i = list.Count;
            while (i > 0 && list[i - 1].CreatedAt.UtcTicks > item.CreatedAt.UtcTicks) i--;
            list.Insert(i, item);
        }
    }
}
