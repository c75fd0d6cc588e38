using System.IO;
using System.Linq;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>State rules of docs/registry-state.md on real repositories made with the git CLI.</summary>
    public class RegistryReadTests
    {
        private const string T0 = "2037-06-01T12:00:00+00:00";
        private const string T1 = "2037-06-01T12:00:01+00:00";
        private const string T2 = "2037-06-01T12:00:02+00:00";

        [Fact]
        public void Latest_is_the_greatest_version_not_the_newest()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v1.10.0", T0);
            repo.Commit("two");
            repo.Tag("m@v1.9.0", T1);
            using var r = Registry.Open(repo.Path);
            Assert.Equal("v1.10.0", r.Queries.GetArtifacts(ViewOptions.Default).Single().Latest);
        }

        [Fact]
        public void Deregistration_in_the_same_second_wins_and_latest_falls_back()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", T0);
            repo.Commit("two");
            repo.Tag("m@v0.0.2", T1);
            repo.Tag("m@v0.0.2!", T1);
            using var r = Registry.Open(repo.Path);
            Assert.Equal("v0.0.1", r.Queries.GetArtifacts(ViewOptions.Default).Single().Latest);
            Assert.False(r.Queries.GetVersions("m", new ViewOptions { IncludeDeprecated = true }).Single(v => v.Version == "v0.0.2").IsActive);
        }

        [Fact]
        public void Unassignment_falls_back_to_the_previous_version_in_the_stage()
        {
            using var repo = new TestRepository();
            var c1 = repo.Commit("one");
            repo.Tag("m@v0.0.1", T0);
            repo.Tag("m#prod#1", T0);
            repo.Commit("two");
            repo.Tag("m@v0.0.2", T1);
            repo.Tag("m#prod#2", T1);
            repo.Tag("m#prod!#3", T2);
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "v0.0.1" }, r.Queries.GetArtifacts(ViewOptions.Default).Single().Stages["prod"]);
            var events = r.Queries.GetHistory(ascending: false);
            Assert.Equal("m#prod!#3", events[0].Tag);
            Assert.IsType<UnassignmentEvent>(events[0]);
        }

        [Fact]
        public void Deprecated_artifact_is_hidden_until_a_newer_event()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", T0);
            repo.Tag("m@deprecated", T1);
            using (var r = Registry.Open(repo.Path))
            {
                Assert.Empty(r.Queries.GetArtifacts(ViewOptions.Default));
                Assert.False(r.Queries.GetArtifacts(new ViewOptions { IncludeDeprecated = true }).Single().IsActive);
                Assert.Equal(2, r.Queries.GetHistory(false).Count);
            }
            repo.Tag("m@v0.0.2", T2);
            using (var r = Registry.Open(repo.Path))
                Assert.True(r.Queries.GetArtifacts(ViewOptions.Default).Single().IsActive);
        }

        [Fact]
        public void Lightweight_and_non_gto_tags_are_ignored()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.LightweightTag("light@v0.0.1");
            repo.Tag("v1.0.0", T0);
            repo.Tag("model@v1", T0);
            using var r = Registry.Open(repo.Path);
            Assert.Empty(r.Queries.ArtifactNames);
            Assert.Empty(r.Warnings);
            var problems = RegistryDoctor.Diagnose(repo.Path);
            Assert.Contains(problems, p => p.Id == "LightweightTag" && p.Target == "light@v0.0.1");
            Assert.Contains(problems, p => p.Id == "MalformedTag" && p.Target == "model@v1");
        }

        [Fact]
        public void Created_tag_is_a_warning_not_a_crash()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", T0);
            repo.Tag("x@created", T0);
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "m" }, r.Queries.ArtifactNames);
            Assert.Contains(r.Warnings, w => w.Id == "CreatedTag" && w.Target == "x@created");
        }

        [Fact]
        public void Stage_tag_on_a_commit_with_two_versions_is_skipped_with_a_warning()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", T0);
            repo.Tag("m@v0.0.2", T0);
            repo.Tag("m#prod#1", T1);
            using var r = Registry.Open(repo.Path);
            var w = Assert.Single(r.Warnings);
            Assert.Equal("ManyVersionsOnCommit", w.Id);
            Assert.Contains("Multiple versions are not allowed on the same Git commit", w.Message);
            Assert.Empty(r.Queries.GetArtifacts(ViewOptions.Default).Single().Stages);
        }

        [Fact]
        public void Annotations_are_read_at_each_version_commit_and_discover_artifacts_at_head()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("artifacts.yaml", "m:\n  type: model\n  path: m.pkl\n"));
            repo.Tag("m@v0.0.1", T0);
            var head = repo.Commit("two", ("artifacts.yaml", "m:\n  type: model\n  path: m2.pkl\n  labels: [a, b]\nd:\n  type: dataset\n"));
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "m", "d" }, r.Queries.ArtifactNames);
            var d = r.Queries.GetArtifacts(ViewOptions.Default).Single(a => a.Name == "d");
            Assert.False(d.IsRegistered);
            Assert.Equal("dataset", d.Annotation!.Type);
            var versions = r.Queries.GetVersions("m", ViewOptions.Default);
            Assert.Equal("m.pkl", versions.Single(v => v.Version == "v0.0.1").Annotation!.Path);
            var discovered = versions.Single(v => v.IsDiscovered);
            Assert.Equal(head, discovered.Version);
            Assert.Equal(new[] { "a", "b" }, discovered.Annotation!.Labels);
        }

        [Fact]
        public void Damaged_artifacts_yaml_is_a_warning_and_the_registry_still_reads()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("artifacts.yaml", "- a\n- b\n"));
            repo.Tag("m@v0.0.1", T0);
            using var r = Registry.Open(repo.Path);
            Assert.Equal("v0.0.1", r.Queries.GetArtifacts(ViewOptions.Default).Single().Latest);
            Assert.Contains(r.Warnings, w => w.Id == "DamagedAnnotationFile" && w.Message.Contains("artifacts.yaml"));
        }

        [Fact]
        public void Dvc_yaml_artifacts_are_annotations_with_monorepo_names()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("dvc.yaml", "artifacts:\n  churn:\n    path: m.pkl\n    type: model\n    desc: Churn\n"),
                ("sub/dir/dvc.yaml", "artifacts:\n  nn:\n    path: nn.pt\n    labels: [x]\n"));
            repo.Tag("sub/dir=nn@v0.0.1", T0);
            using var r = Registry.Open(repo.Path);
            var all = r.Annotations.All(null);
            Assert.Equal(new[] { "churn", "sub/dir:nn" }, all.Select(a => a.Artifact));
            Assert.Equal("Churn", all[0].Description);
            Assert.Equal("sub/dir/dvc.yaml", r.Queries.GetArtifacts(ViewOptions.Default).Single().Annotation!.Source);
            Assert.Equal(new[] { "sub/dir:nn" }, r.Queries.ArtifactNames); // dvc.yaml does not create registry artifacts
        }

        [Fact]
        public void Bad_config_is_an_error_naming_the_file()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.WriteFile(".gto", "stages: dev\n");
            var ex = Assert.Throws<GtoException>(() => Registry.Open(repo.Path));
            Assert.Equal("InvalidConfig", ex.ErrorId);
            Assert.Contains(Path.Combine(repo.Path, ".gto"), ex.Message);
            Assert.Contains(RegistryDoctor.Diagnose(repo.Path), p => p.Id == "InvalidConfig");
        }

        [Fact]
        public void Config_stages_define_the_columns_in_config_order()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.WriteFile(".gto", "stages: [prod, dev]\n");
            repo.Tag("m@v0.0.1", T0);
            repo.Tag("m#qa#1", T1);
            using var r = Registry.Open(repo.Path);
            Assert.Equal(new[] { "prod", "dev" }, r.Queries.GetArtifacts(ViewOptions.Default).Single().Stages.Keys);
            Assert.Equal(new[] { "prod", "dev" }, r.Queries.GetStages().Select(s => s.Name));
            Assert.Equal(new[] { "qa" }, r.Queries.GetStages(usedOnly: true).Select(s => s.Name));
        }

        [Fact]
        public void A_folder_that_is_not_a_repository_is_a_clear_error()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gto-norepo-" + System.Guid.NewGuid().ToString("N")));
            try
            {
                var ex = Assert.Throws<GtoException>(() => Registry.Open(dir.FullName));
                Assert.Equal("NotARepository", ex.ErrorId);
            }
            finally
            {
                dir.Delete(true);
            }
        }

        [Fact]
        public void A_subfolder_of_the_work_tree_opens_the_repository()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("models/a.txt", "x"));
            repo.Tag("m@v0.0.1", T0);
            using var r = Registry.Open(Path.Combine(repo.Path, "models"));
            Assert.Equal(repo.Path, r.Context.Root);
            Assert.Single(r.Queries.ArtifactNames);
        }

        [Fact]
        public void Check_ref_finds_the_event_of_a_tag_and_nothing_for_a_branch()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", T0, message: "  Registering artifact m version v0.0.1\n\n");
            using var r = Registry.Open(repo.Path);
            var e = Assert.IsType<RegistrationEvent>(r.Queries.CheckRef("refs/tags/m@v0.0.1").Single());
            Assert.Equal("Registering artifact m version v0.0.1", e.Message);
            Assert.Equal("Gto Tester", e.Author);
            Assert.Empty(r.Queries.CheckRef("main"));
        }

        [Fact]
        public void Tag_times_keep_the_taggers_offset()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.Tag("m@v0.0.1", "2001-01-01T00:00:00+05:00");
            using var r = Registry.Open(repo.Path);
            var e = r.Queries.GetHistory(false).Single();
            Assert.Equal(System.TimeSpan.FromHours(5), e.CreatedAt.Offset);
            Assert.Equal(new System.DateTimeOffset(2000, 12, 31, 19, 0, 0, System.TimeSpan.Zero), e.CreatedAt);
        }
    }
}
