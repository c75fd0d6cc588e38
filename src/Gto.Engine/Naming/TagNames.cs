using System.Globalization;
using System.Text.RegularExpressions;

namespace Gto.Engine.Naming
{
    /// <summary>The GTO tag grammar (docs/tag-format.md#tag-forms): parsing tag names and composing new ones.</summary>
    internal static class TagNames
    {
        private const string RefPrefix = "refs/tags/";

        private static readonly Regex TagRegex = new Regex(
            "^(?<artifact>(?:[A-Za-z0-9_./\\-]+=)?" + Names.NamePattern + ")" +
            "(?:(?:#(?<stage>" + Names.NamePattern + ")|@(?<version>v" + SemVer.Pattern + "))(?<cancel>!?)" +
            "|@(?:(?<deprecated>deprecated)|(?<created>created)))" +
            "(?:#(?<counter>[0-9]+))?\\z",
            // Compiled: every command matches every tag name of the repository against it.
            // \z, not $: "$" also matches before a final newline.
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled);

        /// <summary>Removes a leading <c>refs/tags/</c>.</summary>
        public static string StripRefPrefix(string name) =>
            name.StartsWith(RefPrefix, System.StringComparison.Ordinal) ? name.Substring(RefPrefix.Length) : name;

        /// <summary>The outcome of matching a name against the grammar.</summary>
        public enum Match
        {
            /// <summary>Not a GTO tag name.</summary>
            None,
            /// <summary>A GTO tag with an action.</summary>
            Tag,
            /// <summary>The reserved <c>name@created</c> form, which GTO 1.10 matches but cannot act on (docs/registry-state.md#q1-created-tags).</summary>
            Created,
        }

        /// <summary>Parses a tag name (without <c>refs/tags/</c>).</summary>
        public static Match TryParse(string name, out ParsedTag parsed)
        {
            parsed = null!;
            var m = TagRegex.Match(name);
            if (!m.Success) return Match.None;
            var artifact = Names.FromTagPart(m.Groups["artifact"].Value);
            if (m.Groups["created"].Success) return Match.Created;
            int? counter = null;
            if (m.Groups["counter"].Success)
            {
                // A counter too large for int cannot come from GTO; treat the name as not ours.
                if (!int.TryParse(m.Groups["counter"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return Match.None;
                counter = n;
            }
            bool cancel = m.Groups["cancel"].Success && m.Groups["cancel"].Value.Length > 0;
            var action = m.Groups["deprecated"].Success ? TagAction.Deprecate
                : m.Groups["version"].Success ? (cancel ? TagAction.Deregister : TagAction.Register)
                : cancel ? TagAction.Unassign : TagAction.Assign;
            parsed = new ParsedTag
            {
                Tag = name, Artifact = artifact, ActionKind = action, Counter = counter,
                Version = m.Groups["version"].Success ? m.Groups["version"].Value : null,
                Stage = m.Groups["stage"].Success ? m.Groups["stage"].Value : null,
            };
            return Match.Tag;
        }

        /// <summary>The artifact a GTO-shaped name belongs to (including <c>@created</c>), for counters; null if not GTO-shaped.</summary>
        public static string? ArtifactOf(string name, out int? counter)
        {
            counter = null;
            var m = TagRegex.Match(name);
            if (!m.Success) return null;
            if (m.Groups["counter"].Success &&
                int.TryParse(m.Groups["counter"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                counter = n;
            return Names.FromTagPart(m.Groups["artifact"].Value);
        }

        /// <summary>Composes a tag name for <paramref name="action"/>; <paramref name="counter"/> null gives the simple form.</summary>
        public static string Compose(string artifact, TagAction action, string? version, string? stage, int? counter)
        {
            var a = Names.ToTagPart(artifact);
            string name = action switch
            {
                TagAction.Register => $"{a}@{version}",
                TagAction.Deregister => $"{a}@{version}!",
                TagAction.Assign => $"{a}#{stage}",
                TagAction.Unassign => $"{a}#{stage}!",
                _ => $"{a}@deprecated",
            };
            return counter.HasValue ? name + "#" + counter.Value.ToString(CultureInfo.InvariantCulture) : name;
        }
    }
}
