using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Gto.Engine.Naming;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>RefFormat against the real <c>git check-ref-format</c>, and the limits Gto adds to git's rules.</summary>
    public class RefFormatTests
    {
        public static IEnumerable<object[]> Names() => new[]
        {
            // GTO's own shapes, all valid.
            "churn@v1.0.0", "churn@v1.0.0!", "churn#prod#1", "churn#prod!#2", "churn@deprecated", "dir/sub=churn@v1.0.0",
            "a.b/c=d@v1.0.0", "dir/=m@v0.0.1", "m@v3.0.0-rc.1+build.5", "x/y/z#stage-a_b#12",
            // What GTO's grammar lets through and git refuses.
            "a//b@v0.0.1", "dir..x=m@v0.0.1", "a.lock/b=m@v0.0.1", ".hidden=m@v0.0.1", "a/.b=m@v0.0.1", "/dir=m@v0.0.1",
            "dir.=m@v0.0.1", "a./b=m", "x/a.", "x.", "x/", "/x", "x//", "x.lock", "x/y.lock", "x.lock/y", "x.LOCK", "x.lock.y",
            ".lock", "a/.lock", "..", ".", "a..", "..a", "a...b", "a/..", "a/./b",
            // git's characters.
            "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a]b", "a\\b", "a{b", "a}b", "a@{b", "@{", "a@b{", "a@{", "@",
            "@@", "a@", "@a", "a@@{b", "-a", "a-", "a/-b", "!", "#", "=", "a=b=c", "a#b!c", "a'b", "a\"b", "a<b>", "a|b", "a;b",
            "a,b", "a$b", "a%b", "a&b", "a(b)", "a+b", "a`b", "a\u007fb", "a\tb", "a\nb", "churn\n", "a\rb", "a\u0001b", "a\u001fb",
            // Beyond ASCII: git allows every byte from 0x80 up, controls of the C1 range included.
            "modèle@v1.0.0", "модель#prod#1", "模型", "smile\U0001F642", "a\u00a0b", "a\u0085b", "a\u202eb", "a\u2028b", "é.lock",
        }.Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(Names))]
        public void Agrees_with_git_check_ref_format(string name) =>
            Assert.True(GitAccepts(name) == (RefFormat.GitProblem(name) == null),
                $"git {(GitAccepts(name) ? "accepts" : "refuses")} '{name}', RefFormat says: {RefFormat.GitProblem(name) ?? "valid"}");

        [Fact]
        public void Agrees_with_git_on_random_names()
        {
            // Seeded, so a failure is repeatable. NUL cannot be passed to git on a command line; it is tested below.
            const string alphabet = "ab/.-_=@#!{}~^:?*[\\ \t\n\u007féл";
            var random = new Random(20240611);
            var disagreements = new List<string>();
            for (int i = 0; i < 300; i++)
            {
                var sb = new StringBuilder();
                int length = random.Next(1, 12);
                for (int j = 0; j < length; j++) sb.Append(alphabet[random.Next(alphabet.Length)]);
                var name = sb.ToString();
                if (GitAccepts(name) != (RefFormat.GitProblem(name) == null)) disagreements.Add(name);
            }
            Assert.Empty(disagreements);
        }

        [Theory]
        [InlineData("a\0b"), InlineData("\0"), InlineData("churn@v1.0.0\0")]
        public void Nul_is_refused(string name) => Assert.NotNull(RefFormat.TagNameProblem(name));

        [Theory]
        [InlineData("@"), InlineData("-churn@v1.0.0"), InlineData("-")]
        public void Names_git_accepts_but_cannot_serve_are_refused(string name)
        {
            Assert.NotNull(RefFormat.TagNameProblem(name));
            var ex = Assert.Throws<GtoException>(() => RefFormat.AssertTagName(name));
            Assert.Equal("InvalidTagName", ex.ErrorId);
            Assert.Equal(GtoErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void Lone_surrogates_are_refused()
        {
            // Built here: xunit's test data would turn a lone surrogate into U+FFFD on the way.
            foreach (var name in new[] { "a" + '\ud800' + "b", "a" + '\udc00', "" + '\ud83d', '\udc00' + "\ud83d" })
                Assert.Contains("surrogate", RefFormat.TagNameProblem(name));
            Assert.Null(RefFormat.TagNameProblem("smile\U0001F642"));
        }

        [Fact]
        public void A_part_may_hold_250_bytes()
        {
            Assert.Null(RefFormat.TagNameProblem(new string('a', 250)));
            Assert.Null(RefFormat.TagNameProblem("dir/" + new string('a', 250)));
            Assert.NotNull(RefFormat.TagNameProblem(new string('a', 251)));
            Assert.NotNull(RefFormat.TagNameProblem(new string('a', 251) + "/b"));
            // Bytes, not characters: 'é' is two bytes in UTF-8.
            Assert.Null(RefFormat.TagNameProblem(new string('é', 125)));
            Assert.NotNull(RefFormat.TagNameProblem(new string('é', 126)));
        }

        [Fact]
        public void A_name_may_hold_1000_bytes()
        {
            var parts = string.Join("/", Enumerable.Repeat(new string('a', 199), 5)); // 5 * 199 + 4 slashes = 999
            Assert.Null(RefFormat.TagNameProblem(parts + "b"));
            Assert.NotNull(RefFormat.TagNameProblem(parts + "bc"));
        }

        [Fact]
        public void The_error_names_the_tag_and_the_rule()
        {
            var ex = Assert.Throws<GtoException>(() => RefFormat.AssertTagName("a.lock/b=m@v0.0.1"));
            Assert.Contains("'a.lock/b=m@v0.0.1'", ex.Message);
            Assert.Contains("ends with '.lock'", ex.Message);
            Assert.Equal("a.lock/b=m@v0.0.1", ex.Target);
            ex = Assert.Throws<GtoException>(() => RefFormat.AssertTagName("chu\nrn@v0.0.1"));
            Assert.Contains("chu\\u000Arn", ex.Message);
            Assert.DoesNotContain("\n", ex.Message);
        }

        [Theory]
        [InlineData("models", "models/churn@v1.0.0", true)]
        [InlineData("models/churn", "models/churn/x", true)]
        [InlineData("a", "a/b/c", true)]
        [InlineData("model", "models/churn@v1.0.0", false)]
        [InlineData("models/churn@v1.0.0", "models", false)]
        [InlineData("models", "models", false)]
        [InlineData("models", "models=churn@v1.0.0", false)]
        public void Folder_conflicts(string folder, string name, bool conflict) => Assert.Equal(conflict, RefFormat.IsFolderOf(folder, name));

        private static bool GitAccepts(string name)
        {
            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("check-ref-format");
            psi.ArgumentList.Add("refs/tags/" + name);
            psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            psi.Environment["HOME"] = Path.GetTempPath();
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
    }
}
