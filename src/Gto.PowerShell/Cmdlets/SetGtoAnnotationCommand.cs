using System;
using System.Collections.Specialized;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Annotations;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Set-GtoAnnotation: adds or updates an artifact's entry in artifacts.yaml (GTO's legacy <c>annotate</c>).</summary>
    [Cmdlet(VerbsCommon.Set, "GtoAnnotation", HelpUri = "https://github.com/gto-developers/Gto/blob/main/docs/help/Set-GtoAnnotation.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Annotation))]
    public sealed class SetGtoAnnotationCommand : GtoAnnotationCmdlet
    {
        /// <summary>The artifact type, e.g. model (checked against .gto types).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Type { get; set; }

        /// <summary>The artifact's path in the repository.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Path { get; set; }

        /// <summary>A description.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters(AllowLineBreaks = true)]
        public string? Description { get; set; }

        /// <summary>Labels; on an existing entry they are merged (sorted union, as GTO does).</summary>
        [Parameter]
        [Alias("Labels")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Label { get; set; }

        /// <summary>
        /// Metadata: null, a string, a boolean, a number, or lists, hashtables and PSCustomObjects of these (see
        /// CustomValue for what each reads back as).
        /// </summary>
        [Parameter]
        public object? Custom { get; set; }

        /// <summary>The file is stored in Git (virtual: false); -Path must exist at HEAD.</summary>
        [Parameter]
        public SwitchParameter MustExist { get; set; }

        /// <summary>Allow a path equal to, inside or around another artifact's path.</summary>
        [Parameter]
        public SwitchParameter AllowSamePath { get; set; }

        /// <summary>Emit the annotation as written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void Process()
        {
            object? custom;
            try
            {
                custom = CustomValue.Normalize(Custom, Unwrap);
            }
            catch (GtoException ex)
            {
                WriteError(ToErrorRecord(ex));
                return;
            }
            var update = new AnnotationUpdate
            {
                Type = Type,
                Path = Path,
                Description = Description,
                Labels = Label,
                Custom = custom,
                MustExist = MustExist,
                AllowSamePath = AllowSamePath,
            };
            var changed = Edit("Set the annotation", editor =>
            {
                editor.Set(Name, update);
                return AnnotationEditor.CommitMessage(Name, Type, Path);
            });
            if (!PassThru || !changed) return;
            using var context = OpenContext();
            WriteObject(AnnotationEditor.ReadWorkTree(context, Name));
        }

        // PowerShell's wrappers, seen at any depth of -Custom: a PSCustomObject is its properties in order, any
        // other PSObject the object it wraps. The engine classifies the result and refuses what it cannot store.
        private static object? Unwrap(object value)
        {
            if (!(value is PSObject ps)) return value;
            if (!(ps.BaseObject is PSCustomObject)) return ps.BaseObject;
            var properties = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var p in ps.Properties) properties[p.Name] = p.Value;
            return properties;
        }
    }
}
