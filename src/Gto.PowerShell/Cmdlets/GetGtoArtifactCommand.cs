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
        /// <summary>Artifact names to return; wildcards allowed. Bound from a piped object's Name or Artifact property.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        /// <summary>A piped string is an artifact name; other objects bind by their properties (Name, Repository).</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var names = NamesOf(InputObject, Name);
            var registry = OpenRegistry();
            var patterns = Patterns(names);
            var found = new HashSet<string>();
            foreach (var artifact in registry.Queries.GetArtifacts(Options()))
            {
                if (!Matches(patterns, artifact.Name)) continue;
                found.Add(artifact.Name);
                WriteObject(artifact);
            }
            ReportUnmatched(names, found, registry, deprecatedHidden: !IncludeDeprecated);
        }
    }
}
