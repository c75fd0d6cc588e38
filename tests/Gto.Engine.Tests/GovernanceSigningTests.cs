using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Gto.Engine.Governance;
using Gto.Engine.Naming;
using Gto.Engine.Operations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>-Sign: signed tags made with the user's git signing set-up, with real ssh and gpg keys made per test.</summary>
    public sealed class GovernanceSigningTests
    {
        [Fact]
        public void A_signed_ssh_write_passes_git_verify_tag_and_keeps_the_tag_Gto_writes_unsigned()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var alice = keys.Ssh("alice");
            keys.UseSsh(repo, alice, alice);
            // A message git's default clean-up would change: a '#' line, trailing spaces, blank lines.
            const string message = "  Release notes\n# not a comment\n\n\n\nline with trailing spaces   \n";
            Write(repo, "m@v1.0.0", commit, message, sign: true);
            Write(repo, "m@v1.0.1", commit, message, sign: false);
            var verify = repo.Git("verify-tag", "--raw", "m@v1.0.0");
            var signed = SignedTagObject.Split("m@v1.0.0", System.Text.Encoding.UTF8.GetBytes(repo.Git("cat-file", "tag", "m@v1.0.0")));
            var unsigned = repo.Git("cat-file", "tag", "m@v1.0.1");
            Assert.Equal("ssh", signed.Format);
            Assert.Equal(unsigned.Replace("m@v1.0.1", "m@v1.0.0"), WithoutTaggerTime(System.Text.Encoding.UTF8.GetString(signed.Payload), unsigned));
            using var registry = Registry.Open(repo.Path);
            Assert.Equal(commit, registry.Queries.GetVersions("m", Queries.ViewOptions.Default).Single(v => v.Version == "v1.0.0").Commit);
        }

        [Fact]
        public void A_signed_gpg_write_verifies_with_the_signers_user_id_and_fingerprint()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var gpg = keys.Gpg("Release Bot", "release@example.com");
            keys.UseGpg(repo, gpg);
            Write(repo, "m#prod#1", commit, "Assigning stage prod", sign: true);
            repo.Git("verify-tag", "m#prod#1");
            var signature = new TagVerifier(repo.Path, Path.Combine(repo.Path, ".git")).Verify("m#prod#1")!;
            Assert.Equal(SignatureStatus.Valid, signature.State);
            Assert.Equal("openpgp", signature.Format);
            Assert.Equal("Release Bot <release@example.com>", signature.Signer);
            Assert.Equal(gpg.Fingerprint, signature.Fingerprint);
        }

        [Fact]
        public void Tag_gpgSign_in_the_git_config_signs_when_Sign_is_not_given()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var alice = keys.Ssh("alice");
            keys.UseSsh(repo, alice, alice);
            repo.Git("config", "tag.gpgSign", "true");
            Write(repo, "m@v1.0.0", commit, "Registering", sign: null);
            Write(repo, "m@v1.0.1", commit, "Registering", sign: false);
            repo.Git("verify-tag", "m@v1.0.0");
            Assert.DoesNotContain("SSH SIGNATURE", repo.Git("cat-file", "tag", "m@v1.0.1"));
        }

        [Fact]
        public void A_key_git_cannot_use_fails_with_SigningFailed_and_writes_nothing()
        {
            using var keys = new SigningKeys();
            using var repo = new TestRepository();
            repo.Commit("first");
            // A passphrase ssh-keygen cannot ask for: git 2.39 would write the tag unsigned and succeed.
            keys.UseSsh(repo, keys.Ssh("alice", passphrase: "secret"), keys.Ssh("bob"));
            using (var writer = RegistryWriter.Open(repo.Path))
            {
                writer.Sign = true;
                var ex = Assert.Throws<GtoException>(() => writer.Apply(writer.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Revision = "HEAD" })));
                Assert.Equal("SigningFailed", ex.ErrorId);
                Assert.Contains("-Sign", ex.Message);
            }
            Assert.Equal("", repo.Git("tag", "--list").Trim());
        }

        internal static void Write(TestRepository repo, string tag, string commit, string message, bool? sign)
        {
            Assert.True(TagNames.TryParse(tag, out var parsed) == TagNames.Match.Tag);
            using var writer = RegistryWriter.Open(repo.Path);
            writer.Sign = sign;
            writer.Apply(new WritePlan(new[] { new TagChange(parsed.ActionKind, tag, commit, message, parsed.Version ?? "") }));
        }

        /// <summary>The signed payload with its tagger line replaced by the unsigned tag's (the two were written seconds apart).</summary>
        private static string WithoutTaggerTime(string payload, string unsigned)
        {
            string Tagger(string text) => text.Split('\n').First(l => l.StartsWith("tagger ", StringComparison.Ordinal));
            return payload.Replace(Tagger(payload), Tagger(unsigned));
        }
    }

    /// <summary>Real signing keys in a temp folder: ssh keys with an allowed-signers file, and gpg keys in their own homes.</summary>
    internal sealed class SigningKeys : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gto-keys-" + Guid.NewGuid().ToString("N").Substring(0, 12))).FullName;

        public sealed class SshKey
        {
            public SshKey(string principal, string privateKey) { Principal = principal; PrivateKey = privateKey; }
            public string Principal { get; }
            public string PrivateKey { get; }
            public string PublicKey => File.ReadAllText(PrivateKey + ".pub").Trim();
            public string Fingerprint => SshSignatures.Fingerprint(PublicKey.Split(' ')[1]);
        }

        public sealed class GpgKey
        {
            public GpgKey(string program, string fingerprint) { Program = program; Fingerprint = fingerprint; }
            /// <summary>A wrapper that runs gpg on this key's own home, set as gpg.program.</summary>
            public string Program { get; }
            public string Fingerprint { get; }
        }

        public string AllowedSigners => Path.Combine(_folder, "allowed_signers");

        public SshKey Ssh(string principal, string passphrase = "")
        {
            var file = Path.Combine(_folder, principal + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", principal, "-f", file);
            return new SshKey(principal + "@example.com", file);
        }

        /// <summary>Signs with <paramref name="signer"/>; the allowed-signers file trusts <paramref name="allowed"/> (and only them).</summary>
        public void UseSsh(TestRepository repo, SshKey signer, params SshKey[] allowed)
        {
            File.WriteAllLines(AllowedSigners, allowed.Select(k => $"{k.Principal} namespaces=\"git\" {k.PublicKey}"));
            repo.Git("config", "gpg.format", "ssh");
            repo.Git("config", "user.signingKey", signer.PrivateKey);
            repo.Git("config", "gpg.ssh.allowedSignersFile", AllowedSigners);
        }

        public GpgKey Gpg(string name, string email)
        {
            var home = Directory.CreateDirectory(Path.Combine(_folder, "gnupg-" + Guid.NewGuid().ToString("N").Substring(0, 6))).FullName;
            File.WriteAllText(Path.Combine(home, "key.batch"),
                $"%no-protection\nKey-Type: eddsa\nKey-Curve: ed25519\nKey-Usage: sign\nName-Real: {name}\nName-Email: {email}\nExpire-Date: 0\n%commit\n");
            Run("gpg", "--homedir", home, "--batch", "--gen-key", Path.Combine(home, "key.batch"));
            var listing = Run("gpg", "--homedir", home, "--with-colons", "--list-keys", email);
            var fingerprint = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
            var program = Path.Combine(home, "gpg.sh");
            File.WriteAllText(program, $"#!/bin/sh\nexec gpg --homedir '{home}' \"$@\"\n");
            Run("chmod", "+x", program);
            return new GpgKey(program, fingerprint);
        }

        public void UseGpg(TestRepository repo, GpgKey key)
        {
            repo.Git("config", "gpg.format", "openpgp");
            repo.Git("config", "gpg.program", key.Program);
            repo.Git("config", "user.signingKey", key.Fingerprint);
        }

        private static string Run(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(" ", args)} failed: {error}");
            return output;
        }

        public void Dispose()
        {
            // gpg-agents started for the temp homes end with their folders.
            foreach (var home in Directory.EnumerateDirectories(_folder, "gnupg-*"))
                try { Run("gpgconf", "--homedir", home, "--kill", "gpg-agent"); } catch (InvalidOperationException) { }
            Directory.Delete(_folder, true);
        }
    }
}
