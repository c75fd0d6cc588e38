using System;

namespace Gto
{
    /// <summary>
    /// One setting of a registry's configuration (Get-GtoConfig): its effective value and where that value came from.
    /// </summary>
    public sealed class ConfigSetting
    {
        /// <summary><see cref="Source"/> of a setting neither <c>.gto</c> nor a variable sets.</summary>
        public const string FromDefault = "Default";
        /// <summary><see cref="Source"/> of a setting <c>.gto</c> sets.</summary>
        public const string FromFile = "File";
        /// <summary><see cref="Source"/> of a setting a <c>GTO_*</c> environment variable sets.</summary>
        public const string FromEnvironment = "Environment";

        /// <summary>Creates a setting.</summary>
        public ConfigSetting(string repository, string name, object? value, string source, string? origin)
        {
            Repository = repository;
            Name = name;
            Value = value;
            Source = source;
            Origin = origin;
            Variable = "GTO_" + name.ToUpperInvariant();
        }

        /// <summary>The repository.</summary>
        public string Repository { get; }
        /// <summary>The setting's key as <c>.gto</c> spells it (case-sensitive there), e.g. <c>stages</c> or <c>INDEX</c>.</summary>
        public string Name { get; }
        /// <summary>
        /// The value in effect: a string, a bool, a <see cref="ValueList"/> of names, or null (for <c>stages</c> and
        /// <c>types</c>: no restriction).
        /// </summary>
        public object? Value { get; }
        /// <summary>Where the value came from: <c>Default</c>, <c>File</c> or <c>Environment</c>.</summary>
        public string Source { get; }
        /// <summary>The <c>.gto</c> file (its path, or <c>HEAD:.gto</c> in a bare repository) or the variable that set the value; null for a default.</summary>
        public string? Origin { get; }
        /// <summary>The environment variable that overrides the setting (matched case-insensitively).</summary>
        public string Variable { get; }

        /// <inheritdoc />
        public override string ToString() => Name + "=" + (Value is bool b ? (b ? "True" : "False") : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
