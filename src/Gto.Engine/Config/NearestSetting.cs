using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Queries;

namespace Gto.Engine.Config
{
    /// <summary>
    /// The setting a misspelt key or <c>GTO_*</c> variable most likely meant. GTO ignores an unknown variable and
    /// refuses an unknown key without a hint; a near miss is worth naming.
    /// </summary>
    internal static class NearestSetting
    {
        // Two typos: letters dropped, doubled or wrong (a wrong case counts for file keys, which are case-sensitive),
        // or neighbours swapped.
        private const int MaxEdits = 2;

        /// <summary>The known key that differs from <paramref name="key"/> only in case, else the closest within two edits, or null.</summary>
        /// <param name="ignoreCase">True for variable names; file keys are case-sensitive, so there a letter's case is an edit.</param>
        public static string? For(string key, IReadOnlyList<string> known, bool ignoreCase) =>
            known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ??
            known.Select(k => (Key: k, Edits: NearNames.Distance(key, k, MaxEdits, ignoreCase)))
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
                var meant = For(suffix, keys, ignoreCase: true);
                if (meant != null) found.Add((name, "GTO_" + meant.ToUpperInvariant()));
            }
            return found.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
        }
    }
}
