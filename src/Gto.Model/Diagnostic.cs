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
        /// <summary>How serious the problem is.</summary>
        public DiagnosticSeverity Severity { get; init; }
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
