using System.Management.Automation;
using Gto.PowerShell.Completion;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Disable-GtoArtifact: deprecates an artifact (GTO <c>deprecate NAME</c>).</summary>
    [Cmdlet(VerbsLifecycle.Disable, "GtoArtifact", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Disable-GtoArtifact.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeprecationEvent))]
    public sealed class DisableGtoArtifactCommand : GtoWriteCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The commit for the deprecation tag (default: the commit of the artifact's newest event).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Ref { get; set; }

        /// <summary>Delete every tag of the artifact instead of adding a deprecation tag.</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>-Simple writes name@deprecated; -Simple:$false name@deprecated#N. Default: simple, or counter with -Force.</summary>
        [Parameter]
        public SwitchParameter Simple { get; set; }

        /// <summary>Emit the deprecation event.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var written = Write(w => w.PlanDeprecate(Name, Ref, SimpleMode(Simple), Force, Delete, Message));
            if (PassThru) WriteEvents(written);
        }
    }
}
