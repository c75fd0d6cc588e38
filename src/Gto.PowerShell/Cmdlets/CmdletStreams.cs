using System.Management.Automation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Verbose, warning and debug messages that honour -Debug without stopping. For a compiled cmdlet, -Debug turns
    /// these three preferences into Inquire: every message would ask to continue, and a non-interactive runbook
    /// would fail. With -Debug they are written straight to the host instead, as with the Continue preference.
    /// </summary>
    internal static class CmdletStreams
    {
        private static bool DebugFlag(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var flag) && ((SwitchParameter)flag).IsPresent;

        public static void Verbose(this PSCmdlet cmdlet, string message)
        {
            if (DebugFlag(cmdlet)) cmdlet.Host.UI.WriteVerboseLine(message);
            else cmdlet.WriteVerbose(message);
        }

        public static void Warn(this PSCmdlet cmdlet, string message)
        {
            if (DebugFlag(cmdlet)) cmdlet.Host.UI.WriteWarningLine(message);
            else cmdlet.WriteWarning(message);
        }

        public static void Debug(this PSCmdlet cmdlet, string message)
        {
            if (DebugFlag(cmdlet)) cmdlet.Host.UI.WriteDebugLine(message);
            else cmdlet.WriteDebug(message);
        }
    }
}
