using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Governance;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoHistory: the journal of registry events, newest first (GTO <c>history</c>).</summary>
    [Cmdlet(VerbsCommon.Get, "GtoHistory", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoHistory.md")]
    [OutputType(typeof(RegistrationEvent), typeof(DeregistrationEvent), typeof(AssignmentEvent),
        typeof(UnassignmentEvent), typeof(DeprecationEvent))]
    public sealed class GetGtoHistoryCommand : GtoReadCmdlet
    {
        /// <summary>Only events of these artifacts; wildcards allowed. Bound from a piped object's Artifact or Name property.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Artifact { get; set; }

        /// <summary>A piped string is an artifact name; other objects bind by their properties.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Only events about this version. Bound from a piped object's Version property.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>Only assignments and unassignments of this stage. Bound from a piped object's Stage property.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StageCompleter))]
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
            var names = NamesOf(InputObject, Artifact);
            var version = string.IsNullOrEmpty(Version) ? null : Version;
            var stage = string.IsNullOrEmpty(Stage) ? null : Stage;
            var registry = OpenRegistry();
            var queries = registry.Queries;
            var patterns = Patterns(names);
            var found = new HashSet<string>(StringComparer.Ordinal);
            // -Verify checks every tag shown in one batch (several at a time), so it holds the events back; without
            // it each event is written as the sorted history yields it.
            var verified = Verify ? new List<RegistryEvent>() : null;
            var shown = 0;
            foreach (var e in queries.GetHistory(Ascending))
            {
                if (!Matches(patterns, e.Artifact)) continue;
                found.Add(e.Artifact);
                if (version != null && e.Version != version) continue;
                if (stage != null && e.Stage != stage) continue;
                shown++;
                if (verified != null) verified.Add(e);
                else WriteObject(e);
            }
            if (verified != null)
            {
                SignatureAttacher.Attach(registry, verified, Cancellation);
                WriteObject(verified, true);
            }
            // An artifact known only from its annotation has no events, and is no mistake.
            foreach (var n in names ?? Array.Empty<string>()) if (queries.HasArtifact(n)) found.Add(n);
            ReportUnmatched(names, found, registry);
            // A literal version or stage that matched no event of the artifacts found says so (wildcards stay silent).
            if (shown > 0 || found.Count == 0) return;
            if (stage != null && !queries.IsKnownStage(stage)) throw queries.StageNotFound(stage);
            var about = version != null && stage != null ? $"version '{version}' in stage '{stage}'"
                : version != null ? $"version '{version}'" : stage != null ? $"stage '{stage}'" : null;
            if (about != null)
                throw new GtoException(GtoErrors.VersionNotFound,
                    $"No event of {string.Join(", ", found.Select(a => "'" + a + "'"))} is about {about}.", version ?? stage);
        }
    }
}
