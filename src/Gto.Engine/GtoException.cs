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
    /// A failure the user can act on. <see cref="ErrorId"/> is stable across releases so scripts can match it;
    /// the message follows GTO 1.10's text where GTO has one.
    /// </summary>
    public sealed class GtoException : Exception
    {
        public GtoException(string errorId, GtoErrorKind kind, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }
        public GtoErrorKind Kind { get; }
        public object? Target { get; }
    }
}
