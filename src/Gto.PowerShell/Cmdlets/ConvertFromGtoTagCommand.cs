using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Naming;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>ConvertFrom-GtoTag: takes a GTO tag name apart (GTO <c>parse-tag</c>). Needs no repository.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "GtoTag", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/ConvertFrom-GtoTag.md")]
    [OutputType(typeof(ParsedTag))]
    public sealed class ConvertFromGtoTagCommand : PSCmdlet
    {
        /// <summary>Tag names, optionally prefixed with refs/tags/. Default: the tag the CI system is building.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Ref")]
        [AllowEmptyString]
        [ValidateNoControlCharacters]
        public string[]? Tag { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Tag == null)
            {
                // In a CI job triggered by a tag push: the pushed tag. A branch build or a non-GTO tag yields nothing.
                var pushed = CiEnvironment.PushedRef();
                if (pushed == null)
                {
                    WriteError(GtoCmdlet.ToErrorRecord(new GtoException(GtoErrors.NoTagGiven,
                        "No tag given. Pass -Tag, or run in a CI job where GITHUB_REF, CI_COMMIT_TAG or BUILD_SOURCEBRANCH names the pushed tag.")));
                    return;
                }
                var name = TagNames.StripRefPrefix(pushed.Value.Ref);
                if (CiEnvironment.IsTag(pushed.Value) && TagNames.TryParse(name, out var fromCi) == TagNames.Match.Tag) WriteObject(fromCi);
                else this.Verbose($"{pushed.Value.Variable}='{pushed.Value.Ref}' is not a GTO tag; nothing to convert.");
                return;
            }
            foreach (var t in Tag)
            {
                var name = TagNames.StripRefPrefix(t);
                if (TagNames.TryParse(name, out var parsed) == TagNames.Match.Tag) WriteObject(parsed);
                else
                    WriteError(GtoCmdlet.ToErrorRecord(new GtoException(GtoErrors.InvalidTagName,
                        $"Cannot parse tag name '{name}'. GTO tags look like 'name@v1.2.3', 'name@v1.2.3!', " +
                        "'name#stage#3', 'name#stage!#4' or 'name@deprecated'.", t)));
            }
        }
    }
}
