using System.Diagnostics;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Pushes with the installed git, so every transport and credential the user's git has (paths, file://, ssh keys,
    /// https credential helpers) works as it does on their command line.
    /// </summary>
    public static class GitPush
    {
        /// <summary>Pushes (or deletes) one tag on <paramref name="remote"/>; throws PushFailed with the local state and the fix.</summary>
        public static void Tag(string repositoryRoot, string remote, string tag, bool delete)
        {
            var refspec = delete ? ":refs/tags/" + tag : "refs/tags/" + tag + ":refs/tags/" + tag;
            var psi = new ProcessStartInfo("git")
            {
                WorkingDirectory = repositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Arguments = "push --porcelain " + Quote(remote) + " " + Quote(refspec);
            // Never wait on a terminal prompt inside a runbook.
            psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
            string error;
            int exit;
            try
            {
                using var p = Process.Start(psi)!;
                p.StandardOutput.ReadToEnd();
                error = p.StandardError.ReadToEnd().Trim();
                p.WaitForExit();
                exit = p.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                error = "git could not be started: " + ex.Message;
                exit = -1;
            }
            if (exit == 0) return;
            var command = delete ? $"git push --delete {remote} {tag}" : $"git push {remote} {tag}";
            var state = delete ? $"The tag '{tag}' was deleted locally but still exists on '{remote}'"
                               : $"The tag '{tag}' exists locally but not on '{remote}'";
            throw new GtoException("PushFailed", GtoErrorKind.ConnectionError,
                $"The command `{command}` failed. Make sure your local repository is in sync with the remote. {state}; " +
                $"once the cause is fixed run: {command.Replace(tag, "'" + tag + "'")}\n{error}", tag);
        }

        private static string Quote(string arg) => "\"" + arg.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
