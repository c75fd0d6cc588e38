using System.Collections.Generic;
using System.Diagnostics;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Runs the installed git for what must behave exactly like the user's git: pushes (every transport and
    /// credential helper they have) and commits of the annotation file (their hooks and identity).
    /// </summary>
    internal static class GitCli
    {
        /// <summary>Runs git in <paramref name="directory"/>; returns the exit code, standard output and standard error.</summary>
        public static (int ExitCode, string Output, string Error) Run(string directory, IEnumerable<string> args,
            System.Action<char>? onErrorChar = null)
        {
            var psi = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                StandardErrorEncoding = System.Text.Encoding.UTF8,
            };
            var quoted = new List<string>();
            foreach (var a in args) quoted.Add("\"" + a.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
            psi.Arguments = string.Join(" ", quoted);
            // Never wait on a terminal prompt inside a runbook.
            psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
            try
            {
                using var p = Process.Start(psi)!;
                var outputTask = p.StandardOutput.ReadToEndAsync();
                var error = new System.Text.StringBuilder();
                // Standard error is read on the caller's thread, so a progress callback may write to PowerShell.
                int c;
                while ((c = p.StandardError.Read()) >= 0)
                {
                    error.Append((char)c);
                    onErrorChar?.Invoke((char)c);
                }
                p.WaitForExit();
                return (p.ExitCode, outputTask.Result, error.ToString().Trim());
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, "", "git could not be started (is it installed and on PATH?): " + ex.Message);
            }
        }
    }
}
