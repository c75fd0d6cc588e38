using System.Collections.Generic;
using System.Threading;
using Gto.Engine.State;

namespace Gto.Engine.Governance
{
    /// <summary>Test-GtoRegistry's governance part: every assignment in the history the policy does not count, one Diagnostic each.</summary>
    internal static class PolicyDiagnostics
    {
        /// <summary>Nothing when the registry has no policy; an InvalidPolicy diagnostic when the policy cannot be read.</summary>
        /// <remarks>
        /// Replays the tags the doctor's <paramref name="snapshot"/> already read. The policy does not depend on
        /// <c>.gto</c>, so a snapshot read with the default settings after a broken <c>.gto</c> gives the same answer.
        /// </remarks>
        public static List<Diagnostic> Run(RegistrySnapshot snapshot, CancellationToken cancellation = default)
        {
            var git = snapshot.Context.Git;
            var location = snapshot.Context.Location;
            RegistryPolicy? policy;
            try
            {
                policy = RegistryPolicy.Load(git, out _);
            }
            catch (GtoException ex) when (ex.Error == GtoErrors.InvalidPolicy)
            {
                return new List<Diagnostic> { new Diagnostic
                {
                    Repository = location, Level = DiagnosticSeverity.Error, Id = "InvalidPolicy",
                    Target = RegistryPolicy.FileName, Message = ex.Message,
                } };
            }
            if (policy == null) return new List<Diagnostic>();
            var evaluator = TrustedView.Evaluate(git, policy, TrustedView.GtoTags(snapshot.Tags), cancellation);
            return TrustedView.Diagnostics(location, policy, evaluator);
        }
    }
}
