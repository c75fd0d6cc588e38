using System.Management.Automation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Base of the cmdlets that read registries: several -Repository values are read concurrently.</summary>
    public abstract class GtoReadCmdlet : GtoCmdlet
    {
        /// <summary>How many registries are read at once when -Repository names several (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <inheritdoc />
        private protected override int ReadThrottle => ThrottleLimit;
    }
}
