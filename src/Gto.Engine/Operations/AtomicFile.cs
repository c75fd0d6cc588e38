using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Gto.Engine.Operations
{
    /// <summary>
    /// Replaces a file so that readers and crashes only ever see the old content or the new one: the text goes to a
    /// temporary file beside it, is flushed to disk, and is renamed over the original (atomic on one file system).
    /// A full disk or a killed process leaves the original intact.
    /// </summary>
    internal static class AtomicFile
    {
        public static void Replace(string path, string text)
        {
            var directory = Path.GetDirectoryName(path)!;
            var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = new UTF8Encoding(false).GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                KeepMode(path, temporary);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                TryDelete(temporary);
                if (WriteAccess.IsDenied(ex)) throw WriteAccess.Denied(path, ex);
                throw new GtoException(GtoErrors.FileWriteFailed,
                    $"Writing '{path}' failed ({ex.Message.TrimEnd('.')}); the file was left as it was. Fix the cause " +
                    "(disk space, permissions) and re-run the command.", path, ex);
            }
        }

        // A new file gets the default mode; the replaced one keeps what the user gave it.
        private static void KeepMode(string original, string replacement)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !File.Exists(original)) return;
            File.SetUnixFileMode(replacement, File.GetUnixFileMode(original));
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Nothing more can be done; the original file is intact either way.
            }
        }
    }
}
