using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// A real Git repository in a temp folder, driven with the git CLI. HOME and system config are isolated and
    /// the identity is set in the repository itself, so the machine's own git config never matters.
    /// </summary>
    internal sealed class TestRepository : IDisposable
    {
        private readonly string _home;

        public TestRepository()
        {
            Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gto-test-" + Guid.NewGuid().ToString("N"))).FullName;
            _home = Directory.CreateDirectory(Path + "-home").FullName;
            Git("init", "-q", "-b", "main");
            Git("config", "user.name", "Gto Tester");
            Git("config", "user.email", "tester@example.com");
        }

        public string Path { get; }

        public string Commit(string message, params (string File, string Content)[] files)
        {
            foreach (var (file, content) in files)
            {
                var full = System.IO.Path.Combine(Path, file);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }
            Git("add", "-A");
            Git("commit", "-q", "--allow-empty", "-m", message);
            return Git("rev-parse", "HEAD").Trim();
        }

        /// <summary>An annotated tag; <paramref name="date"/> is a git date such as "2037-06-01T12:00:01+00:00".</summary>
        public void Tag(string name, string date, string target = "HEAD", string message = "Hand-made tag") =>
            Git(new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = date }, "tag", "-a", name, "-m", message, target);

        public void LightweightTag(string name, string target = "HEAD") => Git("tag", name, target);

        public void WriteFile(string file, string content) => File.WriteAllText(System.IO.Path.Combine(Path, file), content);

        public string Git(params string[] args) => Git(new Dictionary<string, string>(), args);

        private string Git(Dictionary<string, string> env, params string[] args)
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["HOME"] = _home;
            psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(" ", args)} failed: {error}");
            return output;
        }

        public void Dispose()
        {
            foreach (var dir in new[] { Path, _home })
            {
                if (!Directory.Exists(dir)) continue;
                foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
                Directory.Delete(dir, true);
            }
        }
    }
}
