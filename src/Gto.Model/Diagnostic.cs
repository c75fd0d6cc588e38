namespace Gto
{
    /// <summary>How serious a registry problem is.</summary>
    public enum DiagnosticSeverity
    {
        /// <summary>GTO reads past it; worth fixing.</summary>
        Warning,
        /// <summary>GTO 1.10 fails on it.</summary>
        Error,
    }

    /// <summary>One problem found in a registry (GTO <c>doctor</c>, and read warnings).</summary>
    public sealed class Diagnostic
    {
        /// <summary>The repository.</summary>
        public required string Repository { get; init; }
        /// <summary>How serious the problem is: <c>Warning</c> or <c>Error</c> (a name of <see cref="DiagnosticSeverity"/>, so exports show the name).</summary>
        public string Severity => Level.ToString();
        /// <summary>How serious the problem is.</summary>
        internal DiagnosticSeverity Level { get; init; }
        /// <summary>A stable identifier of the kind of problem, e.g. <c>LightweightTag</c>.</summary>
        public required string Id { get; init; }
        /// <summary>What the problem is about: a tag name, a file, a commit.</summary>
        public required string Target { get; init; }
        /// <summary>What is wrong and what to do about it.</summary>
        public required string Message { get; init; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
