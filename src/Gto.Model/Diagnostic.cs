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
        /// <summary>Creates a diagnostic.</summary>
        public Diagnostic(string repository, DiagnosticSeverity severity, string id, string target, string message)
        {
            Repository = repository;
            Severity = severity;
            Id = id;
            Target = target;
            Message = message;
        }

        /// <summary>The repository.</summary>
        public string Repository { get; }
        /// <summary>How serious the problem is.</summary>
        public DiagnosticSeverity Severity { get; }
        /// <summary>A stable identifier of the kind of problem, e.g. <c>LightweightTag</c>.</summary>
        public string Id { get; }
        /// <summary>What the problem is about: a tag name, a file, a commit.</summary>
        public string Target { get; }
        /// <summary>What is wrong and what to do about it.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
