using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gto.Engine.Git;
using Gto.Engine.Naming;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// The trusted view (docs/governance.md#the-trusted-view): the GTO tags are filtered before the state is folded,
    /// leaving out the assignments the policy does not count, so the fold itself is GTO's, unchanged.
    /// </summary>
    internal static class TrustedView
    {
        /// <summary>Removes the assignments the policy does not count from <paramref name="tags"/>; returns why each went.</summary>
        /// <exception cref="GtoException">PolicyNotFound: there is no policy to trust by (fail closed); InvalidPolicy.</exception>
        public static List<Diagnostic> Filter(GitRepository git, string location, List<(ParsedTag Parsed, RawTag Raw)> tags,
            CancellationToken cancellation)
        {
            var policy = RegistryPolicy.Load(git, out var revision) ?? throw new GtoException(GtoErrors.PolicyNotFound,
                $"-Trusted needs a policy, but there is no {RegistryPolicy.FileName} at {revision}. Commit one to the trusted " +
                $"branch, or set ${RegistryPolicy.RefVariable} to the revision that holds it (see docs/governance.md).", revision);
            var evaluator = Evaluate(git, policy, tags, cancellation);
            var rejected = evaluator.Rejected;
            tags.RemoveAll(t => rejected.Contains(t.Raw.Name));
            return Diagnostics(location, policy, evaluator);
        }

        public static PolicyEvaluator Evaluate(GitRepository git, RegistryPolicy policy, IReadOnlyList<(ParsedTag Parsed, RawTag Raw)> tags,
            CancellationToken cancellation)
        {
            var verifier = new TagVerifier(git.Root, git.GitDirectory);
            var evaluator = new PolicyEvaluator(policy, names => verifier.Verify(names, cancellation));
            evaluator.Replay(tags);
            return evaluator;
        }

        public static List<Diagnostic> Diagnostics(string location, RegistryPolicy policy, PolicyEvaluator evaluator) =>
            evaluator.Violations.Select(v => new Diagnostic
            {
                Repository = location, Level = DiagnosticSeverity.Warning, Id = "PolicyViolation", Target = v.Tag,
                Message = v.Describe(policy.Source),
            }).ToList();

        /// <summary>The GTO tags a registry's fold reads: annotated, well-formed, with a readable date.</summary>
        public static List<(ParsedTag Parsed, RawTag Raw)> GtoTags(IEnumerable<TagRef> refs)
        {
            var tags = new List<(ParsedTag, RawTag)>();
            foreach (var tag in refs)
                if (tag.Annotated != null && tag.Annotated.UnreadableDate == null &&
                    TagNames.TryParse(tag.Name, out var parsed) == TagNames.Match.Tag)
                    tags.Add((parsed, tag.Annotated));
            return tags;
        }
    }
}
