using System.IO;
using System.Linq;
using System.Text;
using Gto.Engine.Governance;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>-Verify: each status a tag can have, checked as git checks it.</summary>
    public sealed class GovernanceVerifyTests
    {
        private static TagSignature Check(TestRepository repo, string tag) =>
            new TagVerifier(repo.Path, Path.Combine(repo.Path, ".git")).Verify(tag)!;

        [Fact]
        public void A_plain_annotated_tag_is_Unsigned()
        {
            using var repo = new TestRepository();
            repo.Commit("first");
            repo.Tag("m@v1.0.0", "2037-06-01T12:00:00+00:00");
            var s = Check(repo, "m@v1.0.0");
            Assert.Equal(SignatureStatus.Unsigned, s.State);
            Assert.Null(s.Signer);
        }

        [Fact]
        public void An_ssh_signature_by_a_key_outside_the_allowed_signers_file_is_UnknownKey_with_its_fingerprint()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var mallory = keys.Ssh("mallory");
            keys.UseSsh(repo, mallory, keys.Ssh("alice"));
            GovernanceSigningTests.Write(repo, "m#prod#1", commit, "Assigning stage prod", sign: true);
            var s = Check(repo, "m#prod#1");
            Assert.Equal(SignatureStatus.UnknownKey, s.State);
            Assert.Equal(mallory.Fingerprint, s.Fingerprint);
            Assert.Contains("allowed-signers", s.Detail);
            Assert.Throws<System.InvalidOperationException>(() => repo.Git("verify-tag", "m#prod#1"));
        }

        [Fact]
        public void A_tampered_ssh_signed_tag_is_Invalid()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var alice = keys.Ssh("alice");
            keys.UseSsh(repo, alice, alice);
            GovernanceSigningTests.Write(repo, "m#staging#1", commit, "Assigning stage staging", sign: true);
            Tamper(repo, "m#staging#1", "m#prod#2", "Assigning stage staging", "Assigning stage prod");
            var s = Check(repo, "m#prod#2");
            Assert.Equal(SignatureStatus.Invalid, s.State);
            Assert.Equal(alice.Principal, s.Signer);
            Assert.Equal(SignatureStatus.Valid, Check(repo, "m#staging#1").State);
        }

        [Fact]
        public void A_tampered_gpg_signed_tag_is_Invalid_and_a_key_missing_from_the_keyring_is_UnknownKey()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var bot = keys.Gpg("Release Bot", "release@example.com");
            keys.UseGpg(repo, bot);
            GovernanceSigningTests.Write(repo, "m#staging#1", commit, "Assigning stage staging", sign: true);
            Tamper(repo, "m#staging#1", "m#prod#2", "Assigning stage staging", "Assigning stage prod");
            Assert.Equal(SignatureStatus.Invalid, Check(repo, "m#prod#2").State);
            // Another keyring, as on a CI machine that was never given the bot's public key.
            keys.UseGpg(repo, keys.Gpg("Someone Else", "else@example.com"));
            var s = Check(repo, "m#staging#1");
            Assert.Equal(SignatureStatus.UnknownKey, s.State);
            Assert.EndsWith(s.Fingerprint!.Substring(s.Fingerprint.Length - 8), bot.Fingerprint);
        }

        [Fact]
        public void Many_tags_are_read_in_one_batch_and_a_lightweight_tag_is_left_out()
        {
            using var repo = new TestRepository();
            repo.Commit("first");
            foreach (var i in Enumerable.Range(0, 30)) repo.Tag($"m@v1.0.{i}", "2037-06-01T12:00:00+00:00");
            repo.LightweightTag("m@v2.0.0");
            var found = new TagVerifier(repo.Path, Path.Combine(repo.Path, ".git"))
                .Verify(Enumerable.Range(0, 30).Select(i => $"m@v1.0.{i}").Append("m@v2.0.0").Append("missing"));
            Assert.Equal(30, found.Count);
            Assert.All(found.Values, s => Assert.Equal(SignatureStatus.Unsigned, s.State));
        }

        [Fact]
        public void The_signature_starts_at_the_last_signature_line_as_in_git()
        {
            var raw = "object 1\ntype commit\ntag t\ntagger a <b> 1 +0000\n\n-----BEGIN PGP SIGNATURE-----\nquoted\n-----BEGIN SSH SIGNATURE-----\nx\n";
            var split = SignedTagObject.Split("t", Encoding.UTF8.GetBytes(raw));
            Assert.Equal("ssh", split.Format);
            Assert.EndsWith("quoted\n", Encoding.UTF8.GetString(split.Payload));
        }

        /// <summary>A copy of a signed tag under another name, with its message changed and the signature kept (git mktag).</summary>
        private static void Tamper(TestRepository repo, string tag, string newTag, string from, string to)
        {
            var body = repo.Git("cat-file", "tag", tag).Replace("tag " + tag + "\n", "tag " + newTag + "\n").Replace(from, to);
            var file = Path.Combine(repo.Path, ".git", "tampered");
            File.WriteAllText(file, body);
            var sha = repo.Git("hash-object", "-t", "tag", "-w", "--literally", file).Trim();
            repo.Git("update-ref", "refs/tags/" + newTag, sha);
        }
    }
}
