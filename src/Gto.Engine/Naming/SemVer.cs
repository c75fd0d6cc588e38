using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gto.Engine.Naming
{
    /// <summary>A GTO version: <c>v</c> + SemVer 2.0.0, ordered as python-semver orders it (build metadata ignored).</summary>
    internal sealed class SemVer : IComparable<SemVer>
    {
        internal const string Pattern =
            "(?<major>0|[1-9][0-9]*)\\.(?<minor>0|[1-9][0-9]*)\\.(?<patch>0|[1-9][0-9]*)" +
            "(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
            "(?:\\+(?<build>[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?";

        private static readonly Regex VersionRegex = new Regex("^v" + Pattern + "\\z", RegexOptions.CultureInvariant);

        private readonly string[] _prerelease;

        private SemVer(string text, long major, long minor, long patch, string? prerelease)
        {
            Text = text;
            Major = major;
            Minor = minor;
            Patch = patch;
            _prerelease = string.IsNullOrEmpty(prerelease) ? Array.Empty<string>() : prerelease!.Split('.');
        }

        public string Text { get; }
        public long Major { get; }
        public long Minor { get; }
        public long Patch { get; }

        public static bool IsValid(string? text) => TryParse(text, out _);

        /// <summary>
        /// True when <paramref name="text"/> is a GTO version by its grammar but a number in it is larger than
        /// <see cref="long.MaxValue"/>, which Gto cannot store or order (GTO, in Python, can).
        /// </summary>
        public static bool IsOutOfRange(string? text) => text != null && VersionRegex.IsMatch(text) && !TryParse(text, out _);

        /// <summary>Throws VersionOutOfRange for a version whose numbers Gto cannot store.</summary>
        public static void AssertInRange(string? text)
        {
            if (IsOutOfRange(text)) throw OutOfRange(text!);
        }

        /// <summary>The error for a registered version whose numbers Gto cannot store.</summary>
        public static GtoException OutOfRange(string text) => new GtoException(GtoErrors.VersionOutOfRange,
            $"Version '{ControlCharacters.Printable(text)}' has a number larger than {long.MaxValue.ToString(CultureInfo.InvariantCulture)}, " +
            "the largest Gto can store. Use smaller version numbers.", text);

        public static bool TryParse(string? text, out SemVer version)
        {
            version = null!;
            if (text == null) return false;
            var m = VersionRegex.Match(text);
            if (!m.Success) return false;
            if (!long.TryParse(m.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ||
                !long.TryParse(m.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ||
                !long.TryParse(m.Groups["patch"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
                return false;
            version = new SemVer(text, major, minor, patch, m.Groups["pre"].Success ? m.Groups["pre"].Value : null);
            return true;
        }

        public static SemVer First { get; } = Parse("v0.0.1");

        public static SemVer Parse(string text) =>
            TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a GTO version");

        /// <summary>Bumping always drops prerelease and build, as python-semver does.</summary>
        public SemVer Bump(BumpPart part) => part switch
        {
            BumpPart.Major => Make(Next(Major, "major"), 0, 0),
            BumpPart.Minor => Make(Major, Next(Minor, "minor"), 0),
            _ => Make(Major, Minor, Next(Patch, "patch")),
        };

        private long Next(long number, string part) => number < long.MaxValue ? number + 1
            : throw new GtoException(GtoErrors.VersionOutOfRange,
                $"Cannot bump the {part} number of '{Text}': it is {long.MaxValue.ToString(CultureInfo.InvariantCulture)}, " +
                "the largest Gto can store." + (part == "major" ? "" : " Bump a higher part instead."), Text);

        private static SemVer Make(long major, long minor, long patch) =>
            Parse(string.Format(CultureInfo.InvariantCulture, "v{0}.{1}.{2}", major, minor, patch));

        public int CompareTo(SemVer? other)
        {
            if (other == null) return 1;
            int c = Major.CompareTo(other.Major);
            if (c == 0) c = Minor.CompareTo(other.Minor);
            if (c == 0) c = Patch.CompareTo(other.Patch);
            return c != 0 ? c : ComparePrerelease(_prerelease, other._prerelease);
        }

        private static int ComparePrerelease(string[] a, string[] b)
        {
            // A release sorts after any prerelease of the same core version.
            if (a.Length == 0 || b.Length == 0) return b.Length.CompareTo(a.Length);
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                int c = CompareIdentifier(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        }

        private static int CompareIdentifier(string a, string b)
        {
            bool an = IsNumeric(a), bn = IsNumeric(b);
            if (an && bn)
            {
                // Numeric identifiers have no leading zeros, so length then ordinal is numeric order at any size.
                int c = a.Length.CompareTo(b.Length);
                return c != 0 ? c : string.CompareOrdinal(a, b);
            }
            if (an != bn) return an ? -1 : 1;
            return Math.Sign(string.CompareOrdinal(a, b));
        }

        private static bool IsNumeric(string s)
        {
            foreach (var ch in s)
                if (ch < '0' || ch > '9') return false;
            return true;
        }

        public override string ToString() => Text;
    }
}
