using System.Management.Automation;
using Gto.Engine.Operations;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Unregister-GtoVersion: deregisters a version (GTO <c>deprecate NAME VERSION</c>).</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "GtoVersion", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Unregister-GtoVersion.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeregistrationEvent))]
    public sealed class UnregisterGtoVersionCommand : GtoCancelCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>The version to deregister.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Version { get; set; } = "";

        /// <inheritdoc />
        private protected override string[] Names => Name;

        /// <inheritdoc />
        private protected override WritePlan Plan(RegistryWriter w, string name) => w.PlanDeregister(new DeregisterRequest
            { Name = name, Version = Version, Form = Form, Force = Force, Delete = Delete, Message = Message });
    }
}
