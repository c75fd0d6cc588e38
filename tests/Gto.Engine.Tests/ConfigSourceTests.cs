using System.Collections;
using System.IO;
using System.Linq;
using Gto.Engine.Config;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>Where each setting comes from (Get-GtoConfig), and messages that blame the file or the variable that is wrong.</summary>
    public class ConfigSourceTests
    {
        private const string GtoPath = "/repo/.gto";

        private static ConfigSetting Setting(RegistryConfig config, string name) => config.Describe("/repo").Single(s => s.Name == name);

        private static GtoException Refused(string? text, IDictionary environment) =>
            Assert.Throws<GtoException>(() => RegistryConfig.Parse(text, GtoPath, environment));

        [Fact]
        public void Without_a_file_or_variables_every_setting_is_its_default_in_doctor_order()
        {
            var settings = RegistryConfig.Parse(null, GtoPath, new Hashtable()).Describe("/repo");
            Assert.Equal(new[] { "INDEX", "CONFIG_FILE_NAME", "LOG_LEVEL", "DEBUG", "EMOJIS", "types", "stages", "enrichments", "autoload_enrichments" },
                settings.Select(s => s.Name));
            Assert.All(settings, s => Assert.Equal(ConfigSetting.FromDefault, s.Source));
            Assert.All(settings, s => Assert.Null(s.Origin));
            Assert.Equal(new object?[] { "artifacts.yaml", ".gto", "INFO", false, true, null, null }, settings.Take(7).Select(s => s.Value));
            Assert.Empty((ValueList)settings[7].Value!);
            Assert.Equal(true, settings[8].Value);
        }

        [Fact]
        public void A_file_setting_names_the_file_and_a_variable_overrides_it_naming_the_variable_as_spelled()
        {
            var config = RegistryConfig.Parse("stages: [dev, prod]\ntypes: [model]\nDEBUG: yes\n", GtoPath,
                new Hashtable { ["gto_stages"] = "[\"qa\"]", ["GTO_EMOJIS"] = "off", ["GTO_UNKNOWN"] = "x" });
            var stages = Setting(config, "stages");
            Assert.Equal((ConfigSetting.FromEnvironment, "gto_stages", "GTO_STAGES"), (stages.Source, stages.Origin, stages.Variable));
            Assert.Equal(new[] { "qa" }, (ValueList)stages.Value!);
            Assert.Equal(new[] { "qa" }, config.Stages);
            var types = Setting(config, "types");
            Assert.Equal((ConfigSetting.FromFile, GtoPath), (types.Source, types.Origin));
            Assert.Equal("model", types.Value!.ToString());
            Assert.Equal(true, Setting(config, "DEBUG").Value);
            Assert.Equal((false, ConfigSetting.FromEnvironment), ((bool)Setting(config, "EMOJIS").Value!, Setting(config, "EMOJIS").Source));
        }

        [Fact]
        public void The_empty_stage_list_is_an_empty_list_not_null()
        {
            var value = Setting(RegistryConfig.Parse("stages: []\n", GtoPath, new Hashtable()), "stages").Value;
            Assert.Empty(Assert.IsType<ValueList>(value));
        }

        [Theory]
        [InlineData("GTO_STAGES", "dev", "$env:GTO_STAGES = '[\"dev\",\"prod\"]'")]
        [InlineData("GTO_STAGES", "[dev", "$env:GTO_STAGES = '[\"dev\",\"prod\"]'")]
        [InlineData("gto_types", "{\"a\": 1}", "$env:gto_types = '[\"model\",\"dataset\"]'")]
        [InlineData("GTO_INDEX", "../out.yaml", "$env:GTO_INDEX = 'meta/artifacts.yaml'")]
        [InlineData("GTO_DEBUG", "maybe", "$env:GTO_DEBUG = 'false'")]
        [InlineData("GTO_ENRICHMENTS", "[{\"type\":\"mlem\"}]", "$env:GTO_ENRICHMENTS = '[{\"type\":\"gto\"}]'")]
        public void A_bad_variable_is_blamed_on_the_variable_with_its_value_and_the_form_it_needs(string name, string value, string example)
        {
            var ex = Refused("stages: [dev]\n", new Hashtable { [name] = value });
            Assert.Equal("InvalidConfig", ex.ErrorId);
            Assert.Equal(name, ex.Target);
            Assert.StartsWith($"The environment variable {name} holds '{value}', which is invalid: ", ex.Message);
            Assert.Contains(example, ex.Message);
            Assert.Contains($"Remove-Item Env:{name}", ex.Message);
            Assert.DoesNotContain(GtoPath, ex.Message);
        }

        [Theory]
        [InlineData("stages: dev\n", "'stages' must be a list of names (found 'dev'); write it like 'stages: [dev, prod]'")]
        [InlineData("DEBUG: maybe\n", "'DEBUG' must be true or false (found 'maybe'); write it like 'DEBUG: false'")]
        [InlineData("types: {a: b}\n", "(found a mapping); write it like 'types: [model, dataset]'")]
        [InlineData("Stages: [dev]\n", "unknown setting 'Stages'; did you mean 'stages'?")]
        [InlineData("STAGES: [dev]\n", "unknown setting 'STAGES'; did you mean 'stages'?")]
        [InlineData("stage: [dev]\n", "unknown setting 'stage'; did you mean 'stages'?")]
        [InlineData("colour: red\n", "unknown setting 'colour' (known: INDEX, CONFIG_FILE_NAME,")]
        public void A_bad_file_is_blamed_on_the_file_and_key_with_the_value_and_the_form_it_needs(string text, string reason)
        {
            var ex = Refused(text, new Hashtable());
            Assert.Equal("InvalidConfig", ex.ErrorId);
            Assert.Equal(GtoPath, ex.Target);
            Assert.StartsWith($"Wrong config file '{GtoPath}': ", ex.Message);
            Assert.Contains(reason, ex.Message);
        }

        [Fact]
        public void A_variable_one_or_two_edits_from_a_setting_is_named_with_the_one_it_meant()
        {
            var environment = new Hashtable { ["GTO_STAGE"] = "[]", ["gto_emoji"] = "0", ["GTO_MODULE_PATH"] = "/x", ["GTO_STAGES"] = "[]" };
            Assert.Equal(new[] { ("GTO_STAGE", "GTO_STAGES"), ("gto_emoji", "GTO_EMOJIS") }, RegistryConfig.MisspeltVariables(environment));
        }

        [Fact]
        public void A_good_variable_over_a_bad_file_value_is_not_an_error()
        {
            var config = RegistryConfig.Parse("stages: dev\n", GtoPath, new Hashtable { ["GTO_STAGES"] = "[\"dev\"]" });
            Assert.Equal(new[] { "dev" }, config.Stages);
        }

        [Theory]
        [InlineData("stages: [dev, prod]\n", null, "The stage 'qa' is not allowed: 'stages' in .gto ('/repo/.gto') lists 'dev', 'prod'.")]
        [InlineData("stages: [dev]\n", "[\"dev\",\"prod\"]", "The stage 'qa' is not allowed: the environment variable GTO_STAGES lists 'dev', 'prod'.")]
        [InlineData("", "[]", "The stage 'qa' is not allowed: the environment variable GTO_STAGES is an empty list, so no stage is allowed.")]
        public void A_stage_that_is_not_allowed_is_named_with_the_list_and_where_it_comes_from(string text, string? variable, string message)
        {
            var environment = variable == null ? new Hashtable() : new Hashtable { ["GTO_STAGES"] = variable };
            var ex = Assert.Throws<GtoException>(() => RegistryConfig.Parse(text, GtoPath, environment).AssertStageAllowed("qa"));
            Assert.Equal(("StageNotAllowed", "qa"), (ex.ErrorId, ex.Target as string));
            Assert.StartsWith(message, ex.Message);
        }

        [Fact]
        public void A_bare_repository_reads_the_file_at_HEAD()
        {
            using var repo = new TestRepository();
            repo.Commit("config", (".gto", "stages: [dev]\n"));
            var bare = repo.Path + "-bare";
            try
            {
                repo.Git("clone", "--bare", "-q", repo.Path, bare);
                var stages = Setting(RegistryConfig.ForRepository(bare, out var root), "stages");
                Assert.Equal(Path.GetFullPath(bare), root);
                Assert.Equal((ConfigSetting.FromFile, "HEAD:.gto"), (stages.Source, stages.Origin));
            }
            finally
            {
                if (Directory.Exists(bare)) Directory.Delete(bare, true);
            }
        }

        [Fact]
        public void A_work_tree_reads_the_file_of_the_work_tree_from_a_subfolder()
        {
            using var repo = new TestRepository();
            repo.Commit("one", ("sub/keep", ""));
            repo.WriteFile(".gto", "INDEX: meta/index.yaml\n");
            var index = Setting(RegistryConfig.ForRepository(Path.Combine(repo.Path, "sub"), out var root), "INDEX");
            Assert.Equal(Path.Combine(root, ".gto"), index.Origin);
            Assert.Equal("meta/index.yaml", index.Value);
        }
    }
}
