using System;
using System.Collections.Generic;
using System.Management.Automation;
using Gto.Engine;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Test-GtoRegistry: checks a registry for problems (GTO <c>doctor</c>), one object per problem.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "GtoRegistry", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Test-GtoRegistry.md")]
    [OutputType(typeof(Diagnostic), typeof(bool))]
    public sealed class TestGtoRegistryCommand : GtoReadCmdlet
    {
        // The diagnoses made concurrently for several -Repository values, by folder, written in their turn.
        private readonly Dictionary<string, List<Diagnostic>> _diagnosed = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);

        /// <summary>Return only $true (no problem) or $false, once per registry.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        private protected override void ReadAhead(IReadOnlyList<string> repositories) =>
            // The whole diagnosis runs concurrently: reading every version's commit is as slow as reading the tags.
            Preload(repositories, (folder, shown, cancellation) => RegistryDoctor.Diagnose(folder, shown, null, cancellation), _diagnosed);

        /// <inheritdoc />
        protected override void Process()
        {
            var path = RepositoryPath();
            if (!_diagnosed.TryGetValue(path, out var problems)) problems = Diagnose(path);
            if (Quiet) WriteObject(problems.Count == 0);
            else WriteObject(problems, true);
        }

        /// <summary>One registry, diagnosed on the pipeline thread with a progress bar of its own.</summary>
        private List<Diagnostic> Diagnose(string path)
        {
            const string activity = "Checking the registry";
            // Everything the doctor reads is the repository: a failure is a repository failure (see GtoCmdlet.OrTerminate).
            var problems = OrTerminate(() => RegistryDoctor.Diagnose(path, RemoteLocation, (done, total) =>
                WriteProgress(new ProgressRecord(2, activity, $"Reading version commits ({done}/{total})")
                    { PercentComplete = total == 0 ? 100 : done * 100 / total }), Cancellation));
            WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
            return problems;
        }
    }
}
