using System;
using System.IO;
using System.Security.Cryptography;

namespace Gto.Engine.Delivery
{
    /// <summary>What was written: its size and hashes (lower-case hex).</summary>
    internal sealed record WrittenContent(long Size, string Sha256, string Md5);

    /// <summary>Copies content to a new file while hashing it, so every file is checked as it is written, not read twice.</summary>
    internal static class HashingCopy
    {
        private const int ProgressStep = 8 << 20;

        /// <summary>
        /// Writes <paramref name="source"/> to the new file <paramref name="path"/> (which must not exist), flushed to
        /// disk; <paramref name="progress"/> is told the bytes copied every few megabytes.
        /// </summary>
        public static WrittenContent ToNewFile(Stream source, string path, Action<long>? progress)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long total = 0, reported = 0;
            var buffer = new byte[81920];
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                int n;
                while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    target.Write(buffer, 0, n);
                    sha.AppendData(buffer, 0, n);
                    md5.AppendData(buffer, 0, n);
                    total += n;
                    if (total - reported >= ProgressStep)
                    {
                        reported = total;
                        progress?.Invoke(total);
                    }
                }
                target.Flush(flushToDisk: true);
            }
            return new WrittenContent(total, Hex(sha.GetHashAndReset()), Hex(md5.GetHashAndReset()));
        }

        /// <summary>The MD5 DVC 2 recorded for a text file: computed with CRLF line ends read as LF.</summary>
        public static string? Dos2UnixMd5(string path)
        {
            var bytes = File.ReadAllBytes(path);
            // DVC 2 decided "text" from the first 512 bytes: no NUL byte.
            if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 512)) >= 0) return null;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            int start = 0;
            for (int i = 0; i < bytes.Length - 1; i++)
            {
                if (bytes[i] != '\r' || bytes[i + 1] != '\n') continue;
                md5.AppendData(bytes, start, i - start);
                start = i + 1;
            }
            md5.AppendData(bytes, start, bytes.Length - start);
            return Hex(md5.GetHashAndReset());
        }

        public static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
    }
}
