using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Gto.Engine;
using Gto.Engine.Git;
using Gto.Engine.Operations;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that write tags: the options GTO's write commands share, and the one way every write
    /// happens — lock, read, plan, confirm each tag, write, unlock, push.
    /// </summary>
    public abstract class GtoWriteCmdlet : GtoCmdlet
    {
        /// <summary>
        /// A piped string is an artifact name; any other object binds by its properties (Name or Artifact, Version,
        /// Stage, Repository), so an object is never written to by its text.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The artifacts this input writes to: a piped string, else <paramref name="names"/> (-Name).</summary>
        private protected string[] Targets(string[] names) =>
            NamesOf(InputObject, names.Length > 0 ? names : null) ?? throw new GtoException(GtoErrors.NameRequired,
                "Give the artifact: -Name churn, or pipe names or objects with a Name or Artifact property.");

        /// <summary>The tag message (default: GTO's message for the action).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters(AllowLineBreaks = true)]
        public string? Message { get; set; }

        /// <summary>Write the tag even where GTO's checks would refuse (GTO --force).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Push each created or deleted tag to the remote.</summary>
        [Parameter]
        public SwitchParameter Push { get; set; }

        /// <summary>The remote -Push pushes to.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Remote { get; set; } = "origin";

        /// <summary>
        /// GTO --simple: Simple writes the tag without a #N counter, Counted with one, Auto (the default) uses GTO's
        /// default for the action (simple for registrations, deregistrations and deprecations, a counter for
        /// assignments and unassignments).
        /// </summary>
        [Parameter]
        public TagForm TagForm { get; set; }

        /// <summary>Shorthand for -TagForm: -Simple is Simple, -Simple:$false is Counted.</summary>
        [Parameter]
        public SwitchParameter Simple { get; set; }

        /// <summary>The tag form -TagForm or -Simple asks for; both at once is an error, as they could disagree.</summary>
        private protected TagForm Form
        {
            get
            {
                var bound = MyInvocation.BoundParameters;
                if (!bound.ContainsKey(nameof(Simple))) return TagForm;
                if (bound.ContainsKey(nameof(TagForm)))
                    throw new GtoException(GtoErrors.ConflictingTagForm,
                        "-Simple and -TagForm both say how to name the tag; give only one of them (-Simple is -TagForm Simple, " +
                        "-Simple:$false is -TagForm Counted).", nameof(Simple));
                return Simple.IsPresent ? TagForm.Simple : TagForm.Counted;
            }
        }

        /// <summary>
        /// Sign the tags with your git signing set-up (git tag -s: gpg.format, user.signingKey). Leaving it out uses
        /// $GtoSignTags when set, else git's tag.gpgSign; -Sign:$false writes unsigned tags.
        /// </summary>
        [Parameter]
        public SwitchParameter Sign { get; set; }

        /// <summary>-Sign, else $GtoSignTags, else null (the engine reads tag.gpgSign): docs/governance.md#signing.</summary>
        private bool? SignMode
        {
            get
            {
                if (MyInvocation.BoundParameters.ContainsKey("Sign")) return Sign.IsPresent;
                var preference = SessionState.PSVariable.GetValue("GtoSignTags");
                return preference == null ? (bool?)null : LanguagePrimitives.IsTrue(preference);
            }
        }

        /// <summary>A conflicting -Simple and -TagForm is wrong whatever the input: it ends the command before any is read.</summary>
        protected override void Begin() => _ = Form;

        /// <summary>Plans under the repository's write lock, confirms every tag, writes them all, then pushes them.</summary>
        /// <returns>The changes written (empty when nothing was written).</returns>
        private protected IReadOnlyList<TagChange> Write(Func<RegistryWriter, WritePlan> plan)
        {
            var path = RepositoryPath();
            var written = new List<TagChange>();
            string root;
            try
            {
                // A remote git would read as an option or a command is refused before any tag is written.
                if (Push && RemoteLocation == null) GitPush.AssertRemote(Remote);
                using var writer = RegistryWriter.Open(path, RemoteLocation, Cancellation);
                root = writer.Registry.Context.Root;
                foreach (var w in writer.Registry.Warnings) this.Warn(w.Message);
                var planned = plan(writer);
                var changes = planned.Changes;
                // Ask about every tag (so -WhatIf names them all) before writing any: declining one writes none,
                // so no half-done operation is left behind.
                var answers = changes.Select(c => ShouldProcess(c.Tag, c.Describe())).ToList();
                var confirmed = answers.All(a => a) && ConfirmDeletions(changes);
                if (!confirmed || changes.Count == 0) return written;
                writer.Sign = SignMode;
                writer.Apply(planned, change =>
                {
                    written.Add(change);
                    this.Verbose(change.Delete ? $"Deleted tag '{change.Tag}'." : $"Created tag '{change.Tag}' on {change.Commit}.");
                });
                // What GTO reports after writing (docs/registry-state.md#an-implicit-registration-collects-the-commits-stage-tags).
                if (planned.FailureAfterWrite != null) WriteError(ToErrorRecord(planned.FailureAfterWrite));
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                // Created tags were deleted again; deletions that happened stay done (a rerun finishes the rest).
                written.RemoveAll(c => !c.Delete);
                WriteError(ToErrorRecord(ex));
                return written;
            }
            if (written.Count > 0) DisposeRegistries();
            // A remote registry is a temporary clone: its tags only count once pushed back, so they always are (as in GTO),
            // and a tag that did not reach the remote did not happen.
            if (RemoteLocation != null) return PushAll(root, "origin", written) ? written : new List<TagChange>();
            if (Push) PushAll(root, Remote, written);
            return written;
        }

        /// <summary>
        /// Deleting tags erases registry history, so it always asks (like a ConfirmImpact High cmdlet) unless
        /// -Confirm:$false is given; adding a cancelling tag does not need that.
        /// </summary>
        private bool ConfirmDeletions(IReadOnlyList<TagChange> changes)
        {
            var deleted = changes.Where(c => c.Delete).Select(c => c.Tag).ToList();
            if (deleted.Count == 0) return true;
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && !((SwitchParameter)confirm).IsPresent) return true;
            return ShouldContinue($"Delete the tags {string.Join(", ", deleted.Select(t => "'" + t + "'"))}? " +
                                  "The registry history they record is lost (use -Confirm:$false in scripts).", "Delete registry tags");
        }

        /// <returns>True when every tag was pushed.</returns>
        private bool PushAll(string root, string remote, List<TagChange> written)
        {
            var all = true;
            foreach (var change in written)
            {
                try
                {
                    GitPush.Tag(root, remote, change.Tag, change.Delete, RemoteLocation, Cancellation);
                    this.Verbose(change.Delete ? $"Deleted tag '{change.Tag}' on '{remote}'." : $"Pushed tag '{change.Tag}' to '{remote}'.");
                }
                catch (Exception ex) when (IsEngineFailure(ex))
                {
                    WriteError(ToErrorRecord(ex));
                    all = false;
                }
            }
            return all;
        }

        /// <summary>The event a written tag created, read back from the registry (as GTO's API returns it).</summary>
        private protected void WriteEvents(IEnumerable<TagChange> written)
        {
            var created = written.Where(c => !c.Delete).ToList();
            if (created.Count == 0) return;
            var registry = OpenRegistry();
            foreach (var c in created) WriteObject(registry.Queries.CheckRef(c.Tag), true);
        }
    }
}
