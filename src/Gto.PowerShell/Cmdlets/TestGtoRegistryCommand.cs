using System;
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
        protected override void Process()
        {
            const string activity = "Checking the registry";
            var path = RepositoryPath();
            // Everything the doctor reads is the repository: a failure is a repository failure (see GtoCmdlet.OrTerminate).
            var problems = OrTerminate(() => RegistryDoctor.Diagnose(path, RemoteLocation, (done, total) =>
                WriteProgress(new ProgressRecord(2, activity, $"Reading version commits ({done}/{total})")
                    { PercentComplete = total == 0 ? 100 : done * 100 / total }), Cancellation));
            // Governance hook: every assignment the promotion policy does not count (docs/governance.md#test-gtoregistry).
            problems.AddRange(OrTerminate(() => Engine.Governance.PolicyDiagnostics.Run(path, RemoteLocation, Cancellation)));
            WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
            if (Quiet) WriteObject(problems.Count == 0);
            else WriteObject(problems, true);
        }
    }
}
