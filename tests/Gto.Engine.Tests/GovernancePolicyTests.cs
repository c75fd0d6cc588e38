using System.Linq;
using Gto.Engine.Governance;
using Gto.Engine.Operations;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>.gto-policy.yaml: promotions the policy refuses write nothing; the trusted view counts only what it allows.</summary>
    public sealed class GovernancePolicyTests
    {
        private const string Policy = "stages:\n  prod:\n    after: [staging]\n    signers: [alice@example.com]\n";

        /// <summary>A repository whose main branch holds <paramref name="policy"/>, and alice's ssh key (allowed) set up for signing.</summary>
        private static (TestRepository Repo, SigningKeys Keys, SigningKeys.SshKey Alice) Governed(string policy = Policy)
        {
            var repo = new TestRepository();
            var keys = new SigningKeys();
            var alice = keys.Ssh("alice");
            keys.UseSsh(repo, alice, alice);
            repo.Commit("policy", (RegistryPolicy.FileName, policy));
            return (repo, keys, alice);
        }

        private static void Assign(TestRepository repo, string stage, string version, bool sign, bool force = false)
        {
            using var writer = RegistryWriter.Open(repo.Path);
            writer.Sign = sign;
            writer.Apply(writer.PlanAssign(new AssignRequest { Name = "m", Stage = stage, Version = version, Force = force }));
        }

        private static string Tags(TestRepository repo) => repo.Git("tag", "--list").Trim();

        // Test-GtoRegistry's governance part, from the tags the doctor read for its own checks.
        private static System.Collections.Generic.List<Diagnostic> PolicyDiagnosticsOf(TestRepository repo) =>
            RegistryDoctor.Diagnose(repo.Path).Where(d => d.Id is "PolicyViolation" or "InvalidPolicy").ToList();

        [Fact]
        public void A_promotion_that_skips_a_required_stage_is_refused_naming_the_rule_and_writes_nothing()
        {
            var (repo, keys, _) = Governed();
            using (repo) using (keys)
            {
                GovernanceSigningTests.Write(repo, "m@v1.0.0", repo.Git("rev-parse", "HEAD").Trim(), "Registering", sign: true);
                var before = Tags(repo);
                var ex = Assert.Throws<GtoException>(() => Assign(repo, "prod", "v1.0.0", sign: true));
                Assert.Equal("PolicyViolation", ex.ErrorId);
                Assert.Equal(GtoErrorKind.PermissionDenied, ex.Kind);
                Assert.Contains("after 'staging'", ex.Message);
                Assert.Contains("assign 'staging' to this version first", ex.Message);
                Assert.Contains(".gto-policy.yaml at refs/heads/main", ex.Message);
                Assert.Equal(before, Tags(repo));
                Assert.Equal("PolicyViolation", Assert.Throws<GtoException>(() => Assign(repo, "prod", "v1.0.0", sign: true, force: true)).ErrorId);
                // Once staging is held, the same promotion passes; -Force never passes a policy.
                Assign(repo, "staging", "v1.0.0", sign: false);
                Assign(repo, "prod", "v1.0.0", sign: true);
                repo.Git("verify-tag", "m#prod#2");
            }
        }

        [Fact]
        public void A_stage_that_names_signers_refuses_an_unsigned_write_before_writing()
        {
            var (repo, keys, _) = Governed("stages:\n  prod:\n    signers: [alice@example.com]\n");
            using (repo) using (keys)
            {
                using var writer = RegistryWriter.Open(repo.Path);
                writer.Sign = false;
                var ex = Assert.Throws<GtoException>(() => writer.Apply(writer.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Revision = "HEAD" })));
                Assert.Equal("PolicyViolation", ex.ErrorId);
                Assert.Contains("add -Sign", ex.Message);
                Assert.Equal("", Tags(repo));
            }
        }

        [Fact]
        public void A_signer_the_policy_does_not_allow_is_refused_and_the_registration_written_with_it_is_deleted_again()
        {
            var (repo, keys, alice) = Governed("stages:\n  prod:\n    signers: [alice@example.com]\n");
            using (repo) using (keys)
            {
                // Bob's key is trusted by the allowed-signers file, but the policy lets only alice assign prod.
                var bob = keys.Ssh("bob");
                keys.UseSsh(repo, bob, alice, bob);
                using var writer = RegistryWriter.Open(repo.Path);
                writer.Sign = true;
                var ex = Assert.Throws<GtoException>(() => writer.Apply(writer.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Revision = "HEAD" })));
                Assert.Equal("PolicyViolation", ex.ErrorId);
                Assert.Contains("signed by bob@example.com", ex.Message);
                Assert.Contains("m@v0.0.1", ex.Message);
                Assert.Equal("", Tags(repo));
            }
        }

        [Fact]
        public void The_trusted_view_leaves_out_assignments_made_by_plain_git_and_unsigned_or_out_of_order()
        {
            var (repo, keys, _) = Governed();
            using (repo) using (keys)
            {
                repo.Tag("m@v1.0.0", "2025-06-01T12:00:00+00:00");
                // prod by plain git tag: unsigned and never in staging.
                repo.Tag("m#prod#1", "2025-06-01T12:00:01+00:00");
                repo.Tag("m#staging#2", "2025-06-01T12:00:02+00:00");
                using (var plain = Registry.Open(repo.Path))
                    Assert.Equal(new[] { "prod", "staging" }, plain.Queries.GetVersions("m", ViewOptions.Default).Single().Stages.OrderBy(s => s));
                using (var trusted = Registry.OpenTrusted(repo.Path))
                {
                    Assert.Equal(new[] { "staging" }, trusted.Queries.GetVersions("m", ViewOptions.Default).Single().Stages);
                    Assert.Empty(trusted.Queries.CheckRef("m#prod#1"));
                    var warning = Assert.Single(trusted.Warnings, w => w.Id == "PolicyViolation");
                    Assert.Equal("m#prod#1", warning.Target);
                    Assert.Contains("unsigned", warning.Message);
                }
                // A signed promotion after staging counts. The plain view sees prod held already: -Force writes it anyway.
                Assign(repo, "prod", "v1.0.0", sign: true, force: true);
                using (var trusted = Registry.OpenTrusted(repo.Path))
                    Assert.Contains("prod", trusted.Queries.GetVersions("m", ViewOptions.Default).Single().Stages);
                Assert.Equal(new[] { "m#prod#1" }, PolicyDiagnosticsOf(repo).Select(d => d.Target));
            }
        }

        [Fact]
        public void A_promotion_in_the_same_second_as_its_staging_assignment_counts_by_the_counter_order()
        {
            var (repo, keys, _) = Governed("stages:\n  prod:\n    after: [staging]\n");
            using (repo) using (keys)
            {
                const string second = "2025-06-01T12:00:00+00:00";
                repo.Tag("m@v1.0.0", second);
                // Name order would replay prod (p) before staging (s); the counters say staging came first.
                repo.Tag("m#staging#1", second);
                repo.Tag("m#prod#2", second);
                using var trusted = Registry.OpenTrusted(repo.Path);
                Assert.Equal(new[] { "prod", "staging" }, trusted.Queries.GetVersions("m", ViewOptions.Default).Single().Stages.OrderBy(s => s));
                Assert.Empty(trusted.Warnings);
            }
        }

        [Fact]
        public void The_policy_is_read_from_the_main_branch_not_from_the_commit_checked_out()
        {
            var (repo, keys, _) = Governed();
            using (repo) using (keys)
            {
                // The promoter's own commit deletes the rules; HEAD is detached on it, as in a CI job building a tag.
                repo.Git("checkout", "-q", "-b", "mine");
                repo.Git("rm", "-q", RegistryPolicy.FileName);
                repo.Commit("no rules");
                repo.Git("checkout", "-q", "--detach");
                var ex = Assert.Throws<GtoException>(() => Assign2(repo));
                Assert.Equal("PolicyViolation", ex.ErrorId);
            }

            static void Assign2(TestRepository repo)
            {
                using var writer = RegistryWriter.Open(repo.Path);
                writer.Sign = true;
                writer.Apply(writer.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Revision = "HEAD" }));
            }
        }

        [Fact]
        public void The_trusted_view_without_a_policy_fails_closed_and_a_registry_without_one_reads_and_writes_as_before()
        {
            using var repo = new TestRepository();
            repo.Commit("first");
            Assign(repo, "prod", null!, sign: false);
            var ex = Assert.Throws<GtoException>(() => Registry.OpenTrusted(repo.Path));
            Assert.Equal("PolicyNotFound", ex.ErrorId);
            Assert.Empty(PolicyDiagnosticsOf(repo));
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "prod" }, r.Queries.GetVersions("m", ViewOptions.Default).Single().Stages);
        }

        [Theory]
        [InlineData("stages:\n  prod:\n    requires: [staging]\n", "unknown key 'requires'")]
        [InlineData("rules: {}\n", "unknown key 'rules'")]
        [InlineData("stages:\n  prod:\n    after: [\"bad stage\"]\n", "not a valid stage name")]
        [InlineData("stages: [prod]\n", "'stages' must map")]
        [InlineData("stages: {prod: {after: &a [*a]}}\n", "cannot be used")]
        public void A_policy_Gto_cannot_read_is_InvalidPolicy_for_writes_and_a_diagnostic_for_Test_GtoRegistry(string policy, string reason)
        {
            var (repo, keys, _) = Governed(policy);
            using (repo) using (keys)
            {
                var ex = Assert.Throws<GtoException>(() => Assign(repo, "prod", null!, sign: false));
                Assert.Equal("InvalidPolicy", ex.ErrorId);
                Assert.Contains(reason, ex.Message);
                Assert.Equal("", Tags(repo));
                Assert.Equal("InvalidPolicy", Assert.Single(PolicyDiagnosticsOf(repo)).Id);
            }
        }
    }
}
