using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine;
using Gto.Engine.Queries;

namespace Gto.PowerShell.Completion
{
    /// <summary>
    /// Completes artifact names (every artifact of the registry, deprecated ones too), ordinally sorted, from the
    /// repository the command line's -Repository (or the current location) points at.
    /// </summary>
    public sealed class ArtifactNameCompleter : RegistryCompleter
    {
        private protected override bool Sorted => true;

        private protected override IEnumerable<Candidate> Candidates(Registry registry, string word, IDictionary fakeBoundParameters) =>
            Artifacts(registry);

        /// <summary>Every artifact, with its latest version and the versions in its stages as the tooltip.</summary>
        internal static IEnumerable<Candidate> Artifacts(Registry registry) =>
            CompletionCache.Remember(registry, "artifacts", () => registry.Queries.GetArtifacts(new ViewOptions { IncludeDeprecated = true })
                .Select(a => new Candidate(a.Name, ToolTip(a))).ToList());

        private static string ToolTip(Artifact a)
        {
            var parts = new List<string> { "latest " + (a.Latest ?? "(none)") };
            parts.AddRange(a.Stages.Where(s => s.Versions != null).Select(s => s.Stage + " " + s.Versions));
            if (a.IsDeprecated) parts.Add("deprecated");
            if (!a.IsRegistered) parts.Add("annotated only, no tags");
            var text = a.Name + ": " + string.Join("; ", parts);
            if (a.Annotation != null)
            {
                var about = string.Join(" ", new[] { a.Annotation.Type, a.Annotation.Path }.Where(x => !string.IsNullOrEmpty(x)));
                if (about.Length > 0) text += "\n" + about;
                if (!string.IsNullOrEmpty(a.Annotation.Description)) text += "\n" + a.Annotation.Description;
            }
            return text;
        }
    }
}
