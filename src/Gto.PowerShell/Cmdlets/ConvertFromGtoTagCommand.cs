using System.Management.Automation;
using Gto.Engine.Naming;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>ConvertFrom-GtoTag: takes a GTO tag name apart (GTO <c>parse-tag</c>). Needs no repository.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "GtoTag")]
    [OutputType(typeof(ParsedTag))]
    public sealed class ConvertFromGtoTagCommand : PSCmdlet
    {
        /// <summary>Tag names, optionally prefixed with refs/tags/.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Ref")]
        [AllowEmptyString]
        public string[] Tag { get; set; } = new string[0];

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var t in Tag)
            {
                var name = TagNames.StripRefPrefix(t);
                if (TagNames.TryParse(name, out var parsed) == TagNames.Match.Tag) WriteObject(parsed);
                else
                    WriteError(new ErrorRecord(new System.ArgumentException(
                            $"Cannot parse tag name '{name}'. GTO tags look like 'name@v1.2.3', 'name@v1.2.3!', " +
                            "'name#stage#3', 'name#stage!#4' or 'name@deprecated'."),
                        "InvalidTagName", ErrorCategory.InvalidArgument, t));
            }
        }
    }
}
