using System.Management.Automation;
using Gto.Engine;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Test-GtoRegistry: checks a registry for problems (GTO <c>doctor</c>), one object per problem.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "GtoRegistry", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Test-GtoRegistry.md")]
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
                var record = new ProgressRecord(2, "Checking the registry", "Reading version commits");
                var problems = Registry.Diagnose(RepositoryPath(), RemoteLocation, (done, total) =>
                {
                    record.PercentComplete = total == 0 ? 100 : done * 100 / total;
                    record.StatusDescription = $"Reading version commits ({done}/{total})";
                    WriteProgress(record);
                });
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
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
