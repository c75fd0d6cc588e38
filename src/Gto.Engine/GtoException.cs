using System;

namespace Gto.Engine
{
    /// <summary>What kind of failure a <see cref="GtoException"/> is; the PowerShell layer maps it to an ErrorCategory.</summary>
    public enum GtoErrorKind
    {
        InvalidArgument,
        ObjectNotFound,
        InvalidData,
        ResourceExists,
        InvalidOperation,
        ConnectionError,
        PermissionDenied,
    }

    /// <summary>
    /// A failure the user can act on, raised through an entry of the catalogue (<see cref="GtoErrors"/>), whose id
    /// is stable across releases so scripts can match it. The message follows GTO 1.10's text where GTO has one.
    /// </summary>
    public sealed class GtoException : Exception
    {
        public GtoException(GtoError error, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            Error = error;
            Target = target;
        }

        public GtoError Error { get; }
        public string ErrorId => Error.Id;
        public GtoErrorKind Kind => Error.Kind;
        public object? Target { get; }
    }
}
