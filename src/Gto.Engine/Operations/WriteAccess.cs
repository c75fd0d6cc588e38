using System;
using System.IO;

namespace Gto.Engine.Operations
{
    /// <summary>The error for a repository this process cannot write: a read-only file system, or missing permission.</summary>
    internal static class WriteAccess
    {
        /// <param name="path">What could not be written, when known.</param>
        public static GtoException Denied(string? path, Exception cause) =>
            new GtoException(GtoErrors.PermissionDenied,
                $"Gto cannot write {(path == null ? "to this repository" : $"to '{path}'")} ({cause.Message.TrimEnd('.')}). " +
                "Writing needs a repository on a writable file system and permission to change its files; reading works without.",
                path, cause);

        /// <summary>True for the failures that mean "this file system or folder refuses writes" rather than a bug.</summary>
        public static bool IsDenied(Exception ex) =>
            ex is UnauthorizedAccessException || (ex is IOException io && io.HResult == ReadOnlyFileSystem);

        // EROFS as .NET reports it on Unix.
        private const int ReadOnlyFileSystem = 30;
    }
}
