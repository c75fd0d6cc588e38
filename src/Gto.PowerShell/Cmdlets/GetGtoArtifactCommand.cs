using System.Collections.Generic;
using System.Management.Automation;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoArtifact: the registry, one object per artifact (GTO <c>show</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "GtoArtifact", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoArtifact.md")]
    [OutputType(typeof(Artifact))]
    public sealed class GetGtoArtifactCommand : GtoViewCmdlet
    {
        /// <summary>Artifact names to return; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void Complete()
        {
            var registry = OpenRegistry();
            var patterns = Patterns(Name);
            var found = new HashSet<string>();
            foreach (var artifact in registry.Queries.GetArtifacts(Options()))
            {
                if (!Matches(patterns, artifact.Name)) continue;
                found.Add(artifact.Name);
                WriteObject(artifact);
            }
            ReportUnmatched(Name, found);
        }
    }
}
