using System.Collections.Generic;
using System.Management.Automation;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoAnnotation: artifact annotations from artifacts.yaml and dvc.yaml at a revision (GTO <c>describe</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "GtoAnnotation", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoAnnotation.md")]
    [OutputType(typeof(Annotation))]
    public sealed class GetGtoAnnotationCommand : GtoReadCmdlet
    {
        /// <summary>Artifact names; wildcards allowed. Bound from a piped object's Name or Artifact property.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        /// <summary>A piped string is an artifact name; other objects bind by their properties.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>
        /// The commit to read the files at (any revision git resolves; default HEAD). Bound from a piped object's Commit
        /// property (a version's or an event's commit); $null or empty means HEAD.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        // Commit first: PowerShell binds the first alias a piped object has, and a version's Ref is its tag.
        [Alias("Commit", "Rev", "Ref")]
        [ValidateNoControlCharacters]
        public string? Revision { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var names = NamesOf(InputObject, Name);
            var registry = OpenRegistry();
            var patterns = Patterns(names);
            var found = new HashSet<string>();
            Try(() =>
            {
                foreach (var a in registry.Annotations.All(string.IsNullOrEmpty(Revision) ? null : Revision))
                {
                    if (!Matches(patterns, a.Artifact)) continue;
                    found.Add(a.Artifact);
                    WriteObject(a);
                }
                ReportUnmatched(names, found, registry);
            });
        }
    }
}
