using System.Collections.Generic;

namespace Gto.Engine.Config
{
    /// <summary>
    /// A well-formed example of each setting, in <c>.gto</c> (YAML) and as the value of its <c>GTO_*</c> variable (JSON), so an
    /// InvalidConfig message shows the form it expected next to the value it refused.
    /// </summary>
    internal static class SettingExamples
    {
        private static readonly Dictionary<string, (string File, string Variable)> Examples = new Dictionary<string, (string, string)>
        {
            ["INDEX"] = ("INDEX: meta/artifacts.yaml", "meta/artifacts.yaml"),
            ["CONFIG_FILE_NAME"] = ("CONFIG_FILE_NAME: .gto", ".gto"),
            ["LOG_LEVEL"] = ("LOG_LEVEL: INFO", "INFO"),
            ["DEBUG"] = ("DEBUG: false", "false"),
            ["EMOJIS"] = ("EMOJIS: true", "true"),
            ["types"] = ("types: [model, dataset]", "[\"model\",\"dataset\"]"),
            ["stages"] = ("stages: [dev, prod]", "[\"dev\",\"prod\"]"),
            ["enrichments"] = ("enrichments: [{type: gto}]", "[{\"type\":\"gto\"}]"),
            ["autoload_enrichments"] = ("autoload_enrichments: true", "true"),
        };

        /// <summary>The example line for <paramref name="key"/> in <c>.gto</c>.</summary>
        public static string InFile(string key) => Examples[key].File;

        /// <summary>The example value of <paramref name="key"/>'s variable (JSON for lists and mappings).</summary>
        public static string VariableValue(string key) => Examples[key].Variable;
    }
}
