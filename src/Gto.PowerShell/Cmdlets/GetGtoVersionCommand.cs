using System.Collections.Generic;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Governance;
using Gto.Engine.Queries;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Get-GtoVersion: the versions of an artifact (GTO <c>show NAME</c>), with GTO's shortcuts.</summary>
    [Cmdlet(VerbsCommon.Get, "GtoVersion", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Get-GtoVersion.md")]
    [OutputType(typeof(ArtifactVersion))]
    public sealed class GetGtoVersionCommand : GtoViewCmdlet
    {
        /// <summary>Artifacts, with wildcards, or shortcuts: name@latest, name@greatest, name@v1.2.3, name#stage.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactShortcutCompleter))]
        [Alias("Artifact")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        /// <summary>A piped string is an artifact name (or shortcut); other objects bind by their properties.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Only this version (same as name@v1.2.3). Bound from a piped object's Version property.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>
        /// Only the version(s) in this stage (same as name#stage). Bound from a piped object's Stage property, unless
        /// the object also names its version: an event selects the version it is about, wherever that version is now.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNoControlCharacters]
        public string? Stage { get; set; }

        /// <summary>Only the greatest version (same as name@latest or name@greatest).</summary>
        [Parameter]
        [Alias("Greatest")]
        public SwitchParameter Latest { get; set; }

        /// <summary>Check the signature of each version's Ref tag; fills the version's Signature (its events' are in Get-GtoHistory -Verify).</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var names = NamesOf(InputObject, Name);
            if (names == null)
                throw new GtoException(GtoErrors.NameRequired,
                    "Give the artifact: -Name churn (or churn@latest, churn#prod), or pipe names or objects with a Name or Artifact property.");
            var registry = OpenRegistry();
            var version = string.IsNullOrEmpty(Version) ? null : Version;
            var stage = string.IsNullOrEmpty(Stage) || (version != null && BoundFromPipeline(nameof(Stage)) && BoundFromPipeline(nameof(Version)))
                ? null : Stage;
            foreach (var name in names)
            {
                var artifact = Shortcut.Parse(name, out var filter);
                if (version != null) filter.Version = version;
                if (stage != null) filter.Stage = stage;
                if (Latest) filter.Latest = true;
                Try(() => WriteVersions(registry, artifact, filter));
            }
        }

        // A literal artifact, version or stage that selects nothing is an error saying why; a wildcard that matches
        // nothing is not (only an unknown stage is, whatever the artifacts).
        private void WriteVersions(Registry registry, string artifact, VersionFilter filter)
        {
            var queries = registry.Queries;
            if (!WildcardPattern.ContainsWildcardCharacters(artifact))
            {
                var versions = queries.GetVersions(artifact, Options(), filter);
                if (versions.Count == 0 && queries.WhyNothingSelected(artifact, Options(), filter) is { } why) throw why;
                WriteObject(Verified(registry, versions), true);
                return;
            }
            if (filter.Stage != null && !queries.IsKnownStage(filter.Stage)) throw queries.StageNotFound(filter.Stage);
            var pattern = WildcardPattern.Get(artifact, WildcardOptions.None);
            foreach (var name in queries.ArtifactNames)
                if (pattern.IsMatch(name)) WriteObject(Verified(registry, queries.GetVersions(name, Options(), filter)), true);
        }

        private List<ArtifactVersion> Verified(Registry registry, List<ArtifactVersion> versions)
        {
            if (Verify) SignatureAttacher.Attach(registry, versions, Cancellation);
            return versions;
        }
    }
}
