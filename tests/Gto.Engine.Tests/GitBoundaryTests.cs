using System;
using System.IO;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>git's raw dates, redaction of URL secrets, and the remotes refused before git runs.</summary>
    public class GitBoundaryTests
    {
        [Theory]
        [InlineData("1795863290 +0530", "2026-11-28T16:24:50.0000000+05:30")]
        [InlineData("0 +0000", "1970-01-01T00:00:00.0000000+00:00")]
        [InlineData("1700000000 -1400", "2023-11-14T08:13:20.0000000-14:00")]
        [InlineData("1700000000 +1400", "2023-11-15T12:13:20.0000000+14:00")]
        [InlineData("1700000000 +0099", "2023-11-14T23:52:20.0000000+01:39")]
        [InlineData("253402300799 +0000", "9999-12-31T23:59:59.0000000+00:00")]
        [InlineData("-62135596800 +0000", "0001-01-01T00:00:00.0000000+00:00")]
        [InlineData("  1700000000 +0000\n", "2023-11-14T22:13:20.0000000+00:00")]
        public void A_representable_raw_date_keeps_its_instant_and_offset(string raw, string expected) =>
            Assert.Equal(expected, RawDate.TryParse(raw)!.Value.ToString("o", System.Globalization.CultureInfo.InvariantCulture));

        [Theory]
        [InlineData("999999999999 +0000")]          // year 33658
        [InlineData("253402300800 +0000")]          // one second past 9999
        [InlineData("-62135596801 +0000")]         // one second before year 1
        [InlineData("18446743973709551617 +0000")] // git's view of -99999999999
        [InlineData("1700000000 +9900")]
        [InlineData("1700000000 -1500")]
        [InlineData("1700000000 +1401")]
        [InlineData("253402300799 +1400")]          // the clock time in +14:00 is in year 10000
        [InlineData("-62135596800 -0100")]
        [InlineData("")]
        [InlineData("garbage")]
        [InlineData("1700000000")]
        [InlineData("1700000000 0000")]
        [InlineData("1700000000 +00x0")]
        [InlineData("1700000000 +00000")]
        [InlineData("17x0000000 +0000")]
        public void A_raw_date_NET_cannot_hold_is_no_date(string raw) => Assert.Null(RawDate.TryParse(raw));

        [Theory]
        [InlineData("999999999999 +0000", "9999-12-31T23:59:59.9999999+00:00")]
        [InlineData("-99999999999 +0000", "0001-01-01T00:00:00.0000000+00:00")]
        [InlineData("1700000000 +9900", "2023-11-14T22:13:20.0000000+00:00")]
        [InlineData("garbage", "1970-01-01T00:00:00.0000000+00:00")]
        [InlineData("", "1970-01-01T00:00:00.0000000+00:00")]
        [InlineData("1700000000 +0100", "2023-11-14T23:13:20.0000000+01:00")]
        public void Clamping_reads_on_with_the_nearest_date_NET_holds(string raw, string expected) =>
            Assert.Equal(expected, RawDate.Clamp(raw).ToString("o", System.Globalization.CultureInfo.InvariantCulture));

        [Fact]
        public void A_commit_header_gives_its_people_dates_and_message()
        {
            var h = CommitHeader.Parse("abc", "tree 4b82\nparent 1234\nauthor A B <a@b.c> 999999999999 +0000\n" +
                                              "committer C <c@d> 1700000000 +9900\ngpgsig -----BEGIN\n author fake <x> 1 +0000\n\nsubject\n\nbody\n");
            Assert.Equal(("A B", "a@b.c", "999999999999 +0000"), (h.AuthorName, h.AuthorEmail, h.AuthorDate));
            Assert.Equal(("C", "c@d", "1700000000 +9900"), (h.CommitterName, h.CommitterEmail, h.CommitterDate));
            Assert.Equal("subject\n\nbody\n", h.Message);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), h.ToCommitInfo().CommittedAt);
        }

        [Theory]
        [InlineData("https://alice:s3cr3t@host/repo.git", "https://alice:***@host/repo.git")]
        [InlineData("https://alice:p%40ss%3Aword@host/repo.git", "https://alice:***@host/repo.git")]
        [InlineData("https://alice:p@ss@host/repo.git", "https://alice:***@host/repo.git")]
        [InlineData("https://alice:@host/repo.git", "https://alice:***@host/repo.git")]
        [InlineData("https://ghp_token123@github.com/o/r.git", "https://***@github.com/o/r.git")]
        [InlineData("HTTP://token@host/r", "HTTP://***@host/r")]
        [InlineData("ftp://token@host/r", "ftp://***@host/r")]
        [InlineData("ssh://git@host/repo.git", "ssh://git@host/repo.git")]
        [InlineData("ssh://git:pw@host/repo.git", "ssh://git:***@host/repo.git")]
        [InlineData("git+ssh://user:pw@host/r", "git+ssh://user:***@host/r")]
        [InlineData("git@github.com:o/r.git", "git@github.com:o/r.git")]
        [InlineData("https://host/repo.git", "https://host/repo.git")]
        [InlineData("https://host/a@b/repo.git", "https://host/a@b/repo.git")]
        [InlineData("https://host/r.git?access_token=abc&x=1", "https://host/r.git?access_token=***&x=1")]
        [InlineData("https://host/r.git?x=1&private_token=abc#frag", "https://host/r.git?x=1&private_token=***#frag")]
        [InlineData("https://host/r.git?sig=abc&sv=2020", "https://host/r.git?sig=***&sv=2020")]
        [InlineData("https://host/r.git?ref=main", "https://host/r.git?ref=main")]
        [InlineData("/srv/repos/r.git", "/srv/repos/r.git")]
        [InlineData("file:///srv/repos/r.git", "file:///srv/repos/r.git")]
        public void A_URL_keeps_its_user_and_loses_its_secret(string url, string shown) => Assert.Equal(shown, Redaction.Url(url));

        [Fact]
        public void Text_loses_every_URL_secret_and_the_literal_secret_of_the_URL_given()
        {
            var text = "fatal: unable to access 'http://bob:hunter22@127.0.0.1:9/x.git/': refused\n" +
                       "remote: see https://tok3n@host/y and password p@ss:w0rd";
            var shown = Redaction.Text(text, "https://carol:p%40ss%3Aw0rd@host/z");
            Assert.DoesNotContain("hunter22", shown);
            Assert.DoesNotContain("tok3n", shown);
            Assert.DoesNotContain("p@ss:w0rd", shown);
            Assert.Contains("http://bob:***@127.0.0.1:9/x.git/", shown);
            Assert.Contains("https://***@host/y", shown);
        }

        [Fact]
        public void A_short_secret_is_only_hidden_inside_URLs()
        {
            Assert.Equal("abc and http://u:***@h/", Redaction.Text("abc and http://u:abc@h/", "http://u:abc@h/"));
        }

        [Fact]
        public void A_remembered_URL_is_recalled_from_its_redacted_form()
        {
            var url = "https://dave:" + Guid.NewGuid().ToString("N") + "@host/r.git";
            Assert.Equal("https://dave:***@host/other.git", Redaction.Recall("https://dave:***@host/other.git"));
            Redaction.Remember(url);
            Assert.Equal(url, Redaction.Recall("https://dave:***@host/r.git"));
            Assert.Equal("/a/path", Redaction.Recall("/a/path"));
        }

        [Theory]
        [InlineData("--receive-pack=touch x")]
        [InlineData("--exec=touch x")]
        [InlineData("--mirror")]
        [InlineData("-oProxyCommand=x")]
        [InlineData("ext::sh -c touch% x")]
        [InlineData("Ext::sh")]
        [InlineData("fd::0")]
        [InlineData("FD::3,4")]
        [InlineData("ssh://-oProxyCommand=x/r")]
        [InlineData("ssh://user@-oProxyCommand=x/r")]
        [InlineData("git@-oProxyCommand=x:r")]
        [InlineData("origin\n--mirror")]
        [InlineData("origin\0")]
        [InlineData("")]
        [InlineData("   ")]
        public void A_remote_git_or_ssh_would_read_as_an_option_or_command_is_refused(string remote)
        {
            var ex = Assert.Throws<GtoException>(() => GitRemote.AssertSafe(remote, "-Remote"));
            Assert.Equal("InvalidRemote", ex.ErrorId);
            Assert.Equal(GtoErrorKind.InvalidArgument, ex.Kind);
        }

        [Theory]
        [InlineData("origin")]
        [InlineData("up-stream")]
        [InlineData("/srv/repos/my -odd- repo.git")]
        [InlineData("../sibling.git")]
        [InlineData("https://host/r.git")]
        [InlineData("ssh://git@host/r.git")]
        [InlineData("git@github.com:o/r.git")]
        [InlineData("file:///srv/r.git")]
        [InlineData("codecommit::us-east-1://repo")]
        public void An_ordinary_remote_passes(string remote) => GitRemote.AssertSafe(remote, "-Remote");

        [Fact]
        public void A_refused_remote_never_shows_its_password()
        {
            var ex = Assert.Throws<GtoException>(() => GitRemote.AssertSafe("ssh://bob:hunter22@-oProxyCommand=x/r", "-Repository"));
            Assert.DoesNotContain("hunter22", ex.Message);
            Assert.DoesNotContain("hunter22", (string)ex.Target!);
        }
    
        [Fact]
        public void A_GTO_tag_with_an_unreadable_date_is_skipped_and_reported_and_a_foreign_one_is_silent()
        {
            using var repo = new TestRepository();
            var commit = repo.Commit("one");
            repo.Tag("m@v1.0.0", "2026-01-05T10:00:00+00:00");
            RawObject(repo, "tag", $"object {commit}\ntype commit\ntag m@v2.0.0\ntagger X <x@y> 999999999999 +0000\n\nm\n", "refs/tags/m@v2.0.0");
            RawObject(repo, "tag", $"object {commit}\ntype commit\ntag release\ntagger X <x@y> 1700000000 +9900\n\nr\n", "refs/tags/release");
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "v1.0.0" }, r.Queries.GetVersions("m", ViewOptions.Default).Select(v => v.Version));
            var warning = Assert.Single(r.Warnings);
            Assert.Equal(("UnreadableTagDate", "m@v2.0.0"), (warning.Id, warning.Target));
            Assert.Contains("999999999999 +0000", warning.Message);
        }

        [Theory]
        [InlineData("999999999999 +0000", "9999-12-31T23:59:59.9999999+00:00")]
        [InlineData("1700000000 +9900", "2023-11-14T22:13:20.0000000+00:00")]
        [InlineData("garbage", "1970-01-01T00:00:00.0000000+00:00")]
        public void A_commit_with_an_unreadable_date_is_read_with_a_clamped_time(string date, string expected)
        {
            using var repo = new TestRepository();
            var parent = repo.Commit("one");
            var tree = repo.Git("rev-parse", parent + "^{tree}").Trim();
            var odd = RawObject(repo, "commit", $"tree {tree}\nparent {parent}\nauthor A <a@b> {date}\ncommitter C <c@d> {date}\n\nodd\n");
            using var git = GitRepository.OpenGitDirectory(GitRepository.Discover(repo.Path));
            var info = git.ReadCommit(odd)!;
            Assert.Equal(("A", "a@b", "C", "c@d", "odd\n"), (info.AuthorName, info.AuthorEmail, info.CommitterName, info.CommitterEmail, info.Message));
            Assert.Equal(expected, info.CommittedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            var refused = Assert.Throws<GtoException>(() => git.AssertWritableCommit(odd));
            Assert.Equal("UnreadableCommitDate", refused.ErrorId);
            git.AssertWritableCommit(parent);
        }

        /// <summary>Writes an object from hand-written text (git's own commands refuse these dates); optionally points a ref at it.</summary>
        private static string RawObject(TestRepository repo, string type, string text, string? reference = null)
        {
            var file = Path.Combine(repo.Path, ".git", "raw-object");
            File.WriteAllText(file, text);
            var sha = repo.Git("hash-object", "-t", type, "-w", "--literally", file).Trim();
            File.Delete(file);
            if (reference != null) repo.Git("update-ref", reference, sha);
            return sha;
        }
    }
}
