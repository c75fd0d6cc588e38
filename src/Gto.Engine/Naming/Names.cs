using System.Text.RegularExpressions;

namespace Gto.Engine.Naming
{
    /// <summary>GTO's name rules (docs/tag-format.md#names): artifact names, stages, types and labels, and monorepo full names.</summary>
    internal static class Names
    {
        internal const string NamePattern = "[A-Za-z0-9](?:[A-Za-z0-9/_\\-]*[A-Za-z0-9])?";
        internal const string DirNamePattern = "[A-Za-z0-9_./\\-]+";

        // \z, not $: "$" also matches before a final newline, so "churn\n" would pass.
        private static readonly Regex NameRegex = new Regex("^" + NamePattern + "\\z", RegexOptions.CultureInvariant);
        private static readonly Regex FullNameRegex =
            new Regex("^(?:" + DirNamePattern + ":)?" + NamePattern + "\\z", RegexOptions.CultureInvariant);

        /// <summary>A plain name: artifact short name, stage, type or label.</summary>
        public static bool IsValidName(string? value) => value != null && NameRegex.IsMatch(value);

        /// <summary>An artifact name, optionally with a monorepo <c>dir:</c> prefix.</summary>
        public static bool IsValidFullName(string? value) => value != null && FullNameRegex.IsMatch(value);

        /// <summary>The artifact part of a tag name: every <c>:</c> becomes <c>=</c>.</summary>
        public static string ToTagPart(string fullName) => fullName.Replace(':', '=');

        /// <summary>The artifact full name from the artifact part of a tag: every <c>=</c> becomes <c>:</c>.</summary>
        public static string FromTagPart(string tagPart) => tagPart.Replace('=', ':');

        public static void AssertName(string? value)
        {
            if (!IsValidName(value)) throw InvalidName(value);
        }

        public static void AssertFullName(string? value)
        {
            if (!IsValidFullName(value)) throw InvalidName(value);
        }

        // GTO's wording, kept verbatim (including its inaccurate "len >= 2", docs/registry-state.md#q15-the-len--2-wording).
        private static GtoException InvalidName(string? value) => new GtoException(GtoErrors.InvalidName,
            $"Invalid value '{ControlCharacters.Printable(value)}'. Only letters, numbers, '_', '-', '/' are allowed. " +
            "Value must be of len >= 2 and must start and end with a letter or a number.", value);
    }
}
