using Gto.Engine.Git;

namespace Gto.Engine.Annotations
{
    /// <summary>Commits the annotation file alone, refusing when it already had uncommitted changes (docs/configuration.md#committing-the-change).</summary>
    internal static class AnnotationCommit
    {
        /// <summary>Throws when the file has changes of the user's that a commit would sweep in.</summary>
        public static void AssertClean(RepositoryContext context)
        {
            var (exit, status, error) = GitCli.Run(context.Root, new[] { "status", "--porcelain", "--", context.Config.Index });
            if (exit != 0)
                throw new GtoException(GtoErrors.GitFailed,
                    $"git could not tell whether {context.Config.Index} has uncommitted changes, so nothing was changed: {error}",
                    context.Config.Index);
            if (status.Trim().Length > 0)
                throw new GtoException(GtoErrors.UncommittedChanges,
                    "The command would have changed files that were not committed, automated committing is not possible.\n" +
                    $"Suggested action: Commit the changes of {context.Config.Index} and re-run this command.", context.Config.Index);
        }

        /// <summary>Commits the file with <paramref name="message"/>, which reaches git exactly as given (one argument, never an option).</summary>
        public static void Commit(RepositoryContext context, string message)
        {
            var index = context.Config.Index;
            var add = GitCli.Run(context.Root, new[] { "add", "--", index });
            var commit = add.ExitCode == 0 ? GitCli.Run(context.Root, new[] { "commit", "-q", "-m", message, "--", index }) : add;
            if (commit.ExitCode != 0)
                throw new GtoException(GtoErrors.CommitFailed, $"git could not commit {index}: {commit.Error}", index);
        }
    }
}
