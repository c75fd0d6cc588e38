using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine;
using Gto.Engine.Queries;

namespace Gto.PowerShell.Completion
{
    /// <summary>
    /// Completes the versions of the artifact already on the command line (its -Name or -Artifact, which may be a
    /// Get-GtoVersion shortcut or, for Get-GtoHistory, wildcards), greatest first; with no artifact given, the versions
    /// of every artifact.
    /// </summary>
    public sealed class VersionCompleter : RegistryCompleter
    {
        private protected override IEnumerable<Candidate> Candidates(Registry registry, string word, IDictionary fakeBoundParameters)
        {
            var given = CompletionSupport.Bound(fakeBoundParameters, "Name", "Artifact")
                .Select(n => Shortcut.Parse(n, out _)).ToList();
            var artifacts = given.Count == 0 ? registry.Queries.ArtifactNames.ToList() : CompletionSupport.SelectArtifacts(registry, given);
            var options = new ViewOptions
            {
                IncludeDeprecated = CompletionSupport.Switch(fakeBoundParameters, "IncludeDeprecated"),
                RegisteredOnly = CompletionSupport.Switch(fakeBoundParameters, "RegisteredOnly"),
                VersionsPerStage = -1,
            };
            return artifacts.SelectMany(a => Versions(registry, a, options)).ToList();
        }

        /// <summary>The artifact's versions, greatest first, each with its commit, stages and author as the tooltip.</summary>
        internal static IEnumerable<Candidate> Versions(Registry registry, string artifact, ViewOptions options) =>
            CompletionCache.Remember(registry,
                $"versions\n{artifact}\n{options.IncludeDeprecated}\n{options.RegisteredOnly}\n{options.VersionsPerStage}\n{options.AssignmentsPerVersion}\n{options.Sort}",
                () => registry.Queries.GetVersions(artifact, options).Select(v => new Candidate(v.Version, ToolTip(v))).ToList());

        private static string ToolTip(ArtifactVersion v)
        {
            var commit = v.Commit.Length > 7 ? v.Commit.Substring(0, 7) : v.Commit;
            var what = v.IsRegistered ? "registered" : "discovered (not registered)";
            var text = $"{v.Artifact} {v.Version}: {what}, commit {commit}";
            if (v.Stages.Count > 0) text += "; stages " + string.Join(", ", v.Stages);
            if (!v.IsActive) text += "; deregistered";
            return text + $"\n{v.CreatedAt:yyyy-MM-dd HH:mm} by {v.Author}";
        }
    }
}
