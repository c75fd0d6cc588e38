using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine;
using Gto.Engine.Queries;

namespace Gto.PowerShell.Completion
{
    /// <summary>
    /// Completes Get-GtoVersion's -Name: artifact names, and once a shortcut separator is typed, GTO's shortcuts for
    /// that artifact: <c>name@</c> offers <c>name@latest</c>, <c>name@greatest</c> and <c>name@v1.2.3</c> for each
    /// version, <c>name#</c> offers <c>name#stage</c> for each stage. Shortcuts come back quoted.
    /// </summary>
    public sealed class ArtifactShortcutCompleter : RegistryCompleter
    {
        private protected override IEnumerable<Candidate> Candidates(Registry registry, string word, IDictionary fakeBoundParameters)
        {
            int at = word.IndexOfAny(new[] { '@', '#' });
            if (at < 0) return ArtifactNameCompleter.Artifacts(registry).OrderBy(c => c.Text, StringComparer.Ordinal);
            var artifact = word.Substring(0, at);
            if (!registry.Queries.HasArtifact(artifact)) return Array.Empty<Candidate>();
            var options = new ViewOptions { VersionsPerStage = -1 };
            return word[at] == '@' ? Versions(registry, artifact, options) : Stages(registry, artifact, options);
        }

        private static IEnumerable<Candidate> Versions(Registry registry, string artifact, ViewOptions options)
        {
            var versions = VersionCompleter.Versions(registry, artifact, options).ToList();
            var greatest = versions.Count > 0 ? versions[0].Text : "(none)";
            yield return new Candidate(artifact + "@latest", $"The greatest version of {artifact}: {greatest}");
            yield return new Candidate(artifact + "@greatest", $"The greatest version of {artifact}: {greatest}");
            foreach (var v in versions) yield return new Candidate(artifact + "@" + v.Text, v.ToolTip);
        }

        /// <summary>The stages the artifact's versions hold, in the registry's stage order.</summary>
        private static IEnumerable<Candidate> Stages(Registry registry, string artifact, ViewOptions options)
        {
            var held = registry.Queries.GetVersions(artifact, options)
                .SelectMany(v => v.Stages.Select(s => (Stage: s, v.Version)))
                .GroupBy(x => x.Stage, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Version).ToList(), StringComparer.Ordinal);
            var order = registry.Queries.StageColumns().Concat(held.Keys.OrderBy(k => k, StringComparer.Ordinal)).Distinct();
            foreach (var stage in order.Where(held.ContainsKey))
                yield return new Candidate(artifact + "#" + stage, $"{artifact} in stage '{stage}': {string.Join(", ", held[stage])}");
        }
    }
}
