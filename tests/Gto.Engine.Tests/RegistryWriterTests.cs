using Gto.Engine.Operations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>A write of several tags completes or leaves the registry as it was.</summary>
    public sealed class RegistryWriterTests
    {
        [Fact]
        public void A_tag_that_cannot_be_written_deletes_the_tags_written_before_it()
        {
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            var missingCommit = new string('1', 40);
            using (var writer = RegistryWriter.Open(repo.Path))
            {
                var plan = new WritePlan(new[]
                {
                    new TagChange(TagAction.Register, "churn@v1.0.0", commit, "Registering artifact churn version v1.0.0", "v1.0.0"),
                    new TagChange(TagAction.Assign, "churn#prod#1", missingCommit, "Assigning stage prod", "v1.0.0"),
                });
                var written = new System.Collections.Generic.List<string>();
                var ex = Assert.Throws<GtoException>(() => writer.Apply(plan, c => written.Add(c.Tag)));
                Assert.Contains("churn#prod#1", ex.Message);
                Assert.Contains("churn@v1.0.0", ex.Message);
                Assert.Contains("registry is unchanged", ex.Message);
                Assert.Equal(new[] { "churn@v1.0.0" }, written);
            }
            Assert.Equal("", repo.Git("tag", "--list").Trim());
        }

        [Fact]
        public void A_plan_that_succeeds_writes_every_tag_in_order()
        {
            using var repo = new TestRepository();
            var commit = repo.Commit("first");
            using (var writer = RegistryWriter.Open(repo.Path))
            {
                var written = new System.Collections.Generic.List<string>();
                writer.Apply(writer.PlanAssign(new AssignRequest { Name = "churn", Stage = "prod", Revision = "HEAD" }), c => written.Add(c.Tag));
                Assert.Equal(new[] { "churn@v0.0.1", "churn#prod#1" }, written);
            }
            Assert.Equal(commit, repo.Git("rev-parse", "churn#prod#1^{commit}").Trim());
        }
    }
}
