using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Gto.Engine.Git
{
    /// <summary>
    /// Runs the installed git for what must behave exactly like the user's git: reading every tag in one pass,
    /// pushes (every transport and credential helper they have), clones, identity, and commits of the annotation file.
    /// </summary>
    internal static class GitCli
    {
        /// <summary>Runs git in <paramref name="directory"/>; returns the exit code, standard output and standard error.</summary>
        /// <remarks>Cancelling <paramref name="cancellation"/> kills git and everything it started, then throws OperationCanceledException.</remarks>
        /// <param name="environment">Variables set for git only (signed tags take the tagger from GIT_COMMITTER_*).</param>
        public static (int ExitCode, string Output, string Error) Run(string directory, IEnumerable<string> args,
            Action<char>? onErrorChar = null, CancellationToken cancellation = default,
            IReadOnlyDictionary<string, string>? environment = null)
        {
            cancellation.ThrowIfCancellationRequested();
            Process p;
            try
            {
                p = Start(directory, args, environment);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, "", NotStarted("git", ex));
            }
            using (p)
            using (cancellation.Register(() => KillTree(p)))
            {
                var outputTask = p.StandardOutput.ReadToEndAsync();
                var error = new StringBuilder();
                try
                {
                    // Standard error is read on the caller's thread, so a progress callback may write to PowerShell.
                    // A killed git closes it, which ends this loop.
                    int c;
                    while ((c = p.StandardError.Read()) >= 0)
                    {
                        error.Append((char)c);
                        onErrorChar?.Invoke((char)c);
                    }
                }
                catch
                {
                    // The callback failed (PowerShell stopping the pipeline): git must not outlive the command.
                    KillTree(p);
                    p.WaitForExit(5000);
                    throw;
                }
                p.WaitForExit();
                cancellation.ThrowIfCancellationRequested();
                return (p.ExitCode, outputTask.Result, error.ToString().Trim());
            }
        }

        /// <summary>
        /// Runs <paramref name="program"/> (git, or a signature tool git itself would run: ssh-keygen, gpg, gpgsm) with
        /// <paramref name="input"/> on standard input; standard output comes back as bytes, because signed payloads and
        /// tag objects must be checked byte for byte. Cancelling kills the process tree.
        /// </summary>
        public static (int ExitCode, byte[] Output, string Error) RunBytes(string program, string directory, IEnumerable<string> args,
            byte[]? input, CancellationToken cancellation = default)
        {
            var output = new System.IO.MemoryStream();
            var (exit, error) = RunPiped(program, directory, args, input, stream => stream.CopyTo(output), cancellation);
            return (exit, output.ToArray(), error);
        }

        /// <summary>
        /// Runs git with <paramref name="input"/> (as UTF-8) on its standard input and hands its standard output, as
        /// bytes, to <paramref name="readOutput"/> (blob contents, Git LFS objects). Returns the exit code and standard error.
        /// </summary>
        /// <remarks>Cancelling <paramref name="cancellation"/> kills git and everything it started, then throws OperationCanceledException.</remarks>
        public static (int ExitCode, string Error) RunBinary(string directory, IEnumerable<string> args, string? input,
            Action<System.IO.Stream> readOutput, CancellationToken cancellation = default) =>
            RunPiped("git", directory, args, input == null ? null : new UTF8Encoding(false).GetBytes(input), readOutput, cancellation);

        // Runs a program that reads input and writes output: the input is written while readOutput reads, and standard
        // error is collected meanwhile, so no pipe fills up while the program waits on another. A failing readOutput
        // stops the program before its exception goes on.
        private static (int ExitCode, string Error) RunPiped(string program, string directory, IEnumerable<string> args, byte[]? input,
            Action<System.IO.Stream> readOutput, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            Process p;
            try
            {
                p = Start(directory, args, null, program, keepInput: true);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, NotStarted(program, ex));
            }
            using (p)
            using (cancellation.Register(() => KillTree(p)))
            {
                var errorTask = p.StandardError.ReadToEndAsync();
                var inputTask = Task.Run(() =>
                {
                    try
                    {
                        if (input != null) p.StandardInput.BaseStream.Write(input, 0, input.Length);
                        p.StandardInput.Close();
                    }
                    catch (Exception ex) when (ex is System.IO.IOException || ex is ObjectDisposedException)
                    {
                        // The program exited, or was stopped, before reading all of its input; its exit code says why.
                    }
                });
                try
                {
                    readOutput(p.StandardOutput.BaseStream);
                }
                catch
                {
                    KillTree(p);
                    p.WaitForExit(5000);
                    // Output cut short by a cancellation fails the reader too: that is still a cancellation.
                    cancellation.ThrowIfCancellationRequested();
                    throw;
                }
                p.WaitForExit();
                inputTask.Wait();
                cancellation.ThrowIfCancellationRequested();
                return (p.ExitCode, errorTask.Result.Trim());
            }
        }

        /// <summary>
        /// Starts git now and returns a reader of its output as NUL-separated fields, read while git is still writing
        /// them. The reader throws <paramref name="failure"/>'s exception when git fails, and OperationCanceledException
        /// (git killed) when <paramref name="cancellation"/> is cancelled.
        /// </summary>
        public static FieldReader Fields(string directory, IEnumerable<string> args, Func<string, Exception> failure,
            CancellationToken cancellation = default)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return new FieldReader(Start(directory, args), failure, cancellation);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw failure(NotStarted("git", ex));
            }
        }

        /// <summary>The fields a running git writes; disposing stops git if they were not all read.</summary>
        internal sealed class FieldReader : IDisposable
        {
            private readonly Process _process;
            private readonly Func<string, Exception> _failure;
            private readonly CancellationToken _cancellation;
            private readonly CancellationTokenRegistration _registration;

            public FieldReader(Process process, Func<string, Exception> failure, CancellationToken cancellation)
            {
                _process = process;
                _failure = failure;
                _cancellation = cancellation;
                _registration = cancellation.Register(() => KillTree(process));
            }

            public IEnumerable<string> Read() => ReadFields(_process, _failure, _cancellation);

            public void Dispose()
            {
                _registration.Dispose();
                KillTree(_process);
                _process.Dispose();
            }
        }

        private static IEnumerable<string> ReadFields(Process p, Func<string, Exception> failure, CancellationToken cancellation)
        {
            var errorTask = p.StandardError.ReadToEndAsync();
            var buffer = new char[1 << 16];
            var field = new StringBuilder();
            int n;
            while ((n = p.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                int start = 0;
                int end;
                // IndexOf is vectorised: at 13,000 tags the scan for separators is a large part of the read.
                while ((end = Array.IndexOf(buffer, '\0', start, n - start)) >= 0)
                {
                    field.Append(buffer, start, end - start);
                    yield return field.ToString();
                    field.Clear();
                    start = end + 1;
                }
                field.Append(buffer, start, n - start);
            }
            p.WaitForExit();
            // A killed git ends its output early: that is a cancellation, not a failure of git.
            cancellation.ThrowIfCancellationRequested();
            if (p.ExitCode != 0) throw failure(errorTask.Result.Trim());
        }

        /// <summary>Stops git and the helpers it started (remote transports, index-pack); nothing if it has exited.</summary>
        private static void KillTree(Process p)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException)
            {
                // It exited meanwhile, or the tree could not be walked: git is gone or past stopping.
            }
        }

        private static Process Start(string directory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
            string program = "git", bool keepInput = false)
        {
            var psi = new ProcessStartInfo(program)
            {
                WorkingDirectory = directory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                // No byte order mark: closing standard input would otherwise write one after the caller's input.
                StandardInputEncoding = keepInput ? new UTF8Encoding(false) : null,
            };
            // Each argument reaches git as it is: no quoting of ours to get wrong, nothing a shell could read.
            foreach (var a in args) psi.ArgumentList.Add(a);
            // Never wait on a terminal prompt inside a runbook.
            psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
            if (environment != null)
                foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
            var p = Process.Start(psi)!;
            // git gets an empty standard input (or the caller's), never PowerShell's: nothing it runs can wait on the console.
            if (!keepInput) p.StandardInput.Close();
            return p;
        }

        /// <summary>
        /// Put before the subcommand of every git call that reaches a remote: the <c>ext::</c> transport runs any command
        /// its URL names and <c>fd::</c> talks to inherited file descriptors, so neither may be used even where the
        /// user's config allows them (a remote's URL in .git/config is input too).
        /// </summary>
        public static readonly string[] NoCommandTransports = { "-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never" };

        private static string NotStarted(string program, Exception ex) => $"{program} could not be started (is it installed and on PATH?): {ex.Message}";
    }
}
