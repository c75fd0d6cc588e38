using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Operations;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Set-GtoStage: assigns a stage to a version, registering the commit first when needed (GTO <c>assign</c>/<c>promote</c>).</summary>
    [Cmdlet(VerbsCommon.Set, "GtoStage", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Set-GtoStage.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AssignmentEvent), typeof(RegistrationEvent))]
    public sealed class SetGtoStageCommand : GtoWriteCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>The stage to assign.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Stage { get; set; } = "";

        /// <summary>
        /// Without -Ref: the registered version to assign. With -Ref: the name for the version registered there. Bound
        /// from a piped object's Version property.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>
        /// A commit to assign (any revision, e.g. HEAD); a version is registered there unless one exists or
        /// -SkipRegistration. Either -Version or -Ref is required.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        /// <summary>Attach the stage to the raw commit without registering a version (GTO --sr).</summary>
        [Parameter]
        public SwitchParameter SkipRegistration { get; set; }

        /// <summary>
        /// Allow the assignment to create the artifact: without it, an artifact that has no tags and no annotation at
        /// HEAD or at -Ref is an error (ArtifactNotFound), so a mistyped name cannot put a new artifact into a stage.
        /// </summary>
        [Parameter]
        public SwitchParameter New { get; set; }

        /// <summary>Emit the events the tags created.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            // GTO assigns HEAD when given neither; a runbook must say so (-Ref HEAD), so a forgotten -Version cannot
            // promote whatever is checked out.
            var names = Targets(Name);
            if (Ref == null && Version == null)
                throw new GtoException(GtoErrors.VersionOrRefRequired,
                    $"Say what to put in stage '{Stage}': -Version names a registered version of '{string.Join("', '", names)}', -Ref a commit " +
                    "(-Ref HEAD for the checked-out commit, which is what GTO assigns when given neither).", string.Join(", ", names));
            // Each artifact is its own write, so one that fails leaves the others done.
            foreach (var name in names)
            {
                var request = new AssignRequest
                {
                    Name = name, Stage = Stage, Version = Version, Revision = Ref, SkipRegistration = SkipRegistration,
                    Form = Form, Force = Force, Message = Message, ArtifactMustExist = !New,
                };
                var written = Write(w => w.PlanAssign(request));
                if (PassThru) WriteEvents(written);
            }
        }
    }
}
