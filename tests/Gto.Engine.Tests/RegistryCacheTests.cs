using System;
using System.IO;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// The cache Tab completion reads registries through (docs/performance.md#the-completion-cache): a registry is
    /// reused while nothing it depends on changed, and read again when a tag, HEAD or the config changes.
    /// </summary>
    public class RegistryCacheTests
    {
        private const string T0 = "2037-06-01T12:00:00+00:00";

        /// <summary>
        /// Moves every file time of the repository an hour back, as if the last change were long ago: a stamp taken
        /// now is settled, so only the stamp itself can tell the next change.
        /// </summary>
        private static void Age(TestRepository repo)
        {
            var past = DateTime.UtcNow.AddHours(-1);
            foreach (var path in Directory.EnumerateFileSystemEntries(repo.Path, "*", SearchOption.AllDirectories).Append(repo.Path))
            {
                if (Directory.Exists(path)) Directory.SetLastWriteTimeUtc(path, past);
                else File.SetLastWriteTimeUtc(path, past);
            }
        }

        private static TestRepository Registered()
        {
            var repo = new TestRepository();
            repo.Commit("one", (".gto", "stages: [dev, prod]\n"));
            repo.Tag("a@v1.0.0", T0);
            repo.Git("pack-refs", "--all");
            Age(repo);
            return repo;
        }

        private static string[] Names(RegistryCache cache, TestRepository repo) =>
            cache.Use(repo.Path, r => r.Queries.ArtifactNames.ToArray());

        [Fact]
        public void An_unchanged_repository_is_read_once()
        {
            using var repo = Registered();
            var cache = new RegistryCache();
            var first = cache.Use(repo.Path, r => r);
            Assert.Same(first, cache.Use(repo.Path, r => r));
            Assert.Same(first, cache.Use(Path.Combine(repo.Path, ".git"), r => r));
            cache.Clear();
        }

        [Fact]
        public void A_new_tag_a_deleted_tag_and_a_new_tag_in_a_folder_are_seen()
        {
            using var repo = Registered();
            var cache = new RegistryCache();
            Assert.Equal(new[] { "a" }, Names(cache, repo));
            repo.Tag("b@v1.0.0", T0);
            Assert.Equal(new[] { "a", "b" }, Names(cache, repo));
            Age(repo);
            repo.Git("tag", "-d", "a@v1.0.0");
            Assert.Equal(new[] { "b" }, Names(cache, repo));
            Age(repo);
            repo.Git("tag", "-d", "b@v1.0.0");
            repo.Git("pack-refs", "--all");
            Age(repo);
            Assert.Empty(Names(cache, repo));
            repo.Tag("models/c@v1.0.0", T0);
            Assert.Equal(new[] { "models/c" }, Names(cache, repo));
            cache.Clear();
        }

        [Fact]
        public void A_moved_head_and_a_changed_config_are_seen()
        {
            using var repo = Registered();
            var cache = new RegistryCache();
            Assert.Equal(new[] { "dev", "prod" }, cache.Use(repo.Path, r => r.Queries.StageColumns().ToArray()));
            repo.WriteFile(".gto", "stages: [qa]\n");
            Assert.Equal(new[] { "qa" }, cache.Use(repo.Path, r => r.Queries.StageColumns().ToArray()));
            Age(repo);
            // An artifact annotated at the new HEAD exists from then on (GTO's discovered versions).
            repo.Commit("two", ("artifacts.yaml", "annotated:\n  type: model\n"));
            Assert.Equal(new[] { "a", "annotated" }, Names(cache, repo));
            cache.Clear();
        }

        [Fact]
        public void A_stamp_taken_right_after_a_change_is_not_trusted()
        {
            using var repo = Registered();
            var gitDirectory = GitRepository.Discover(repo.Path);
            Assert.True(RefStamp.Take(gitDirectory, repo.Path).IsSettled);
            repo.Tag("b@v1.0.0", T0);
            var fresh = RefStamp.Take(gitDirectory, repo.Path);
            Assert.False(fresh.IsSettled);
            // Not settled: the cache reads again rather than trust it.
            var cache = new RegistryCache();
            var first = cache.Use(repo.Path, r => r);
            Assert.NotSame(first, cache.Use(repo.Path, r => r));
            cache.Clear();
        }

        [Fact]
        public void Queries_see_the_same_state_as_a_fresh_read()
        {
            using var repo = Registered();
            var cache = new RegistryCache();
            _ = Names(cache, repo);
            repo.Tag("a#prod#1", T0);
            using var fresh = Registry.Open(repo.Path);
            var cached = cache.Use(repo.Path, r => r.Queries.GetVersions("a", new ViewOptions()).Single().Stages.ToArray());
            Assert.Equal(fresh.Queries.GetVersions("a", new ViewOptions()).Single().Stages, cached);
            Assert.Equal(new[] { "prod" }, cached);
            cache.Clear();
        }
    }
}
