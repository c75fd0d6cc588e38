using System;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Annotations;
using Gto.PowerShell.Completion;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>Shared flow of the cmdlets that edit artifacts.yaml: confirm, check, write, optionally commit.</summary>
    public abstract class GtoAnnotationCmdlet : GtoCmdlet
    {
        /// <summary>The artifact name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ArtifactNameCompleter))]
        [Alias("Artifact")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Name { get; set; } = "";

        /// <summary>Commit the changed artifacts.yaml (only that file) after writing it.</summary>
        [Parameter]
        public SwitchParameter Commit { get; set; }

        /// <summary>The commit message (default: GTO's generated message).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters(AllowLineBreaks = true)]
        public string? CommitMessage { get; set; }

        /// <summary>Edits the file when confirmed; <paramref name="edit"/> returns the default commit message.</summary>
        /// <returns>True when the file was changed.</returns>
        private protected bool Edit(string action, Func<AnnotationEditor, string> edit)
        {
            // The repository alone (git, config, HEAD): editing the file needs no tag read.
            using var context = OpenContext();
            var changed = false;
            try
            {
                var file = AnnotationEditor.IndexPath(context);
                // Held from reading the file to committing it: another editor's entry is never overwritten.
                using var held = AnnotationEditor.Lock(context, Cancellation);
                if (Commit) AnnotationCommit.AssertClean(context);
                // Every check runs before asking, so -WhatIf fails where the real run would.
                edit(new AnnotationEditor(context, held) { CheckOnly = true });
                if (!ShouldProcess(file, $"{action} of artifact '{Name}'")) return false;
                var message = edit(new AnnotationEditor(context, held));
                changed = true;
                this.Verbose($"Updated '{file}'.");
                if (Commit)
                {
                    AnnotationCommit.Commit(context, CommitMessage ?? message);
                    this.Verbose($"Committed '{file}'.");
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteError(ToErrorRecord(ex));
            }
            // Registries this command read before the edit are out of date now.
            DisposeRegistries();
            return changed;
        }
    }
}
