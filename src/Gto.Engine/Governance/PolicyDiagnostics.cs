using System.Collections.Generic;
using System.Threading;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>Test-GtoRegistry's governance part: every assignment in the history the policy does not count, one Diagnostic each.</summary>
    internal static class PolicyDiagnostics
    {
        /// <summary>Nothing when the registry has no policy; an InvalidPolicy diagnostic when the policy cannot be read.</summary>
        /// <remarks>Reads the tags itself, without <c>.gto</c>: a broken <c>.gto</c> is reported by the rest of Test-GtoRegistry.</remarks>
        public static List<Diagnostic> Run(string path, string? location = null, CancellationToken cancellation = default)
        {
            var gitDir = GitRepository.Discover(path);
            using var stream = GitRepository.ReadTags(gitDir, cancellation);
            using var git = GitRepository.OpenGitDirectory(gitDir);
            location ??= git.Root;
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
            var evaluator = TrustedView.Evaluate(git, policy, TrustedView.GtoTags(stream.Tags()), cancellation);
            return TrustedView.Diagnostics(location, policy, evaluator);
        }
    }
}
