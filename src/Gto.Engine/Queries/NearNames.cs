using System;
using System.Collections.Generic;
using System.Linq;

namespace Gto.Engine.Queries
{
    /// <summary>
    /// "Did you mean" hints for a name that selected nothing: the known names a typo away from it (a letter missing,
    /// added, changed, or two letters swapped). The one measure of a typo in Gto: misspelt settings use it too.
    /// </summary>
    internal static class NearNames
    {
        /// <summary>At most three names within a small edit distance of <paramref name="name"/>, closest first.</summary>
        public static IReadOnlyList<string> Of(string name, IEnumerable<string> known)
        {
            // Short names tolerate one typo, longer ones up to three: "prd" finds "prod" but not "dev".
            var limit = Math.Min(3, name.Length / 4 + 1);
            return known.Distinct(StringComparer.Ordinal)
                .Select(k => (Name: k, Distance: Distance(name, k, limit)))
                .Where(c => c.Distance <= limit && c.Name != name)
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Take(3).Select(c => c.Name).ToList();
        }

        /// <summary>" Did you mean 'a' or 'b'?", or "" when no known name is near.</summary>
        public static string Hint(string name, IEnumerable<string> known)
        {
            var near = Of(name, known);
            return near.Count == 0 ? "" : $" Did you mean {Quoted(near, "or")}?";
        }

        /// <summary>'a', 'b' and 'c' (or 'a', 'b' or 'c'), for messages that list names.</summary>
        public static string Quoted(IReadOnlyList<string> names, string last = "and")
        {
            var quoted = names.Select(n => "'" + n + "'").ToList();
            return quoted.Count <= 1 ? string.Concat(quoted)
                : string.Join(", ", quoted.Take(quoted.Count - 1)) + $" {last} " + quoted[quoted.Count - 1];
        }

        /// <summary>
        /// The typos between <paramref name="a"/> and <paramref name="b"/> (letters missing, added, changed, or two
        /// neighbours swapped); any number above <paramref name="limit"/> means "too far", not how far.
        /// </summary>
        /// <param name="ignoreCase">Letters differing only in case are the same letter (environment variable names).</param>
        /// <remarks>
        /// The optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early once a row exceeds
        /// the limit: only near names matter, and a registry may hold many thousands of names.
        /// </remarks>
        internal static int Distance(string a, string b, int limit, bool ignoreCase = false)
        {
            if (ignoreCase)
            {
                a = a.ToUpperInvariant();
                b = b.ToUpperInvariant();
            }
            if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
            var previous2 = new int[b.Length + 1];
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var rowMin = current[0];
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, previous2[j - 2] + 1);
                    current[j] = d;
                    rowMin = Math.Min(rowMin, d);
                }
                if (rowMin > limit) return limit + 1;
                (previous2, previous, current) = (previous, current, previous2);
            }
            return previous[b.Length];
        }
    }
}
