using System.Management.Automation;
using Gto.Engine;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Test-GtoRegistry: checks a registry for problems (GTO <c>doctor</c>), one object per problem.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "GtoRegistry")]
    [OutputType(typeof(Diagnostic), typeof(bool))]
    public sealed class TestGtoRegistryCommand : GtoCmdlet
    {
        /// <summary>Return only $true (no problem) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void Complete()
        {
            try
            {
                var problems = Registry.Diagnose(RepositoryPath(), RemoteLocation);
                if (Quiet) WriteObject(problems.Count == 0);
                else WriteObject(problems, true);
            }
            catch (GtoException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex));
            }
        }
    }
}
