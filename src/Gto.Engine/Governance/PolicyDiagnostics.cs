using System.Collections.Generic;
using System.Threading;

namespace Gto.Engine.Governance
{
    /// <summary>Test-GtoRegistry's governance part: every assignment in the history the policy does not count, one Diagnostic each.</summary>
    internal static class PolicyDiagnostics
    {
        /// <summary>Nothing when the registry has no policy; an InvalidPolicy diagnostic when the policy cannot be read.</summary>
        public static List<Diagnostic> Run(string path, string? location = null, CancellationToken cancellation = default)
        {
            using var registry = Registry.Open(path, location, cancellation);
            RegistryPolicy? policy;
            try
            {
                policy = RegistryPolicy.Load(registry.Context.Git, out _);
            }
            catch (GtoException ex) when (ex.Error == GtoErrors.InvalidPolicy)
            {
                return new List<Diagnostic> { new Diagnostic
                {
                    Repository = registry.Context.Location, Severity = DiagnosticSeverity.Error, Id = "InvalidPolicy",
                    Target = RegistryPolicy.FileName, Message = ex.Message,
                } };
            }
            if (policy == null) return new List<Diagnostic>();
            var evaluator = TrustedView.Evaluate(registry.Context.Git, policy, TrustedView.GtoTags(registry.Snapshot.Tags), cancellation);
            return TrustedView.Diagnostics(registry.Context.Location, policy, evaluator);
        }
    }
}
