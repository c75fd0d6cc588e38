using System;
using System.Globalization;

namespace Gto.Engine.Git
{
    /// <summary>
    /// git's raw date, "&lt;unix seconds&gt; &lt;+|-&gt;hhmm" (as in tag and commit headers and <c>git var</c>). git accepts
    /// dates .NET cannot hold: years past 9999 or before 1, offsets past ±14 hours. Reading never throws on them.
    /// </summary>
    internal static class RawDate
    {
        /// <summary>The dates <see cref="TryParse"/> accepts, for messages.</summary>
        public const string Rule = "Gto reads dates from year 1 to 9999 with a UTC offset within ±14 hours";

        private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

        /// <summary>The instant in its own offset, or null when .NET cannot represent it or the text is not a raw date.</summary>
        public static DateTimeOffset? TryParse(string raw)
        {
            if (!TrySplit(raw, out var digits, out var offsetText) ||
                !long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ||
                seconds < MinSeconds || seconds > MaxSeconds || !TryOffset(offsetText, out var offset))
                return null;
            var utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
            // The clock time in that offset must fit too: 9999-12-31T23:00Z at +14:00 is in year 10000.
            long local = utc.UtcTicks + offset.Ticks;
            if (local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks) return null;
            return utc.ToOffset(offset);
        }

        /// <summary>
        /// For a read that must go on: the date itself when it can be represented; otherwise the nearest one that can
        /// (the last or first instant .NET holds for a year out of range, UTC for an offset out of range, and the Unix
        /// epoch, which is what git shows, for text that is no date at all).
        /// </summary>
        public static DateTimeOffset Clamp(string raw)
        {
            var exact = TryParse(raw);
            if (exact != null) return exact.Value;
            if (!TrySplit(raw, out var digits, out _) || digits.Length == 0) return DateTimeOffset.UnixEpoch;
            bool negative = digits[0] == '-';
            var magnitude = negative || digits[0] == '+' ? digits.Substring(1) : digits;
            if (magnitude.Length == 0 || !IsDigits(magnitude)) return DateTimeOffset.UnixEpoch;
            if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) &&
                seconds >= MinSeconds && seconds <= MaxSeconds)
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            return negative ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        }

        private static bool TrySplit(string raw, out string digits, out string offset)
        {
            raw = raw.Trim();
            int space = raw.IndexOf(' ');
            digits = space < 0 ? raw : raw.Substring(0, space);
            offset = space < 0 ? "" : raw.Substring(space + 1).Trim();
            return raw.Length > 0;
        }

        private static bool TryOffset(string text, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            if (text.Length != 5 || (text[0] != '+' && text[0] != '-') || !IsDigits(text.Substring(1))) return false;
            int hours = (text[1] - '0') * 10 + (text[2] - '0');
            int minutes = (text[3] - '0') * 10 + (text[4] - '0');
            // git takes the minutes as written (+0099 is 1 h 39 min); so does GTO.
            var value = new TimeSpan(hours, minutes, 0);
            if (value > MaxOffset) return false;
            offset = text[0] == '-' ? -value : value;
            return true;
        }

        private static bool IsDigits(string s)
        {
            foreach (var c in s)
                if (c < '0' || c > '9') return false;
            return s.Length > 0;
        }
    }
}
