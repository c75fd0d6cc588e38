using System.Globalization;
using System.Text.RegularExpressions;

namespace Gto.Engine.Yaml
{
    /// <summary>
    /// What an unquoted scalar means: how Gto resolves one when reading, and which strings must be quoted when
    /// writing so that Gto, GTO (ruamel.yaml) and any YAML 1.1 or 1.2 reader still read a string.
    /// </summary>
    internal static class PlainScalars
    {
        public static bool IsNull(string v) => v.Length == 0 || v == "~" || v == "null" || v == "Null" || v == "NULL";

        /// <summary>
        /// Resolves a plain scalar as ruamel.yaml (GTO's reader) does for common values: null, booleans, integers
        /// (as <see cref="long"/>) and floats (as <see cref="double"/>); anything else stays a string.
        /// </summary>
        public static object? Resolve(string v)
        {
            if (IsNull(v)) return null;
            switch (v)
            {
                case "true": case "True": case "TRUE": return true;
                case "false": case "False": case "FALSE": return false;
                case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF": return double.PositiveInfinity;
                case "-.inf": case "-.Inf": case "-.INF": return double.NegativeInfinity;
                case ".nan": case ".NaN": case ".NAN": return double.NaN;
            }
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
            if (v.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 && char.IsDigit(v[v.Length - 1]) &&
                double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            return v;
        }

        // Every plain form a YAML 1.1 or 1.2 reader resolves to something other than a string: nulls, booleans
        // (1.1's y/n/yes/no/on/off too), integers (binary, octal, hex, sexagesimal, underscores), floats,
        // infinities, NaN, timestamps, and 1.1's merge and value keys.
        private static readonly Regex NotAString = new Regex(
            @"^(?:~|null|Null|NULL" +
            @"|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
            @"|[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+" +
            @"|[-+]?[0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*" +
            @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
            @"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?" +
            @"|<<|=)\z",
            RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="s"/> written unquoted would be read back as something other than this string.</summary>
        public static bool NeedsQuotes(string s) => IsNull(s) || !(Resolve(s) is string) || NotAString.IsMatch(s);

        /// <summary>
        /// True when <paramref name="s"/> holds half of a UTF-16 surrogate pair alone: not text, so YAML cannot write it
        /// (a double-quoted "\uD800" escape can produce one when reading).
        /// </summary>
        public static bool HasUnpairedSurrogate(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
                else if (char.IsSurrogate(s[i])) return true;
            }
            return false;
        }

        /// <summary>A double as a plain scalar that every YAML reader reads back as this same float.</summary>
        public static string FormatDouble(double d)
        {
            if (double.IsPositiveInfinity(d)) return ".inf";
            if (double.IsNegativeInfinity(d)) return "-.inf";
            if (double.IsNaN(d)) return ".nan";
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            if (double.Parse(text, CultureInfo.InvariantCulture) != d) text = d.ToString("G17", CultureInfo.InvariantCulture);
            // YAML 1.1 floats need a dot, and a sign in the exponent: 1 -> 1.0, 1E+20 -> 1.0E+20.
            int e = text.IndexOfAny(new[] { 'E', 'e' });
            var mantissa = e < 0 ? text : text.Substring(0, e);
            if (mantissa.IndexOf('.') < 0) mantissa += ".0";
            return e < 0 ? mantissa : mantissa + text.Substring(e);
        }
    }
}
