using System;
using System.IO;
using Gto.Engine.Git;
using Gto.Engine.Operations;

namespace Gto.Engine
{
    /// <summary>
    /// The engine's boundary for failures it did not foresee: every exception that leaves the engine becomes a
    /// <see cref="GtoException"/> with a stable id and a fitting kind, keeping the original as the inner exception.
    /// </summary>
    internal static class EngineFailures
    {
        public static GtoException ToGtoException(Exception ex)
        {
            if (ex is GtoException gto) return gto;
            if (GitFailures.Translate(ex) is GtoException git) return git;
            if (WriteAccess.IsDenied(ex)) return WriteAccess.Denied(null, ex);
            if (ex is IOException)
                return new GtoException(GtoErrors.FileSystemFailed,
                    $"A file could not be read or written: {ex.Message} Fix the cause (disk space, a file in use) and re-run the command.",
                    null, ex);
            return new GtoException(GtoErrors.InternalError,
                $"Gto failed unexpectedly ({ex.GetType().Name}: {ex.Message}). Nothing was written after the failure. " +
                "This is a bug in Gto: please report it with the command that caused it.", null, ex);
        }
    }
}
