using System;

namespace Gto.Engine.Yaml
{
    /// <summary>
    /// YAML that <see cref="SafeYaml"/> refuses: invalid, or beyond a limit. The message completes a sentence such
    /// as "the file is damaged: ..."; callers turn it into their own error (InvalidConfig, a damaged annotation file).
    /// </summary>
    internal sealed class YamlInputException : Exception
    {
        public YamlInputException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
