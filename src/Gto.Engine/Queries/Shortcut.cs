using System.Text.RegularExpressions;
using Gto.Engine.Naming;

namespace Gto.Engine.Queries
{
    /// <summary>GTO's <c>show</c> shortcuts: <c>name@latest</c>, <c>name@greatest</c>, <c>name@v1.2.3</c>, <c>name#stage</c>.</summary>
    internal static class Shortcut
    {
        private static readonly Regex ShortcutRegex = new Regex(
            "^(?<artifact>(?:" + Names.DirNamePattern + ":)?" + Names.NamePattern + ")" +
            "(?:#(?<stage>" + Names.NamePattern + ")|@(?<version>latest|greatest|v" + SemVer.Pattern + "))\\z",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        /// <summary>Splits a shortcut; a string that is not one is an artifact name as-is (as in GTO).</summary>
        public static string Parse(string text, out VersionFilter filter)
        {
            filter = new VersionFilter();
            var m = ShortcutRegex.Match(text);
            if (!m.Success) return text;
            if (m.Groups["stage"].Success) filter.Stage = m.Groups["stage"].Value;
            else if (m.Groups["version"].Value == "latest" || m.Groups["version"].Value == "greatest") filter.Latest = true;
            else filter.Version = m.Groups["version"].Value;
            return m.Groups["artifact"].Value;
        }
    }
}
