using System.Linq;
using System.Management.Automation;
using Gto.Engine.Operations;
using Gto.Engine.Queries;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Register-GtoVersion: registers a version of an artifact on a commit (GTO <c>register</c>).</summary>
    [Cmdlet(VerbsLifecycle.Register, "GtoVersion", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Register-GtoVersion.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ArtifactVersion))]
    public sealed class RegisterGtoVersionCommand : GtoWriteCmdlet
    {
        /// <summary>The artifact name (dir:name for monorepos), or several: each is its own write.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>The commit to register: any revision git resolves (default HEAD).</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        /// <summary>An explicit version such as v1.2.3; by default the greatest version is bumped.</summary>
        [Parameter]
        [AllowEmptyString]
        [ValidateNoControlCharacters]
        public string? Version { get; set; }

        /// <summary>Which part to bump when no version is given (default Patch; the first version is v0.0.1).</summary>
        [Parameter]
        public BumpPart? Bump { get; set; }

        /// <summary>
        /// Allow the registration to create the artifact: without it, an artifact that has no tags and no annotation
        /// at HEAD or at -Ref is an error (ArtifactNotFound), so a mistyped name cannot start a new artifact.
        /// </summary>
        [Parameter]
        public SwitchParameter New { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            // Each artifact is its own write, so one that fails leaves the others registered.
            foreach (var name in Targets(Name))
            {
                // Without -Ref the commit is HEAD, as git tag does: naming a commit moves no stage, so it needs no intent.
                var request = new RegisterRequest
                {
                    Name = name, Revision = Ref, Version = Version, Bump = Bump, Form = Form, Force = Force, Message = Message,
                    ArtifactMustExist = !New,
                };
                var written = Write(w => new WritePlan(new[] { w.PlanRegister(request) }));
                foreach (var change in written)
                {
                    var versions = OpenRegistry().Queries.GetVersions(name, new ViewOptions { IncludeDeprecated = true });
                    WriteObject(versions.First(v => v.Registrations.Any(r => r.Tag == change.Tag)));
                }
            }
        }
    }
}
