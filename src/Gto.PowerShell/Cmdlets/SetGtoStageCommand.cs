using System.Management.Automation;
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
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Name { get; set; } = "";

        /// <summary>The stage to assign.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(StageCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Stage { get; set; } = "";

        /// <summary>Without -Ref: the registered version to assign. With -Ref: the name for the version registered there.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VersionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>A commit to assign (any revision); a version is registered there unless one exists or -SkipRegistration.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        /// <summary>Attach the stage to the raw commit without registering a version (GTO --sr).</summary>
        [Parameter]
        public SwitchParameter SkipRegistration { get; set; }


        /// <summary>Emit the events the tags created.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            var revision = Ref ?? (Version == null ? "HEAD" : null);
            var request = new AssignRequest
            {
                Name = Name, Stage = Stage, Version = Version, Revision = revision, SkipRegistration = SkipRegistration,
                Form = Form, Force = Force, Message = Message,
            };
            var written = Write(w => w.PlanAssign(request));
            if (PassThru) WriteEvents(written);
        }
    }
}
