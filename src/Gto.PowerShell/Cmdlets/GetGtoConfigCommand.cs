using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Config;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Get-GtoConfig: the configuration in effect (the settings part of GTO <c>doctor</c>), one object per setting with
    /// where its value came from.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GtoConfig", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoConfig.md")]
    [OutputType(typeof(ConfigSetting))]
    public sealed class GetGtoConfigCommand : GtoCmdlet
    {
        // Each repository is described once per command, however many piped objects name it.
        private readonly HashSet<string> _described = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Setting names to return (case-insensitive); wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ConfigSettingCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var path = RepositoryPath();
            this.Verbose($"Reading the configuration of '{path}'.");
            var config = RegistryConfig.ForRepository(path, out var root);
            if (!_described.Add(root)) return;
            var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToList();
            var settings = config.Describe(RemoteLocation ?? root);
            foreach (var setting in settings)
                if (patterns == null || patterns.Any(p => p.IsMatch(setting.Name)))
                    WriteObject(setting);
        }

        /// <summary>
        /// A literal name that is no setting is an error, and a misspelt variable a warning, once, whatever the number
        /// of repositories.
        /// </summary>
        protected override void Complete()
        {
            foreach (var (variable, meant) in RegistryConfig.MisspeltVariables())
                this.Warn($"The environment variable {variable} is not a GTO setting, so GTO and Gto ignore it. Did you mean {meant}?");
            foreach (var name in Name ?? Array.Empty<string>())
                if (!WildcardPattern.ContainsWildcardCharacters(name) && !RegistryConfig.SettingNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    WriteError(ToErrorRecord(new GtoException(GtoErrors.SettingNotFound,
                        $"Cannot find the setting '{name}'. The settings are {string.Join(", ", RegistryConfig.SettingNames)}.", name)));
        }
    }
}
