using System;
using System.Collections;
using System.IO;
using System.Linq;
using Gto.Engine.Annotations;
using Gto.Engine.Config;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>.gto and GTO_* values of the wrong shape, and INDEX kept inside the work tree.</summary>
    public class YamlConfigTests
    {
        private const string GtoPath = "/repo/.gto";
        private static readonly IDictionary NoEnvironment = new Hashtable();

        private static GtoException Invalid(string text, IDictionary? environment = null)
        {
            var ex = Assert.Throws<GtoException>(() => RegistryConfig.Parse(text, GtoPath, environment ?? NoEnvironment));
            Assert.Equal("InvalidConfig", ex.ErrorId);
            return ex;
        }

        [Theory]
        [InlineData("[a]: b")]
        [InlineData("{a: b}: c")]
        [InlineData("? [stages]\n: [dev]")]
        [InlineData("INDEX: [a]")]
        [InlineData("INDEX: {a: b}")]
        [InlineData("stages: {a: b}")]
        [InlineData("stages: dev")]
        [InlineData("stages: [[dev]]")]
        [InlineData("stages: [{a: b}]")]
        [InlineData("types: [[x]]")]
        [InlineData("types: {x: y}")]
        [InlineData("enrichments: [[x]]")]
        [InlineData("enrichments: {type: gto}")]
        [InlineData("enrichments: [{type: [gto]}]")]
        [InlineData("enrichments: [{config: {}}]")]
        [InlineData("autoload_enrichments: [x]")]
        [InlineData("autoload_enrichments: maybe")]
        [InlineData("DEBUG: {a: b}")]
        [InlineData("EMOJIS: [true]")]
        [InlineData("LOG_LEVEL: [a]")]
        [InlineData("CONFIG_FILE_NAME: {a: b}")]
        [InlineData("stages: &s [*s]")]
        [InlineData("- a\n- b")]
        public void A_value_of_the_wrong_shape_is_InvalidConfig_naming_the_file(string text) =>
            Assert.Contains($"Wrong config file '{GtoPath}'", Invalid(text).Message);

        [Theory]
        [InlineData("stages: [dev, prod]\nINDEX: meta/index.yaml\nDEBUG: false\nEMOJIS: 'yes'\nLOG_LEVEL: INFO\nenrichments: [{type: gto}]\n")]
        [InlineData("stages:\ntypes: ~\nINDEX:\n")]
        [InlineData("")]
        [InlineData("~")]
        public void Good_settings_still_read(string text) => RegistryConfig.Parse(text, GtoPath, NoEnvironment);

        [Theory]
        [InlineData("GTO_STAGES", "{\"a\": 1}")]
        [InlineData("GTO_STAGES", "[[\"dev\"]]")]
        [InlineData("GTO_STAGES", "&a [*a]")]
        [InlineData("gto_types", "[\"bad name\"]")]
        [InlineData("GTO_INDEX", "../outside.yaml")]
        [InlineData("GTO_INDEX", "[\"a\"]")]
        [InlineData("GTO_DEBUG", "[1]")]
        public void A_bad_variable_is_InvalidConfig_naming_the_variable(string name, string value)
        {
            var ex = Invalid("stages: [dev]\n", new Hashtable { [name] = value });
            Assert.Contains(name, ex.Message);
            Assert.DoesNotContain(GtoPath, ex.Message);
            Assert.Equal(name, ex.Target);
        }

        [Fact]
        public void An_alias_bomb_in_a_variable_is_refused_where_it_passes_the_limit()
        {
            var bomb = "[" + string.Join(", ", Enumerable.Range(0, 9).Select(i => $"&a{i} [" +
                (i == 0 ? "lol, lol, lol, lol, lol, lol, lol, lol, lol" : string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))) + "]")) + "]";
            var message = Invalid("", new Hashtable { ["GTO_STAGES"] = bomb }).Message;
            Assert.Contains("GTO_STAGES", message);
            // Levels a0 to a4 stand for 74,733 values; the first alias of a5 passes 100,000, and reading stops there.
            var firstAliasOfA5 = bomb.IndexOf("&a5 [", StringComparison.Ordinal) + "&a5 [".Length + 1;
            Assert.Contains($"once aliases are expanded (line 1, column {firstAliasOfA5})", message);
        }

        [Theory]
        [InlineData("../outside.yaml", "'..'")]
        [InlineData("sub/../../outside.yaml", "'..'")]
        [InlineData("..\\\\outside.yaml", "'..'")]
        [InlineData("/tmp/outside.yaml", "absolute")]
        [InlineData("\\\\\\\\server\\\\share\\\\x.yaml", "absolute")]
        [InlineData("C:/outside.yaml", "drive letter")]
        [InlineData("C:outside.yaml", "drive letter")]
        [InlineData("artifacts.yaml:stream", "stream")]
        [InlineData(".git/artifacts.yaml", ".git")]
        [InlineData(".GIT/config", ".git")]
        [InlineData("sub/.Git/x.yaml", ".git")]
        [InlineData(".git./x.yaml", ".git")]
        [InlineData(".git /x.yaml", ".git")]
        [InlineData("GIT~1/x.yaml", ".git")]
        [InlineData("a\\0b.yaml", "control character")]
        [InlineData("a\\nb.yaml", "control character")]
        [InlineData("meta/", "folder")]
        public void An_index_that_could_leave_the_work_tree_is_InvalidConfig(string index, string reason)
        {
            var ex = Invalid($"INDEX: \"{index}\"\n");
            Assert.Contains(reason, ex.Message);
            Assert.DoesNotContain("\0", ex.Message);
        }

        [Theory]
        [InlineData("meta/index.yaml")]
        [InlineData("a..b/x.yaml")]
        [InlineData(".gitignore.yaml")]
        [InlineData("git/x.yaml")]
        public void An_index_inside_the_work_tree_is_kept(string index) =>
            Assert.Equal(index, RegistryConfig.Parse($"INDEX: '{index}'\n", GtoPath, NoEnvironment).Index);

        [Fact]
        public void Set_annotation_refuses_an_index_through_a_link_and_writes_nothing()
        {
            if (OperatingSystem.IsWindows()) return; // creating links needs a privilege there
            using var repo = new TestRepository();
            var outside = Directory.CreateDirectory(repo.Path + "-outside").FullName;
            try
            {
                repo.Commit("one", (".gto", "INDEX: link/index.yaml\n"));
                Directory.CreateSymbolicLink(Path.Combine(repo.Path, "link"), outside);
                using var r = RepositoryContext.Open(repo.Path);
                var ex = Assert.Throws<GtoException>(() => AnnotationEditorTests.Set(r, "m", new AnnotationUpdate { Type = "model" }));
                Assert.Equal("InvalidConfig", ex.ErrorId);
                Assert.Contains("link", ex.Message);
                Assert.Empty(Directory.GetFiles(outside));
            }
            finally
            {
                Directory.Delete(outside, true);
            }
        }

        [Fact]
        public void Set_annotation_does_not_write_through_a_linked_index_file()
        {
            if (OperatingSystem.IsWindows()) return;
            using var repo = new TestRepository();
            var outside = repo.Path + "-outside.yaml";
            try
            {
                repo.Commit("one");
                File.CreateSymbolicLink(Path.Combine(repo.Path, "artifacts.yaml"), outside);
                using var r = RepositoryContext.Open(repo.Path);
                Assert.Equal("DamagedAnnotationFile", Assert.Throws<GtoException>(() =>
                    AnnotationEditorTests.Set(r, "m", new AnnotationUpdate { Type = "model" })).ErrorId);
                Assert.False(File.Exists(outside));
            }
            finally
            {
                File.Delete(outside);
            }
        }

        [Fact]
        public void Set_annotation_writes_an_index_in_a_sub_folder()
        {
            using var repo = new TestRepository();
            repo.Commit("one", (".gto", "INDEX: meta/index.yaml\n"), ("meta/keep", ""));
            using var r = RepositoryContext.Open(repo.Path);
            AnnotationEditorTests.Set(r, "m", new AnnotationUpdate { Type = "model" });
            Assert.Equal("m:\n  type: model\n", File.ReadAllText(Path.Combine(repo.Path, "meta", "index.yaml")).Replace("\r\n", "\n"));
        }

        [Fact]
        public void A_huge_gto_is_refused_before_it_is_read()
        {
            using var repo = new TestRepository();
            repo.Commit("one");
            repo.WriteFile(".gto", "stages: [dev]\n#" + new string('x', 2 * 1024 * 1024));
            var ex = Assert.Throws<GtoException>(() => Registry.Open(repo.Path));
            Assert.Equal("InvalidConfig", ex.ErrorId);
            Assert.Contains("larger than 1 MiB", ex.Message);
        }
    }
}
