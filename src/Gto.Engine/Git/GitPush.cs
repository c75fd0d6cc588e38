using System.Collections.Generic;
using System.Threading;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Pushes with the installed git, so every transport and credential the user's git has (paths, file://, ssh keys,
    /// https credential helpers) works as it does on their command line.
    /// </summary>
    internal static class GitPush
    {
        /// <summary>Throws InvalidRemote when <paramref name="remote"/> could not safely be pushed to; call it before writing.</summary>
        public static void AssertRemote(string remote) => GitRemote.AssertSafe(remote, "-Remote");

        /// <summary>Pushes (or deletes) one tag on <paramref name="remote"/>; throws PushFailed with the local state and the fix.</summary>
        /// <param name="registryUrl">Set when the repository is a temporary clone of this remote registry, which is discarded.</param>
        /// <param name="cancellation">Kills git and throws OperationCanceledException when cancelled.</param>
        public static void Tag(string repositoryRoot, string remote, string tag, bool delete, string? registryUrl = null,
            CancellationToken cancellation = default)
        {
            AssertRemote(remote);
            var refspec = delete ? ":refs/tags/" + tag : "refs/tags/" + tag + ":refs/tags/" + tag;
            // "--": the remote and the refspec are never options, whatever they look like.
            var args = new List<string>(GitCli.NoCommandTransports) { "push", "--porcelain", "--", remote, refspec };
            var (exit, _, error) = GitCli.Run(repositoryRoot, args, cancellation: cancellation);
            if (exit == 0) return;
            // git may name the remote's URL, credentials included, in what it says.
            error = Redaction.Text(error, remote);
            if (registryUrl != null)
            {
                throw new GtoException(GtoErrors.PushFailed,
                    $"Pushing the tag '{tag}' to '{Redaction.Url(registryUrl)}' failed, so the remote registry is unchanged " +
                    $"(the temporary clone is discarded). Check access and re-run the command.\n{Redaction.Text(error, Redaction.Recall(registryUrl))}", tag);
            }
            var shown = Redaction.Url(remote);
            var command = delete ? $"git push --delete {shown} '{tag}'" : $"git push {shown} '{tag}'";
            var state = delete ? $"The tag '{tag}' was deleted locally but still exists on '{shown}'"
                               : $"The tag '{tag}' exists locally but not on '{shown}'";
            throw new GtoException(GtoErrors.PushFailed,
                $"The command `{command}` failed. Make sure your local repository is in sync with the remote. {state}; " +
                $"once the cause is fixed run: {command}\n{error}", tag);
        }
    }
}
