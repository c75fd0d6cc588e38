using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.Operations;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// The promotion checks of a write (docs/governance.md#promotion-checks). Before any tag is written: each
    /// assignment's version must hold the stages its rule requires in the trusted view, and a stage that names
    /// signers needs a signed write. Right after a signed assignment is written, its signature is checked as readers
    /// will check it; a tag by a signer the rule does not allow is deleted again and the write fails. -Force does not
    /// pass a policy.
    /// </summary>
    internal sealed class PolicyGate
    {
        private readonly RegistryPolicy _policy;
        private readonly GitRepository _git;

        private PolicyGate(RegistryPolicy policy, GitRepository git)
        {
            _policy = policy;
            _git = git;
        }

        /// <summary>Checks a plan before it is written; null when the registry has no policy (nothing to check).</summary>
        /// <exception cref="GtoException">PolicyViolation, InvalidPolicy.</exception>
        public static PolicyGate? Before(Registry registry, WritePlan plan, bool signing, CancellationToken cancellation = default)
        {
            var assignments = plan.Changes.Where(c => !c.Delete && c.Action == TagAction.Assign).ToList();
            if (assignments.Count == 0) return null;
            var policy = RegistryPolicy.Load(registry.Context.Git, out _);
            if (policy == null) return null;
            PolicyEvaluator? evaluator = null;
            foreach (var change in assignments)
            {
                TagNames.TryParse(change.Tag, out var parsed);
                var rule = policy.RuleFor(parsed.Stage);
                if (rule == null) continue;
                evaluator ??= TrustedView.Evaluate(registry.Context.Git, policy, TrustedView.GtoTags(registry.Snapshot.Tags), cancellation);
                var broken = PolicyEvaluator.MissingStages(rule, evaluator.Held(parsed.Artifact, change.Commit));
                if (rule.Signers != null && !signing)
                    broken.Add($"stage '{rule.Stage}' must be assigned by a tag signed by one of: {rule.SignerList}; add -Sign " +
                               "(or set tag.gpgSign) with one of those keys as your signing key");
                if (broken.Count > 0) throw Violation(policy, change, parsed, broken, written: false);
            }
            return new PolicyGate(policy, registry.Context.Git);
        }

        /// <summary>Checks the signature of an assignment just written; deletes the tag and throws when its signer is not allowed.</summary>
        public void AfterSigned(TagChange change, CancellationToken cancellation = default)
        {
            if (change.Action != TagAction.Assign) return;
            TagNames.TryParse(change.Tag, out var parsed);
            var rule = _policy.RuleFor(parsed.Stage);
            if (rule?.Signers == null) return;
            var signature = new TagVerifier(_git.Root, _git.GitDirectory).Verify(change.Tag, cancellation);
            var problem = PolicyEvaluator.SignerProblem(rule, signature);
            if (problem == null) return;
            _git.DeleteTag(change.Tag);
            throw Violation(_policy, change, parsed, new List<string> { problem }, written: true);
        }

        private static GtoException Violation(RegistryPolicy policy, TagChange change, ParsedTag parsed, List<string> broken, bool written) =>
            new GtoException(GtoErrors.PolicyViolation,
                $"The policy in {policy.Source} refuses assigning '{parsed.Stage}' to {parsed.Artifact} {change.Version}: " +
                string.Join("; and ", broken) + (written ? " (the signed tag was deleted again)." : ". Nothing was written."),
                change.Tag);
    }
}
