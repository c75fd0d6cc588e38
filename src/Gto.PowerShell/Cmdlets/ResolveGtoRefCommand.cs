using System.Management.Automation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Resolve-GtoRef: the registry event a tag created (GTO <c>check-ref</c>).</summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "GtoRef")]
    [OutputType(typeof(RegistryEvent))]
    public sealed class ResolveGtoRefCommand : GtoCmdlet
    {
        /// <summary>Tag names or refs/tags/ refs. Branches, SHAs and unknown tags give nothing, as in GTO.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Tag")]
        [ValidateNotNullOrEmpty]
        public string[] Ref { get; set; } = new string[0];

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var registry = OpenRegistry();
            foreach (var r in Ref)
            {
                var events = registry.CheckRef(r);
                if (events.Count == 0) WriteVerbose($"'{r}' is not a GTO tag of this registry; nothing to resolve.");
                WriteObject(events, true);
            }
        }
    }
}
