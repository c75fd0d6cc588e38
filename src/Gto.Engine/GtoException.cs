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
    /// Public, with <see cref="GtoErrorKind"/>, because it is the Exception of every Gto ErrorRecord: scripts read its
    /// ErrorId, Kind and Target (PowerShell shows only the public members of public types). Only the engine raises it.
    /// </summary>
    public sealed class GtoException : Exception
    {
        internal GtoException(GtoError error, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            Error = error;
            Target = target;
        }

        internal GtoError Error { get; }
        /// <summary>The stable id of the failure (the first part of the ErrorRecord's FullyQualifiedErrorId).</summary>
        public string ErrorId => Error.Id;
        /// <summary>What kind of failure it is (the ErrorRecord's category follows from it).</summary>
        public GtoErrorKind Kind => Error.Kind;
        /// <summary>What the failure is about (a name, a tag, a path), or null.</summary>
        public object? Target { get; }
    }
}
