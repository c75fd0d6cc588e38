using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.Yaml;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// The promotion policy: <c>.gto-policy.yaml</c> (a file of its own, because GTO rejects unknown keys in
    /// <c>.gto</c>), read from the trusted revision, never from the commit being promoted (docs/governance.md#the-policy-file).
    /// </summary>
    internal sealed class RegistryPolicy
    {
        public const string FileName = ".gto-policy.yaml";

        /// <summary>Names the revision the policy is read from, instead of the defaults.</summary>
        public const string RefVariable = "GTO_POLICY_REF";

        private RegistryPolicy(string source, IReadOnlyDictionary<string, StageRule> stages)
        {
            Source = source;
            Stages = stages;
        }

        /// <summary>Where the policy was read, for messages: ".gto-policy.yaml at refs/remotes/origin/HEAD (1a2b3c4)".</summary>
        public string Source { get; }

        /// <summary>The rules, by stage; a stage without rules is not governed.</summary>
        public IReadOnlyDictionary<string, StageRule> Stages { get; }

        public StageRule? RuleFor(string? stage) => stage != null && Stages.TryGetValue(stage, out var r) ? r : null;

        /// <summary>
        /// The revisions tried, in order: $env:GTO_POLICY_REF; the remote's default branch (origin/HEAD); in a bare
        /// repository (a clone of a remote registry) its HEAD, which is that default branch; then main and master.
        /// Never HEAD of a work tree: in a CI job that is the commit being promoted.
        /// </summary>
        public static IEnumerable<string> TrustedRevisions(bool bare)
        {
            var variable = Environment.GetEnvironmentVariable(RefVariable);
            if (!string.IsNullOrEmpty(variable))
            {
                // An explicit choice is the only one: falling back would read a policy the user did not name.
                yield return variable;
                yield break;
            }
            yield return "refs/remotes/origin/HEAD";
            if (bare) yield return "HEAD";
            yield return "refs/heads/main";
            yield return "refs/heads/master";
        }

        /// <summary>The policy at the first trusted revision that exists; null when that revision has no policy file (or none exists).</summary>
        public static RegistryPolicy? Load(GitRepository git, out string revisionTried)
        {
            revisionTried = string.Join(", ", TrustedRevisions(git.IsBare));
            foreach (var revision in TrustedRevisions(git.IsBare))
            {
                var commit = git.ResolveCommit(revision);
                if (commit == null) continue;
                revisionTried = revision;
                var source = $"{FileName} at {revision} ({commit.Substring(0, 7)})";
                var blob = git.FileId(commit, FileName);
                if (blob == null) return null;
                var tooLarge = SafeYaml.SizeProblem(git.BlobSize(blob));
                if (tooLarge != null) throw Invalid(source, tooLarge);
                return Parse(git.ReadBlob(blob), source);
            }
            return null;
        }

        public static RegistryPolicy Parse(string text, string source)
        {
            YamlValue? root;
            try
            {
                root = SafeYaml.Load(text);
            }
            catch (YamlInputException ex)
            {
                throw Invalid(source, ex.Message);
            }
            var stages = new Dictionary<string, StageRule>(StringComparer.Ordinal);
            if (root == null || root is YamlScalar { IsNull: true }) return new RegistryPolicy(source, stages);
            var top = root as YamlMap ?? throw Invalid(source, "the file must be a mapping with the key 'stages'");
            foreach (var entry in top.Entries)
                if (entry.Key != "stages") throw Invalid(source, $"unknown key '{entry.Key}' (the only key is 'stages')");
            var map = top.GetNonNull("stages");
            if (map == null) return new RegistryPolicy(source, stages);
            if (!(map is YamlMap stageMap)) throw Invalid(source, "'stages' must map stage names to rules");
            foreach (var (stage, value) in stageMap.Entries)
            {
                if (!Names.IsValidName(stage)) throw Invalid(source, $"'{stage}' is not a valid stage name");
                stages[stage] = ReadRule(stage, value, source);
            }
            return new RegistryPolicy(source, stages);
        }

        private static StageRule ReadRule(string stage, YamlValue value, string source)
        {
            if (value is YamlScalar { IsNull: true }) return new StageRule(stage, Array.Empty<string>(), null);
            if (!(value is YamlMap map)) throw Invalid(source, $"the rule of stage '{stage}' must be a mapping (after, signers)");
            foreach (var entry in map.Entries)
                if (entry.Key != "after" && entry.Key != "signers")
                    throw Invalid(source, $"unknown key '{entry.Key}' in the rule of stage '{stage}' (known: after, signers)");
            var after = Strings(map.GetNonNull("after"), $"stages.{stage}.after", source);
            foreach (var a in after)
                if (!Names.IsValidName(a)) throw Invalid(source, $"'{a}' in stages.{stage}.after is not a valid stage name");
            var signers = map.Get("signers") == null ? null : Strings(map.GetNonNull("signers"), $"stages.{stage}.signers", source);
            return new StageRule(stage, after, signers);
        }

        /// <summary>A list of strings, or one string standing for a list of one.</summary>
        private static IReadOnlyList<string> Strings(YamlValue? value, string where, string source) => value switch
        {
            null => Array.Empty<string>(),
            YamlScalar s => new[] { s.Text },
            YamlList l => l.Items.Select(i => i is YamlScalar s && !s.IsNull ? s.Text
                : throw Invalid(source, $"{where} must list strings")).ToList(),
            _ => throw Invalid(source, $"{where} must be a list of strings"),
        };

        private static GtoException Invalid(string source, string reason) =>
            new GtoException(GtoErrors.InvalidPolicy,
                $"{source} cannot be used: {reason}. Fix the file in a commit on the trusted branch (see docs/governance.md).", source);
    }

    /// <summary>What one stage requires of an assignment.</summary>
    internal sealed class StageRule
    {
        public StageRule(string stage, IReadOnlyList<string> after, IReadOnlyList<string>? signers)
        {
            Stage = stage;
            After = after;
            Signers = signers;
        }

        public string Stage { get; }
        /// <summary>Stages the version must hold (in the trusted view) when this stage is assigned.</summary>
        public IReadOnlyList<string> After { get; }
        /// <summary>Who may sign the assignment tag; null when any tag counts, signed or not.</summary>
        public IReadOnlyList<string>? Signers { get; }

        /// <summary>
        /// True when a Valid signature is by an allowed signer: an entry names the ssh principal, the openpgp user id or
        /// its e-mail, or the key fingerprint (case-insensitive).
        /// </summary>
        public bool Allows(TagSignature signature)
        {
            if (Signers == null) return true;
            if (!signature.IsValid) return false;
            return Signers.Any(s =>
                string.Equals(s, signature.Signer, StringComparison.Ordinal) ||
                string.Equals(s, signature.Fingerprint, StringComparison.OrdinalIgnoreCase) ||
                (signature.Signer != null && signature.Format != "ssh" && signature.Signer.EndsWith("<" + s + ">", StringComparison.OrdinalIgnoreCase)));
        }

        /// <summary>The signers, for messages.</summary>
        public string SignerList => Signers == null ? "" : string.Join(", ", Signers);
    }
}
