using System.Linq;
using System.Management.Automation;
using Gto.Engine.Governance;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoHistory: the journal of registry events, newest first (GTO <c>history</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "GtoHistory", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoHistory.md")]
    [OutputType(typeof(RegistrationEvent), typeof(DeregistrationEvent), typeof(AssignmentEvent),
        typeof(UnassignmentEvent), typeof(DeprecationEvent))]
    public sealed class GetGtoHistoryCommand : GtoCmdlet
    {
        /// <summary>Only events of these artifacts; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Artifact { get; set; }

        /// <summary>Only events about this version.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>Only assignments and unassignments of this stage.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Stage { get; set; }

        /// <summary>Oldest first.</summary>
        [Parameter]
        public SwitchParameter Ascending { get; set; }

        /// <summary>Check each tag's signature; fills Signature on the events.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var registry = OpenRegistry();
            var patterns = Patterns(Artifact);
            var events = registry.Queries.GetHistory(Ascending).Where(e => Matches(patterns, e.Artifact) &&
                (Version == null || e.Version == Version) && (Stage == null || e.Stage == Stage)).ToList();
            // One batch for every tag shown: the checks run several at a time.
            if (Verify) SignatureAttacher.Attach(registry, events, Cancellation);
            WriteObject(events, true);
        }
    }
}
