using System;
using LibGit2Sharp;

namespace Gto.Engine.Git
{
    /// <summary>LibGit2Sharp's exceptions in Gto's words: they never reach the user raw.</summary>
    internal static class GitFailures
    {
        /// <summary>The Gto error for a LibGit2Sharp exception, or null when <paramref name="ex"/> is not one.</summary>
        public static GtoException? Translate(Exception ex) => ex switch
        {
            LockedFileException _ => new GtoException(GtoErrors.GitLockFileExists,
                $"git's lock file is in the way ({ex.Message}). If no git command is running in this repository, a git " +
                "process died while writing: delete the .lock file and re-run the command.", null, ex),
            NotFoundException _ => new GtoException(GtoErrors.GitObjectNotFound,
                $"git could not find an object the registry refers to ({ex.Message}). The repository may be incomplete " +
                "(a shallow or partial clone): fetch the missing history, or run 'git fsck'.", null, ex),
            LibGit2SharpException _ => new GtoException(GtoErrors.GitFailed,
                $"git failed: {ex.Message}. Check the repository with 'git fsck' and re-run the command.", null, ex),
            _ => null,
        };
    }
}
