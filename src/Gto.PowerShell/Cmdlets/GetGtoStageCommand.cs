using System.Management.Automation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoStage: the stages of the registry (GTO <c>stages</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "GtoStage", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoStage.md", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(Stage))]
    public sealed class GetGtoStageCommand : GtoReadCmdlet
    {
        private const string AllSet = "All";
        private const string AllowedSet = "Allowed";
        private const string UsedSet = "Used";

        /// <summary>Only the stages .gto allows (nothing when .gto does not restrict stages).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllowedSet)]
        public SwitchParameter Allowed { get; set; }

        /// <summary>Only the stages some active version holds now.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UsedSet)]
        public SwitchParameter Used { get; set; }

        /// <inheritdoc />
        protected override void Process() =>
            WriteObject(OpenRegistry().Queries.GetStages(Allowed, Used), true);
    }
}
