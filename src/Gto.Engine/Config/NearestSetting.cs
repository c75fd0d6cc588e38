using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.Config
{
    /// <summary>
    /// The setting a misspelt key or <c>GTO_*</c> variable most likely meant. GTO ignores an unknown variable and
    /// refuses an unknown key without a hint; a near miss is worth naming.
    /// </summary>
    internal static class NearestSetting
    {
        // Two edits cover a dropped or doubled letter, a swap, and a wrong case on one or two letters (case is an edit
        // for file keys, which are case-sensitive).
        private const int MaxEdits = 2;

        /// <summary>The known key that differs from <paramref name="key"/> only in case, else the closest within two edits, or null.</summary>
        public static string? For(string key, IReadOnlyList<string> known, StringComparison comparison) =>
            known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ??
            known.Select(k => (Key: k, Edits: Edits(key, k, comparison)))
                .Where(c => c.Edits <= MaxEdits)
                .OrderBy(c => c.Edits)
                .Select(c => c.Key)
                .FirstOrDefault();

        /// <summary>
        /// Each <c>GTO_*</c> variable that names no setting but nearly does, with the variable it probably meant.
        /// Variables far from every setting (other tools' <c>GTO_*</c> names) are left alone.
        /// </summary>
        public static List<(string Variable, string Meant)> MisspeltVariables(IDictionary environment, IReadOnlyList<string> keys)
        {
            var found = new List<(string, string)>();
            foreach (DictionaryEntry e in environment)
            {
                if (!(e.Key is string name) || !name.StartsWith("GTO_", StringComparison.OrdinalIgnoreCase)) continue;
                var suffix = name.Substring(4);
                if (keys.Any(k => string.Equals(k, suffix, StringComparison.OrdinalIgnoreCase))) continue;
                var meant = For(suffix, keys, StringComparison.OrdinalIgnoreCase);
                if (meant != null) found.Add((name, "GTO_" + meant.ToUpperInvariant()));
            }
            return found.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
        }

        // Levenshtein distance, comparing characters as strings under the given rule.
        private static int Edits(string a, string b, StringComparison comparison)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (int i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    var same = string.Equals(a[i - 1].ToString(), b[j - 1].ToString(), comparison);
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (same ? 0 : 1));
                }
                previous = current;
            }
            return previous[b.Length];
        }
    }
}
