using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine;

namespace Gto.PowerShell.Completion
{
    /// <summary>
    /// Completes stage names: the stages the <c>.gto</c> file allows, in its order, then the stages in use that it
    /// does not list (or, with no <c>stages</c> in <c>.gto</c>, every stage in use), sorted.
    /// </summary>
    public sealed class StageCompleter : RegistryCompleter
    {
        private protected override IEnumerable<Candidate> Candidates(Registry registry, string word, IDictionary fakeBoundParameters) =>
            Stages(registry);

        /// <summary>Configured stages, then stages in use; each with where it comes from as the tooltip.</summary>
        internal static IEnumerable<Candidate> Stages(Registry registry) => CompletionCache.Remember(registry, "stages", () =>
        {
            var configured = registry.Context.Config.Stages ?? Array.Empty<string>();
            var used = registry.Queries.GetStages(usedOnly: true).Select(s => s.Name).ToList();
            var names = configured.Concat(used.Where(u => !configured.Contains(u)).OrderBy(u => u, StringComparer.Ordinal));
            return names.Select(n => new Candidate(n, ToolTip(n, configured.Contains(n), used.Contains(n), registry.Context.Config.Stages != null)))
                .ToList();
        });

        private static string ToolTip(string stage, bool configured, bool used, bool restricted)
        {
            var from = configured ? "allowed by .gto" : restricted ? "not allowed by .gto" : "any stage is allowed (no stages in .gto)";
            return $"Stage '{stage}': {from}; {(used ? "in use" : "not in use")}";
        }
    }
}
