using System.Management.Automation;
using Gto.Engine.Operations;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that cancel something — unassign, deregister, deprecate (GTO <c>deprecate</c>): each adds
    /// a cancelling tag, or with -Delete removes the existing tags instead.
    /// </summary>
    public abstract class GtoCancelCmdlet : GtoWriteCmdlet
    {
        /// <summary>Delete the existing tags instead of adding a cancelling tag (asks unless -Confirm:$false).</summary>
        [Parameter]
        public SwitchParameter Delete { get; set; }

        /// <summary>Emit the event the new tag created.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The tags to write, planned under the write lock.</summary>
        private protected abstract WritePlan Plan(RegistryWriter writer);

        /// <inheritdoc />
        protected override void Process()
        {
            var written = Write(Plan);
            if (PassThru) WriteEvents(written);
        }
    }
}
