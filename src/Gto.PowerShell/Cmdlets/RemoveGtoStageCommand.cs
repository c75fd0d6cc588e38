using System.Management.Automation;
using Gto.Engine.Operations;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Remove-GtoStage: unassigns a stage from a version (GTO <c>deprecate NAME VERSION STAGE</c>).</summary>
    [Cmdlet(VerbsCommon.Remove, "GtoStage", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Remove-GtoStage.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UnassignmentEvent))]
    public sealed class RemoveGtoStageCommand : GtoCancelCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>The version holding the stage.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Version { get; set; } = "";

        /// <summary>The stage to unassign.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Stage { get; set; } = "";

        /// <inheritdoc />
        private protected override string[] Names => Name;

        /// <inheritdoc />
        private protected override WritePlan Plan(RegistryWriter w, string name) => w.PlanUnassign(new UnassignRequest
            { Name = name, Version = Version, Stage = Stage, Form = Form, Force = Force, Delete = Delete, Message = Message });
    }
}
