using System.Collections;
using Gto.Engine.Config;
using Gto.Engine.Queries;
using Xunit;

namespace Gto.Engine.Tests
{
    /// <summary>
    /// "Did you mean" hints: for names that selected nothing (artifacts, stages, versions) and for misspelt
    /// <c>.gto</c> keys and <c>GTO_*</c> variables. Both count a typo the same way: a letter missing, added or
    /// changed, or two neighbouring letters swapped, is one edit.
    /// </summary>
    public class NearNameTests
    {
        private static readonly string[] Stages = { "dev", "staging", "prod" };

        private static string Refusal(string gto) =>
            Assert.Throws<GtoException>(() => RegistryConfig.Parse(gto, "/repo/.gto", new Hashtable())).Message;

        [Theory]
        [InlineData("prdo", "prod")]   // a swap
        [InlineData("prd", "prod")]    // a letter missing
        [InlineData("Prod", "prod")]   // names are case-sensitive: a letter in the wrong case is one edit
        [InlineData("stgaing", "staging")]
        public void A_name_a_typo_away_is_hinted(string typed, string meant) =>
            Assert.Equal($" Did you mean '{meant}'?", NearNames.Hint(typed, Stages));

        [Theory]
        [InlineData("qa")]
        [InlineData("production")]
        public void A_name_far_from_every_known_one_gets_no_hint(string typed) => Assert.Equal("", NearNames.Hint(typed, Stages));

        [Fact]
        public void The_name_itself_is_never_its_own_hint() => Assert.Empty(NearNames.Of("prod", Stages));

        [Theory]
        [InlineData("stgaes", "stages")]  // a swap
        [InlineData("tpye", "types")]     // a swap and a letter missing: two edits
        [InlineData("Stgaes", "stages")]  // .gto keys are case-sensitive: the wrong case and a swap are two edits
        [InlineData("STAGES", "stages")]  // a key differing only in case is always named
        public void A_misspelt_gto_key_names_the_setting_it_meant(string key, string meant) =>
            Assert.Contains($"unknown setting '{key}'; did you mean '{meant}'?", Refusal($"{key}: [dev]\n"));

        [Theory]
        [InlineData("colour")]
        [InlineData("stgaesss")]  // a swap and two letters more
        public void A_gto_key_far_from_every_setting_gets_no_hint(string key)
        {
            var message = Refusal($"{key}: [dev]\n");
            Assert.Contains($"unknown setting '{key}' (known: ", message);
            Assert.DoesNotContain("did you mean", message);
        }

        [Theory]
        [InlineData("GTO_STGAES", "GTO_STAGES")]
        [InlineData("gto_tpye", "GTO_TYPES")]      // variable names ignore case: a swap and a letter missing
        [InlineData("GTO_Autoload_Enrichment", "GTO_AUTOLOAD_ENRICHMENTS")]
        public void A_misspelt_variable_names_the_variable_it_meant(string variable, string meant) =>
            Assert.Equal(new[] { (variable, meant) }, RegistryConfig.MisspeltVariables(new Hashtable { [variable] = "x" }));

        [Theory]
        [InlineData("GTO_MODULE_PATH")]
        [InlineData("GTO_STAGES")]
        [InlineData("GTO_STAGESXYZ")]
        public void A_variable_that_is_a_setting_or_far_from_every_one_is_left_alone(string variable) =>
            Assert.Empty(RegistryConfig.MisspeltVariables(new Hashtable { [variable] = "x" }));
    }
}
