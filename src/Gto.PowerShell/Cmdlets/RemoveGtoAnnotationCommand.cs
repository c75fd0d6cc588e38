using System.Management.Automation;
using Gto.Engine.Annotations;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Remove-GtoAnnotation: removes an artifact's entry from artifacts.yaml (GTO's legacy <c>remove</c>).</summary>
    [Cmdlet(VerbsCommon.Remove, "GtoAnnotation", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Remove-GtoAnnotation.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveGtoAnnotationCommand : GtoAnnotationCmdlet
    {
        /// <inheritdoc />
        protected override void Process() =>
            Edit("Remove the annotation", editor =>
            {
                editor.Remove(Name);
                return $"Remove annotation for artifact `{Name}`";
            });
    }
}
