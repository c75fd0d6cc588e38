using System.Collections.Generic;
using System.Threading;

namespace Gto.Engine.Governance
{
    /// <summary>Test-GtoRegistry's governance part: every assignment in the history the policy does not count, one Diagnostic each.</summary>
    public static class PolicyDiagnostics
    {
        /// <summary>Nothing when the registry has no policy; an InvalidPolicy diagnostic when the policy cannot be read.</summary>
        public static List<Diagnostic> Run(string path, string? location = null, CancellationToken cancellation = default)
        {
            using var registry = Registry.Open(path, location, cancellation);
            RegistryPolicy? policy;
            try
            {
                policy = RegistryPolicy.Load(registry.Git, out _);
            }
            catch (GtoException ex) when (ex.Error == GtoErrors.InvalidPolicy)
            {
                return new List<Diagnostic> { new Diagnostic(registry.Location, DiagnosticSeverity.Error, "InvalidPolicy", RegistryPolicy.FileName, ex.Message) };
            }
            if (policy == null) return new List<Diagnostic>();
            var evaluator = TrustedView.Evaluate(registry.Git, policy, TrustedView.GtoTags(registry.TagList), cancellation);
            return TrustedView.Diagnostics(registry.Location, policy, evaluator);
        }
    }
}
