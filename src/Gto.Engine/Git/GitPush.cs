namespace Gto.Engine.Git
{
    /// <summary>
    /// Pushes with the installed git, so every transport and credential the user's git has (paths, file://, ssh keys,
    /// https credential helpers) works as it does on their command line.
    /// </summary>
    public static class GitPush
    {
        /// <summary>Pushes (or deletes) one tag on <paramref name="remote"/>; throws PushFailed with the local state and the fix.</summary>
        /// <param name="registryUrl">Set when the repository is a temporary clone of this remote registry, which is discarded.</param>
        public static void Tag(string repositoryRoot, string remote, string tag, bool delete, string? registryUrl = null)
        {
            var refspec = delete ? ":refs/tags/" + tag : "refs/tags/" + tag + ":refs/tags/" + tag;
            var (exit, _, error) = GitCli.Run(repositoryRoot, new[] { "push", "--porcelain", remote, refspec });
            if (exit == 0) return;
            if (registryUrl != null)
                throw new GtoException("PushFailed", GtoErrorKind.ConnectionError,
                    $"Pushing the tag '{tag}' to '{registryUrl}' failed, so the remote registry is unchanged " +
                    $"(the temporary clone is discarded). Check access and re-run the command.\n{error}", tag);
            var command = delete ? $"git push --delete {remote} '{tag}'" : $"git push {remote} '{tag}'";
            var state = delete ? $"The tag '{tag}' was deleted locally but still exists on '{remote}'"
                               : $"The tag '{tag}' exists locally but not on '{remote}'";
            throw new GtoException("PushFailed", GtoErrorKind.ConnectionError,
                $"The command `{command}` failed. Make sure your local repository is in sync with the remote. {state}; " +
                $"once the cause is fixed run: {command}\n{error}", tag);
        }
    }
}
