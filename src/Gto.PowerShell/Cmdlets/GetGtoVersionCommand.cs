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
        /// <summary>The artifact, with wildcards, or a shortcut: name@latest, name@greatest, name@v1.2.3, name#stage.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactShortcutCompleter))]
        [Alias("Artifact")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Name { get; set; } = "";

        /// <summary>Only this version (same as name@v1.2.3).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>Only the version(s) in this stage (same as name#stage).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Stage { get; set; }

        /// <summary>Only the greatest version (same as name@latest or name@greatest).</summary>
        [Parameter]
        [Alias("Greatest")]
        public SwitchParameter Latest { get; set; }

        /// <summary>Check the signature of each version's tags; fills Signature on the versions and their events.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var registry = OpenRegistry();
            var artifact = Shortcut.Parse(Name, out var filter);
            if (Version != null) filter.Version = Version;
            if (Stage != null) filter.Stage = Stage;
            if (Latest) filter.Latest = true;
            if (!WildcardPattern.ContainsWildcardCharacters(artifact))
            {
                Try(() => WriteObject(Verified(registry, registry.Queries.GetVersions(artifact, Options(), filter)), true));
                return;
            }
            var pattern = WildcardPattern.Get(artifact, WildcardOptions.None);
            foreach (var name in registry.Queries.ArtifactNames)
                if (pattern.IsMatch(name)) WriteObject(Verified(registry, registry.Queries.GetVersions(name, Options(), filter)), true);
        }

        private List<ArtifactVersion> Verified(Registry registry, List<ArtifactVersion> versions)
        {
            if (Verify) SignatureAttacher.Attach(registry, versions, Cancellation);
            return versions;
        }
    }
}
