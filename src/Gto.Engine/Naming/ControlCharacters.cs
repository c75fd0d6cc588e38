using System.Globalization;
using System.Text;

namespace Gto.Engine.Naming
{
    /// <summary>
    /// Control characters in what users pass in. Git truncates a revision or message at NUL, a newline in a name
    /// makes a tag no tool can show on one line, and an escape sequence in a message rewrites the terminal of
    /// whoever reads the log, so names, versions, stages, refs and paths hold none, and free text (messages,
    /// descriptions) only line breaks and tabs.
    /// </summary>
    internal static class ControlCharacters
    {
        /// <summary>The index of the first control character <paramref name="value"/> may not hold, or -1.</summary>
        /// <param name="allowLineBreaks">Free text: CR, LF and TAB are allowed.</param>
        public static int Find(string value, bool allowLineBreaks)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!char.IsControl(c)) continue;
                if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) continue;
                return i;
            }
            return -1;
        }

        /// <summary>"U+0000 at position 3": which character is wrong, and where (counting from 1).</summary>
        public static string Describe(string value, int index) =>
            "U+" + ((int)value[index]).ToString("X4", CultureInfo.InvariantCulture) + " (a control character) at position " +
            (index + 1).ToString(CultureInfo.InvariantCulture);

        /// <summary>Throws InvalidCharacter when <paramref name="value"/> holds a control character it may not.</summary>
        /// <param name="what">What the value is, for the message: "The tag message".</param>
        public static void Assert(string? value, string what, bool allowLineBreaks)
        {
            if (value == null) return;
            int at = Find(value, allowLineBreaks);
            if (at < 0) return;
            throw new GtoException(GtoErrors.InvalidCharacter, $"{what} '{Printable(value)}' contains {Describe(value, at)}. " +
                (allowLineBreaks ? "It may hold line breaks and tabs, but no other control characters." : "It may not hold control characters."),
                value);
        }

        /// <summary>
        /// <paramref name="text"/> fit for a message: control characters shown as <c>\uXXXX</c>, so a message never
        /// carries them, a very long text cut in the middle, and the secrets of URLs in it hidden (a -Repository URL
        /// with a password is refused for its control characters too).
        /// </summary>
        public static string Printable(string? text)
        {
            if (text == null) return "";
            const int keep = 100;
            var shown = text.Length <= 3 * keep ? text
                : text.Substring(0, keep) + "...(" + text.Length.ToString(CultureInfo.InvariantCulture) + " characters)..." +
                  text.Substring(text.Length - keep);
            var sb = new StringBuilder(shown.Length);
            foreach (var c in shown)
                if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            return Git.Redaction.Text(sb.ToString());
        }
    }
}
