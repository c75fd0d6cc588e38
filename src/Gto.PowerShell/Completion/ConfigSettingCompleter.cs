using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Gto.Engine.Config;

namespace Gto.PowerShell.Completion
{
    /// <summary>Completes Get-GtoConfig -Name with the settings GTO knows; no registry is read.</summary>
    public sealed class ConfigSettingCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            RegistryConfig.SettingNames
                .Where(n => n.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, $"{n} (overridden by GTO_{n.ToUpperInvariant()})"))
                .ToList();
    }
}
