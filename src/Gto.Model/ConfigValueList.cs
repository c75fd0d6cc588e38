using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Gto
{
    /// <summary>
    /// A list of names in a <see cref="ConfigSetting"/> (stages, types, enrichment types). It is a list to scripts and
    /// ConvertTo-Json, and prints as "dev, prod" where PowerShell turns a value into text (Export-Csv, tables).
    /// </summary>
    public sealed class ConfigValueList : ReadOnlyCollection<string>
    {
        /// <summary>Creates a list.</summary>
        public ConfigValueList(IList<string> names) : base(names) { }

        /// <inheritdoc />
        public override string ToString() => string.Join(", ", this);
    }
}
