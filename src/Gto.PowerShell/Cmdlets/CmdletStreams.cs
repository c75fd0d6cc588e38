using System.Management.Automation;
using System.Management.Automation.Remoting.Internal;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Verbose, warning and debug messages that honour -Debug without stopping, and stay on their streams.
    /// For a compiled cmdlet, -Debug makes PowerShell (7.4 to 7.6) ask before every warning, and before every verbose
    /// message unless -Verbose is given: the Inquire preference, which a non-interactive session or a host that
    /// cannot prompt turns into a failure. -Debug's own debug messages are not affected: it sets Continue for them.
    /// When the Inquire comes only from -Debug, the message goes through the runtime's own stream writer with the
    /// prompt overridden, as Receive-Job does for a job's streams: it is then written as with Continue, so
    /// -WarningVariable, redirections and the pipeline's streams keep working. An explicit -WarningAction or -Verbose
    /// decides as usual (including -WarningAction Inquire, which then asks, as asked).
    /// </summary>
    internal static class CmdletStreams
    {
        public static void Verbose(this PSCmdlet cmdlet, string message)
        {
            if (InquiresOnlyBecauseOfDebug(cmdlet, "Verbose")) WithoutInquire(cmdlet, PSStreamObjectType.Verbose, message);
            else cmdlet.WriteVerbose(message);
        }

        public static void Warn(this PSCmdlet cmdlet, string message)
        {
            if (InquiresOnlyBecauseOfDebug(cmdlet, "WarningAction")) WithoutInquire(cmdlet, PSStreamObjectType.Warning, message);
            else cmdlet.WriteWarning(message);
        }

        public static void Debug(this PSCmdlet cmdlet, string message) => cmdlet.WriteDebug(message);

        /// <summary>-Debug is on and the parameter that would otherwise decide this stream was not given.</summary>
        private static bool InquiresOnlyBecauseOfDebug(PSCmdlet cmdlet, string decidingParameter)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            return bound.TryGetValue("Debug", out var flag) && flag is SwitchParameter { IsPresent: true }
                && !bound.ContainsKey(decidingParameter);
        }

        private static void WithoutInquire(PSCmdlet cmdlet, PSStreamObjectType stream, string message) =>
            new PSStreamObject(stream, message).WriteStreamObject(cmdlet, overrideInquire: true);
    }
}
