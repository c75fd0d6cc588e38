using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Git;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// Decides which assignment tags count under a policy (docs/governance.md#the-trusted-view). The assignment and
    /// unassignment tags are replayed in time order (tagger time, then the #N counter, then tag name); a stage is held by a commit
    /// of an artifact from a counted assignment until an unassignment. An assignment to a governed stage counts when
    /// its signature is by an allowed signer (if the stage names signers) and its commit holds every earlier stage
    /// the rule requires at that moment. Registrations, deregistrations, unassignments and deprecations always count:
    /// they can take a version out of a stage, never put one in.
    /// </summary>
    internal sealed class PolicyEvaluator
    {
        private readonly RegistryPolicy _policy;
        private readonly Func<IEnumerable<string>, IReadOnlyDictionary<string, TagSignature>> _verify;
        private readonly Dictionary<(string Artifact, string Commit), HashSet<string>> _held =
            new Dictionary<(string, string), HashSet<string>>();

        public PolicyEvaluator(RegistryPolicy policy, Func<IEnumerable<string>, IReadOnlyDictionary<string, TagSignature>> verify)
        {
            _policy = policy;
            _verify = verify;
        }

        /// <summary>Assignment tags that do not count, each with the rules it breaks.</summary>
        public List<PolicyViolation> Violations { get; } = new List<PolicyViolation>();

        public IReadOnlyCollection<string> Rejected => Violations.Select(v => v.Tag).ToHashSet(StringComparer.Ordinal);

        public void Replay(IReadOnlyList<(ParsedTag Parsed, RawTag Raw)> tags)
        {
            // Within one second, the #N counter (which Gto and GTO raise with every stage tag of an artifact) keeps the
            // order of writing: a promotion right after its staging assignment must not be replayed before it.
            var stageTags = tags.Where(t => t.Parsed.ActionKind == TagAction.Assign || t.Parsed.ActionKind == TagAction.Unassign)
                .OrderBy(t => t.Raw.When.ToUnixTimeSeconds()).ThenBy(t => t.Parsed.Counter).ToList();
            // Only assignments to stages that name signers need a signature check: one batch for all of them.
            var signatures = _verify(stageTags
                .Where(t => t.Parsed.ActionKind == TagAction.Assign && _policy.RuleFor(t.Parsed.Stage)?.Signers != null)
                .Select(t => t.Raw.Name));
            foreach (var (parsed, raw) in stageTags)
            {
                var held = Held(parsed.Artifact, raw.Target);
                if (parsed.ActionKind == TagAction.Unassign)
                {
                    held.Remove(parsed.Stage!);
                    continue;
                }
                var rule = _policy.RuleFor(parsed.Stage);
                var broken = rule == null ? new List<string>()
                    : Broken(rule, held, signatures.TryGetValue(raw.Name, out var s) ? s : null);
                if (broken.Count == 0) held.Add(parsed.Stage!);
                else Violations.Add(new PolicyViolation(raw.Name, parsed.Artifact, parsed.Stage!, broken));
            }
        }

        /// <summary>The stages the commit of an artifact holds now, after <see cref="Replay"/>.</summary>
        public HashSet<string> Held(string artifact, string commit)
        {
            if (!_held.TryGetValue((artifact, commit), out var set)) _held[(artifact, commit)] = set = new HashSet<string>(StringComparer.Ordinal);
            return set;
        }

        /// <summary>The rules an assignment breaks, each with what would satisfy it.</summary>
        public static List<string> Broken(StageRule rule, IReadOnlyCollection<string> held, TagSignature? signature)
        {
            var broken = MissingStages(rule, held);
            var signer = SignerProblem(rule, signature);
            if (signer != null) broken.Add(signer);
            return broken;
        }

        /// <summary>The earlier stages the rule requires that the version does not hold.</summary>
        public static List<string> MissingStages(StageRule rule, IReadOnlyCollection<string> held) =>
            rule.After.Where(required => !held.Contains(required))
                .Select(required => $"stage '{rule.Stage}' is assigned only after '{required}': assign '{required}' to this version first")
                .ToList();

        /// <summary>Why the tag's signature does not satisfy the rule's signers, or null when it does (or none are named).</summary>
        public static string? SignerProblem(StageRule rule, TagSignature? signature) =>
            rule.Signers == null || (signature != null && rule.Allows(signature)) ? null
                : $"stage '{rule.Stage}' must be assigned by a tag signed by one of: {rule.SignerList}; " + SignatureProblem(signature);

        private static string SignatureProblem(TagSignature? s) => s == null ? "the tag was not checked"
            : s.State == SignatureStatus.Valid ? $"this tag is signed by {s.Signer ?? s.Fingerprint}"
            : s.State == SignatureStatus.Unsigned ? "this tag is unsigned (write it with -Sign)"
            : $"this tag's signature is {s.Status} ({s.Detail})";
    }

    /// <summary>An assignment tag that does not count under the policy.</summary>
    internal sealed class PolicyViolation
    {
        public PolicyViolation(string tag, string artifact, string stage, IReadOnlyList<string> rules)
        {
            Tag = tag;
            Artifact = artifact;
            Stage = stage;
            Rules = rules;
        }

        public string Tag { get; }
        public string Artifact { get; }
        public string Stage { get; }
        public IReadOnlyList<string> Rules { get; }

        public string Describe(string source) =>
            $"The assignment tag '{Tag}' breaks the policy in {source}: {string.Join("; and ", Rules)}. It is not counted in the trusted view.";
    }
}
