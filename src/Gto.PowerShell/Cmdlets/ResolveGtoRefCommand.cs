using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Governance;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Resolve-GtoRef: the registry event a tag created, with the artifact's annotation (GTO <c>check-ref</c>).</summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "GtoRef", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Resolve-GtoRef.md")]
    [OutputType(typeof(RegistryEvent))]
    public sealed class ResolveGtoRefCommand : GtoReadCmdlet
    {
        /// <summary>
        /// Tag names or refs/tags/ refs; default: the ref the CI system is building. Branches, SHAs and unknown tags give
        /// nothing, as in GTO. Bound from a piped string, or from a piped object's Ref or Tag property (an event's tag,
        /// a version's registration tag).
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Tag")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Ref { get; set; }

        /// <summary>Only count assignments the promotion policy allows: a tag the policy refuses resolves to nothing (docs/governance.md#the-trusted-view).</summary>
        [Parameter]
        public SwitchParameter Trusted { get; set; }

        /// <summary>Check each tag's signature; fills Signature on the events.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <inheritdoc />
        protected override bool ReadsTrustedView => Trusted;

        /// <inheritdoc />
        protected override void Process()
        {
            var refs = Ref;
            if (refs == null)
            {
                var pushed = CiEnvironment.PushedRef();
                if (pushed == null)
                {
                    WriteError(ToErrorRecord(new GtoException(GtoErrors.NoRefGiven,
                        "No ref given. Pass -Ref, or run in a CI job where GITHUB_REF, CI_COMMIT_TAG or BUILD_SOURCEBRANCH names the pushed tag.")));
                    return;
                }
                this.Verbose($"Resolving {pushed.Value.Variable}='{pushed.Value.Ref}'.");
                refs = new[] { pushed.Value.Ref };
            }
            var registry = OpenRegistry();
            foreach (var r in refs)
            {
                var events = registry.Queries.CheckRef(r);
                if (events.Count == 0) this.Verbose($"'{r}' is not a GTO tag of this registry{(Trusted ? " that the policy counts" : "")}; nothing to resolve.");
                if (Verify) SignatureAttacher.Attach(registry, events, Cancellation);
                WriteObject(events, true);
            }
        }
    }
}
