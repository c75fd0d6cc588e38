using System;
using System.Linq;
using Gto.Engine.Naming;
using Gto.Engine.Operations;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// The engine refuses, while planning (so before anything is written), tags git cannot store, tag folder
    /// conflicts, numbers past what Gto stores, control characters and revisions libgit2 chokes on; and the tag
    /// writes map libgit2's failures to Gto errors.
    /// </summary>
    public class RefFormatPlannerTests
    {
        private const string T0 = "2037-06-01T12:00:00+00:00";

        private static GtoException Refused(TestRepository repo, Action<RegistryWriter> plan)
        {
            using var writer = RegistryWriter.Open(repo.Path);
            return Assert.Throws<GtoException>(() => plan(writer));
        }

        private static TestRepository NewRepository()
        {
            var repo = new TestRepository();
            repo.Commit("one", ("model.pkl", "weights"));
            return repo;
        }

        [Theory]
        [InlineData("a//b"), InlineData("dir..x:m"), InlineData("a.lock/b:m"), InlineData(".hidden:m"), InlineData("a/.b:m")]
        [InlineData("/dir:m"), InlineData("dir//sub:m"), InlineData("-dir:m")]
        public void Names_git_cannot_store_are_refused(string name)
        {
            using var repo = NewRepository();
            var ex = Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = name }));
            Assert.Equal("InvalidTagName", ex.ErrorId);
        }

        [Fact]
        public void Long_names_stages_and_versions_are_refused()
        {
            using var repo = NewRepository();
            repo.Tag("churn@v1.0.0", T0);
            Assert.Equal("InvalidTagName", Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = new string('a', 300) })).ErrorId);
            Assert.Equal("InvalidTagName",
                Refused(repo, w => w.PlanAssign(new AssignRequest { Name = "churn", Stage = new string('s', 300), Version = "v1.0.0" })).ErrorId);
            repo.Commit("two");
            Assert.Equal("InvalidTagName",
                Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "churn", Version = "v1.0.1-" + new string('r', 300) })).ErrorId);
        }

        [Theory]
        [InlineData("churn\n", null, null, "InvalidName")]
        [InlineData("churn", "v1.0.0\n", null, "InvalidVersion")]
        [InlineData("churn", null, "a\0b", "InvalidCharacter")]
        [InlineData("churn", null, "red \u001b[31m", "InvalidCharacter")]
        [InlineData("churn", null, "del \u007f", "InvalidCharacter")]
        public void Control_characters_are_refused_by_the_engine(string name, string? version, string? message, string id)
        {
            using var repo = NewRepository();
            Assert.Equal(id, Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = name, Version = version, Message = message })).ErrorId);
        }

        [Fact]
        public void Stages_with_a_trailing_newline_are_refused_by_the_engine()
        {
            using var repo = NewRepository();
            repo.Tag("churn@v1.0.0", T0);
            Assert.Equal("InvalidName", Refused(repo, w => w.PlanAssign(new AssignRequest { Name = "churn", Stage = "prod\n", Version = "v1.0.0" })).ErrorId);
            Assert.Equal("InvalidName", Refused(repo, w => w.PlanUnassign(new UnassignRequest { Name = "churn", Version = "v1.0.0", Stage = "prod\n", Force = true })).ErrorId);
        }

        [Fact]
        public void Messages_keep_line_breaks_and_tabs()
        {
            using var repo = NewRepository();
            using var w = RegistryWriter.Open(repo.Path);
            var change = w.PlanRegister(new RegisterRequest { Name = "churn", Message = "first\r\nsecond\tline" });
            Assert.Equal("first\r\nsecond\tline", change.Message);
        }

        [Theory]
        [InlineData(""), InlineData("   "), InlineData("\t"), InlineData("HEAD\0x"), InlineData("HEAD\n"), InlineData("HEAD@{")]
        [InlineData(":/"), InlineData("^{"), InlineData("HEAD^{tree}"), InlineData("HEAD:model.pkl")]
        public void Revisions_git_cannot_resolve_are_RevisionNotFound(string revision)
        {
            using var repo = NewRepository();
            repo.Tag("churn@v1.0.0", T0);
            Assert.Equal("RevisionNotFound", Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "m", Revision = revision })).ErrorId);
            Assert.Equal("RevisionNotFound", Refused(repo, w => w.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Revision = revision })).ErrorId);
            Assert.Equal("RevisionNotFound", Refused(repo, w => w.PlanDeprecate(new DeprecateRequest { Name = "churn", Revision = revision })).ErrorId);
            using var registry = Registry.Open(repo.Path);
            Assert.Equal("RevisionNotFound", Assert.Throws<GtoException>(() => registry.Annotations.All(revision)).ErrorId);
        }

        [Fact]
        public void Very_long_revisions_are_RevisionNotFound()
        {
            using var repo = NewRepository();
            Assert.Equal("RevisionNotFound",
                Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "m", Revision = new string('a', 100_000) })).ErrorId);
            Assert.Equal("RevisionNotFound",
                Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "m", Revision = "HEAD" + new string('~', 50_000) })).ErrorId);
        }

        [Fact]
        public void A_tag_that_would_be_a_folder_of_the_new_one_blocks_it()
        {
            using var repo = NewRepository();
            repo.Tag("models", T0);
            var ex = Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "models/churn" }));
            Assert.Equal("TagNameConflict", ex.ErrorId);
            Assert.Equal(GtoErrorKind.ResourceExists, ex.Kind);
            Assert.Contains("'models'", ex.Message);
        }

        [Fact]
        public void A_tag_inside_the_new_one_as_a_folder_blocks_it()
        {
            using var repo = NewRepository();
            repo.LightweightTag("old@v2.0.0/x");
            var ex = Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "old", Version = "v2.0.0" }));
            Assert.Equal("TagNameConflict", ex.ErrorId);
            Assert.Contains("'old@v2.0.0/x'", ex.Message);
        }

        [Fact]
        public void A_similar_tag_that_is_no_folder_does_not_block()
        {
            using var repo = NewRepository();
            repo.Tag("model", T0);
            repo.Tag("models=x", T0);
            using var w = RegistryWriter.Open(repo.Path);
            Assert.Equal("models/churn@v0.0.1", w.PlanRegister(new RegisterRequest { Name = "models/churn" }).Tag);
        }

        [Theory]
        [InlineData(BumpPart.Major), InlineData(BumpPart.Minor), InlineData(BumpPart.Patch)]
        public void Bumping_past_the_largest_number_is_VersionOutOfRange(BumpPart part)
        {
            using var repo = NewRepository();
            repo.Tag("big@v9223372036854775807.9223372036854775807.9223372036854775807", T0);
            repo.Commit("two");
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "big", Bump = part })).ErrorId);
        }

        [Fact]
        public void Bumping_a_lower_part_resets_the_full_one()
        {
            using var repo = NewRepository();
            repo.Tag("big@v1.9223372036854775807.9223372036854775807", T0);
            repo.Commit("two");
            using var w = RegistryWriter.Open(repo.Path);
            Assert.Equal("v2.0.0", w.PlanRegister(new RegisterRequest { Name = "big", Bump = BumpPart.Major }).Version);
        }

        [Fact]
        public void Bumping_a_version_too_large_to_store_is_VersionOutOfRange()
        {
            using var repo = NewRepository();
            repo.Tag("huge@v1.2.99999999999999999999", T0);
            repo.Commit("two");
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "huge" })).ErrorId);
        }

        [Theory]
        [InlineData("v1.2.99999999999999999999"), InlineData("v9223372036854775808.0.0"), InlineData("v0.99999999999999999999999999.0")]
        public void Versions_too_large_to_store_are_VersionOutOfRange(string version)
        {
            using var repo = NewRepository();
            repo.Tag("churn@v1.0.0", T0);
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanRegister(new RegisterRequest { Name = "m", Version = version })).ErrorId);
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanAssign(new AssignRequest { Name = "churn", Stage = "prod", Version = version })).ErrorId);
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanDeregister(new DeregisterRequest { Name = "churn", Version = version, Force = true })).ErrorId);
            Assert.Equal("VersionOutOfRange", Refused(repo, w => w.PlanUnassign(new UnassignRequest { Name = "churn", Version = version, Stage = "prod", Force = true })).ErrorId);
        }

        [Fact]
        public void The_last_counter_is_CounterOutOfRange()
        {
            using var repo = NewRepository();
            repo.Tag("m@v1.0.0", T0);
            repo.Tag("m#prod#2147483647", T0);
            var ex = Refused(repo, w => w.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Version = "v1.0.0", Force = true }));
            Assert.Equal("CounterOutOfRange", ex.ErrorId);
            Assert.Equal("CounterOutOfRange", Refused(repo, w => w.PlanDeprecate(new DeprecateRequest { Name = "m", Form = TagForm.Counted })).ErrorId);
        }

        [Fact]
        public void The_counter_before_the_last_is_written()
        {
            using var repo = NewRepository();
            repo.Tag("m@v1.0.0", T0);
            repo.Tag("m#prod#2147483646", T0);
            using var w = RegistryWriter.Open(repo.Path);
            Assert.Equal("m#prod#2147483647", w.PlanAssign(new AssignRequest { Name = "m", Stage = "prod", Version = "v1.0.0", Force = true }).Changes.Single().Tag);
        }

        [Fact]
        public void Libgit2_failures_writing_tags_are_Gto_errors()
        {
            using var repo = NewRepository();
            repo.Tag("models", T0);
            var head = repo.Git("rev-parse", "HEAD").Trim();
            using var w = RegistryWriter.Open(repo.Path);
            // Planning refuses these; a caller applying a change of its own still gets a Gto error.
            foreach (var tag in new[] { "a..b", "models/churn@v1.0.0", "x/" })
            {
                var ex = Assert.Throws<GtoException>(() => w.Apply(new WritePlan(new[] { new TagChange(TagAction.Register, tag, head, "m", "v1.0.0") })));
                Assert.Contains(ex.ErrorId, new[] { "InvalidTagName", "GitFailed" });
            }
            Assert.Equal("GitFailed", Assert.Throws<GtoException>(() => w.Registry.Context.Git.TagExists("a..b")).ErrorId);
            Assert.Equal("models\n", repo.Git("tag", "--list"));
        }

        [Fact]
        public void A_tag_libgit2_cannot_delete_is_a_Gto_error()
        {
            using var repo = NewRepository();
            // git stores names libgit2 refuses: it caps ref names at 1024 bytes.
            var name = string.Join("/", Enumerable.Repeat(new string('p', 200), 6)) + "@v1.0.0";
            repo.Tag(name, T0);
            using var w = RegistryWriter.Open(repo.Path);
            var ex = Assert.Throws<GtoException>(() => w.Apply(new WritePlan(new[] { new TagChange(TagAction.Register, name, "", "", "v1.0.0", delete: true) })));
            Assert.Equal("GitFailed", ex.ErrorId);
        }
    }
}
