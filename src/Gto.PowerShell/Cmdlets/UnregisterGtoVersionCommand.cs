using System.Management.Automation;
using Gto.PowerShell.Completion;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Unregister-GtoVersion: deregisters a version (GTO <c>deprecate NAME VERSION</c>).</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "GtoVersion", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Unregister-GtoVersion.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeregistrationEvent))]
    public sealed class UnregisterGtoVersionCommand : GtoWriteCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The version to deregister.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string Version { get; set; } = "";

        /// <summary>Delete all the version's tags instead of adding a deregistration tag.</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>-Simple:$false writes the counter form name@v1.2.3!#N.</summary>
        [Parameter]
        public SwitchParameter Simple { get; set; }

        /// <summary>Emit the deregistration event.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var written = Write(w => w.PlanDeregister(Name, Version, SimpleMode(Simple), Force, Delete, Message));
            if (PassThru) WriteEvents(written);
        }
    }
}
