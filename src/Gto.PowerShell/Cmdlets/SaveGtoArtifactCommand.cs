using System.Collections.Generic;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Delivery;
using Gto.Engine.Queries;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Save-GtoArtifact: the files of an artifact version (a name with -Version or -Stage, a tag, or a piped version or
    /// event) written to a folder exactly as stored at the version's commit: Git blobs, Git LFS and DVC content, verified.
    /// </summary>
    [Cmdlet(VerbsData.Save, "GtoArtifact", DefaultParameterSetName = ByName, SupportsShouldProcess = true,
        HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Save-GtoArtifact.md")]
    [OutputType(typeof(SavedArtifactFile))]
    public sealed class SaveGtoArtifactCommand : GtoCmdlet
    {
        private const string ByName = "ByName";
        private const string ByRef = "ByRef";
        private const string ByInput = "ByInput";

        /// <summary>The artifact, or a shortcut: name@v1.2.3, name#stage, name@latest.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(ArtifactShortcutCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Name { get; set; } = "";

        /// <summary>The version to save (default: the greatest).</summary>
        [Parameter(ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>Save the version in this stage.</summary>
        [Parameter(ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Stage { get; set; }

        /// <summary>A GTO tag (or refs/tags/ ref): the version it registered or assigned.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByRef)]
        [Alias("Tag")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Ref { get; set; }

        /// <summary>A version (Get-GtoVersion), an event (Resolve-GtoRef, Get-GtoHistory) or a tag name, from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInput)]
        public PSObject? InputObject { get; set; }

        /// <summary>The folder to save into (default: the current location); created when missing.</summary>
        [Parameter(Position = 1)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Destination { get; set; }

        /// <summary>Replace files that exist in the destination.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The DVC remote for DVC-tracked content: a remote name of .dvc/config, a folder or an http(s) URL.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? DvcRemote { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var registry = OpenRegistry();
            foreach (var target in Targets(registry))
                if (target != null) Try(() => Save(registry, target));
        }

        private IEnumerable<DeliveryTarget?> Targets(Registry registry)
        {
            switch (ParameterSetName)
            {
                case ByName:
                    var artifact = Shortcut.Parse(Name, out var filter);
                    DeliveryTarget? byName = null;
                    Try(() => byName = RegistryLookup.ByName(registry, artifact, Version ?? filter.Version, Stage ?? filter.Stage));
                    return new[] { byName };
                case ByRef:
                    return FromRefs(registry, Ref!);
                default:
                    return FromInput(registry, InputObject!);
            }
        }

        private List<DeliveryTarget?> FromRefs(Registry registry, IEnumerable<string> refs)
        {
            var targets = new List<DeliveryTarget?>();
            foreach (var r in refs)
            {
                var found = RegistryLookup.ByRef(registry, r);
                if (found.Count == 0)
                    WriteError(ToErrorRecord(new GtoException(GtoErrors.VersionNotFound,
                        $"'{r}' is not a tag of this registry that names a version. Run Get-GtoHistory to list the registry's tags.", r)));
                targets.AddRange(found);
            }
            return targets;
        }

        private IEnumerable<DeliveryTarget?> FromInput(Registry registry, PSObject input)
        {
            if (input.BaseObject is string tag) return FromRefs(registry, new[] { tag });
            string? Property(string name) => input.Properties[name]?.Value?.ToString();
            var artifact = Property("Artifact");
            var version = Property("Version");
            var commit = Property("Commit");
            if (artifact == null || version == null || commit == null)
            {
                WriteError(ToErrorRecord(new GtoException(GtoErrors.VersionNotFound,
                    $"The input '{input}' names no version: pipe versions (Get-GtoVersion), events that have a version " +
                    "(Resolve-GtoRef, Get-GtoHistory) or tag names.", input.BaseObject)));
                return new DeliveryTarget?[0];
            }
            DeliveryTarget? target = null;
            Try(() => target = RegistryLookup.ForCommit(registry, artifact, version, commit));
            return new[] { target };
        }

        private void Save(Registry registry, DeliveryTarget target)
        {
            var destination = GetUnresolvedProviderPathFromPSPath(Destination ?? ".");
            var place = ArtifactDelivery.TargetPath(target, destination);
            if (!ShouldProcess(place, $"Save {target} (commit {target.Commit.Substring(0, 7)})")) return;
            var activity = $"Saving {target}";
            var options = new DeliveryOptions
            {
                Destination = destination,
                Force = Force,
                DvcRemote = DvcRemote,
                // A new record each time: the progress stream keeps the objects it is given.
                Progress = (file, done, total, bytes) => WriteProgress(new ProgressRecord(3, activity,
                    $"{file} ({done}/{total} files{(bytes > 0 ? $", {bytes >> 20} MB" : "")})") { PercentComplete = total == 0 ? 0 : done * 100 / total }),
            };
            try
            {
                WriteObject(ArtifactDelivery.Save(target, RegistryLookup.GitRoot(registry), options, Cancellation), true);
            }
            finally
            {
                WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
