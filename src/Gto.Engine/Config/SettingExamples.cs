using System.Collections.Generic;

namespace Gto.Engine.Config
{
    /// <summary>
    /// A well-formed example of each setting, in <c>.gto</c> (YAML) and as its <c>GTO_*</c> variable (JSON), so an
    /// InvalidConfig message shows the form it expected next to the value it refused.
    /// </summary>
    internal static class SettingExamples
    {
        private static readonly Dictionary<string, (string File, string Variable)> Examples = new Dictionary<string, (string, string)>
        {
            ["INDEX"] = ("INDEX: meta/artifacts.yaml", "GTO_INDEX='meta/artifacts.yaml'"),
            ["CONFIG_FILE_NAME"] = ("CONFIG_FILE_NAME: .gto", "GTO_CONFIG_FILE_NAME='.gto'"),
            ["LOG_LEVEL"] = ("LOG_LEVEL: INFO", "GTO_LOG_LEVEL='INFO'"),
            ["DEBUG"] = ("DEBUG: false", "GTO_DEBUG='false'"),
            ["EMOJIS"] = ("EMOJIS: true", "GTO_EMOJIS='true'"),
            ["types"] = ("types: [model, dataset]", "GTO_TYPES='[\"model\",\"dataset\"]'"),
            ["stages"] = ("stages: [dev, prod]", "GTO_STAGES='[\"dev\",\"prod\"]'"),
            ["enrichments"] = ("enrichments: [{type: gto}]", "GTO_ENRICHMENTS='[{\"type\":\"gto\"}]'"),
            ["autoload_enrichments"] = ("autoload_enrichments: true", "GTO_AUTOLOAD_ENRICHMENTS='true'"),
        };

        /// <summary>The example line for <paramref name="key"/> in <c>.gto</c>.</summary>
        public static string InFile(string key) => Examples[key].File;

        /// <summary>The example assignment of <paramref name="key"/>'s variable.</summary>
        public static string AsVariable(string key) => Examples[key].Variable;
    }
}
