using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// A Git LFS pointer: the small text file Git stores in place of the content (docs/delivery.md#git-lfs). Its
    /// first line names the spec, then sorted <c>key value</c> lines of which <c>oid sha256:HEX</c> and <c>size</c> count.
    /// </summary>
    internal sealed class LfsPointer
    {
        /// <summary>Pointers are small; Git LFS itself ignores anything larger as a pointer.</summary>
        public const int MaxSize = 1024;

        private static readonly Regex PointerRegex = new Regex(
            @"\Aversion https://(?:git-lfs\.github\.com/spec/v1|hawser\.github\.com/spec/v1)\n(?:[a-z0-9.\-]+ [^\n]*\n)*\z",
            RegexOptions.CultureInvariant);
        private static readonly Regex OidRegex = new Regex(@"\noid sha256:(?<oid>[0-9a-f]{64})\n", RegexOptions.CultureInvariant);
        private static readonly Regex SizeRegex = new Regex(@"\nsize (?<size>[0-9]{1,18})\n", RegexOptions.CultureInvariant);

        private LfsPointer(string text, string oid, long size)
        {
            Text = text;
            Oid = oid;
            Size = size;
        }

        /// <summary>The pointer as stored (what <c>git lfs smudge</c> reads).</summary>
        public string Text { get; }
        /// <summary>The SHA-256 of the content, lower-case hex.</summary>
        public string Oid { get; }
        /// <summary>The size of the content in bytes.</summary>
        public long Size { get; }

        /// <summary>The pointer a blob holds, or null when the blob is ordinary content.</summary>
        public static LfsPointer? TryParse(byte[] blob)
        {
            if (blob.Length > MaxSize) return null;
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(blob);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
            if (!PointerRegex.IsMatch(text)) return null;
            var oid = OidRegex.Match(text);
            var size = SizeRegex.Match(text);
            if (!oid.Success || !size.Success) return null;
            return new LfsPointer(text, oid.Groups["oid"].Value, long.Parse(size.Groups["size"].Value, CultureInfo.InvariantCulture));
        }
    }
}
