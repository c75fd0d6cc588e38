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

        /// <summary>The artifacts to act on; each is its own write, so one that fails leaves the others done.</summary>
        private protected abstract string[] Names { get; }

        /// <summary>The tags to write for artifact <paramref name="name"/>, planned under the write lock.</summary>
        private protected abstract WritePlan Plan(RegistryWriter writer, string name);

        /// <inheritdoc />
        protected override void Process()
        {
            foreach (var name in Targets(Names))
            {
                var written = Write(w => Plan(w, name));
                if (PassThru) WriteEvents(written);
            }
        }
    }
}
