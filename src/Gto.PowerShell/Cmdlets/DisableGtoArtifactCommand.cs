using System.Management.Automation;
using Gto.Engine.Operations;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Disable-GtoArtifact: deprecates an artifact (GTO <c>deprecate NAME</c>).</summary>
    [Cmdlet(VerbsLifecycle.Disable, "GtoArtifact", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Disable-GtoArtifact.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeprecationEvent))]
    public sealed class DisableGtoArtifactCommand : GtoCancelCmdlet
    {
        /// <summary>The artifact name. Bound from a piped object's Name or Artifact property.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>The commit for the deprecation tag (default: the commit of the artifact's newest event).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        /// <inheritdoc />
        private protected override string[] Names => Name;

        /// <inheritdoc />
        private protected override WritePlan Plan(RegistryWriter w, string name) => w.PlanDeprecate(new DeprecateRequest
            { Name = name, Revision = Ref, Form = Form, Force = Force, Delete = Delete, Message = Message });
    }
}
