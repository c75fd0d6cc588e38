using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using Gto.Engine;
using Gto.Engine.Git;
using Gto.PowerShell.Validation;

namespace Gto.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of every Gto cmdlet: resolves -Repository against PowerShell's current location (not the process
    /// directory), opens each registry once per command, and turns engine failures into ErrorRecords.
    /// </summary>
    public abstract class GtoCmdlet : PSCmdlet, IDisposable
    {
        private readonly Dictionary<string, Registry> _open = new Dictionary<string, Registry>(StringComparer.Ordinal);
        private readonly Dictionary<string, RemoteClone> _clones = new Dictionary<string, RemoteClone>(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>A folder inside the repository, or the URL of a remote one (default: the current location).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Repository { get; set; }

        /// <summary>
        /// Cancelled when PowerShell stops the pipeline (Ctrl+C, PowerShell.Stop()): every engine call that waits (the
        /// registry lock, git) takes it and ends with OperationCanceledException.
        /// </summary>
        protected CancellationToken Cancellation => _stop.Token;

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            // Called on another thread while the command runs, possibly after it ended and was disposed.
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command had already finished.
            }
        }

        /// <summary>The registry -Repository points at, read once per command even when many objects are piped in.</summary>
        private protected Registry OpenRegistry()
        {
            var path = RepositoryPath();
            if (_open.TryGetValue(path, out var cached)) return cached;
            this.Verbose($"Reading the registry in '{path}'.");
            // Governance hook: -Trusted reads the registry as the policy counts it (docs/governance.md#the-trusted-view).
            var registry = OrTerminate(() => ReadsTrustedView
                ? Registry.OpenTrusted(path, RemoteLocation, Cancellation)
                : Registry.Open(path, RemoteLocation, Cancellation));
            var s = registry.Snapshot.Statistics;
            this.Verbose($"Repository '{registry.Context.Root}': {s.Tags} tags, {s.GtoTags} GTO tags read.");
            this.Debug($"Read timings: read {s.Reading.TotalMilliseconds:F1} ms, fold {s.Folding.TotalMilliseconds:F1} ms.");
            _open[path] = registry;
            return registry;
        }

        /// <summary>
        /// The repository -Repository points at, without reading its tags: git, config, root and HEAD. The caller
        /// disposes it.
        /// </summary>
        private protected RepositoryContext OpenContext()
        {
            var path = RepositoryPath();
            return OrTerminate(() => RepositoryContext.Open(path, RemoteLocation));
        }

        /// <summary>Runs an engine call whose failure ends the command.</summary>
        private T OrTerminate<T>(Func<T> open)
        {
            try
            {
                return open();
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                ThrowTerminatingError(ToErrorRecord(ex));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }

        /// <summary>True when the command reads the trusted view (-Trusted).</summary>
        protected virtual bool ReadsTrustedView => false;

        /// <summary>The URL -Repository names, credentials replaced by ***, or null for a local repository.</summary>
        protected string? RemoteLocation => Repository != null && RemoteClone.IsUrl(Repository) ? Redaction.Url(Repository) : null;

        /// <summary>
        /// The folder to read: -Repository resolved against PowerShell's current location, or, for a URL, a temporary
        /// bare clone made once per command (GTO clones remote repositories too) and removed when the command ends.
        /// </summary>
        protected string RepositoryPath()
        {
            var shown = RemoteLocation;
            if (shown == null)
                return Repository == null
                    ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
                    : GetUnresolvedProviderPathFromPSPath(Repository);
            // The real URL (also behind a *** one this session has cloned) goes to git; messages show the redacted one.
            var url = Redaction.Recall(Repository!);
            if (!_clones.TryGetValue(url, out var clone))
            {
                this.Verbose($"Cloning '{shown}' into a temporary folder.");
                // A new record each time: the progress stream keeps the objects it is given.
                var activity = $"Cloning {shown}";
                WriteProgress(new ProgressRecord(1, activity, "Connecting"));
                try
                {
                    clone = OrTerminate(() => RemoteClone.Create(url, (phase, percent) =>
                        WriteProgress(new ProgressRecord(1, activity, phase) { PercentComplete = percent }), Cancellation));
                }
                finally
                {
                    WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
                _clones[url] = clone;
            }
            return clone.Path;
        }

        /// <summary>Runs an engine call, writing a non-terminating error when it fails.</summary>
        protected void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                WriteError(ToErrorRecord(ex));
            }
        }

        /// <summary>Per-input work (the cmdlets that take pipeline input do it here).</summary>
        protected virtual void Process() { }

        /// <inheritdoc />
        protected sealed override void ProcessRecord() => Guard(Process);

        /// <summary>
        /// The last line of the engine's boundary: a failure no narrower handler took ends the command with its Gto
        /// error id, never as a raw .NET, LibGit2Sharp or YamlDotNet exception. PowerShell's own exceptions (a stopped
        /// pipeline, -ErrorAction Stop) pass through untouched.
        /// </summary>
        private void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Not a failure: the pipeline is being stopped, and this is how a cmdlet says it stopped.
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                ThrowTerminatingError(ToErrorRecord(ex));
            }
        }

        /// <summary>
        /// True for an exception from the engine or below it, rather than from PowerShell's pipeline machinery (any
        /// System.Management.Automation type) or the cancellation of a stopping pipeline, which are not Gto errors.
        /// </summary>
        internal bool IsEngineFailure(Exception ex) =>
            !(ex is RuntimeException) && !(ex is OutOfMemoryException) &&
            ex.GetType().Namespace?.StartsWith("System.Management.Automation", StringComparison.Ordinal) != true &&
            !(ex is OperationCanceledException && _stop.IsCancellationRequested);

        internal static ErrorRecord ToErrorRecord(Exception ex)
        {
            var gto = EngineFailures.ToGtoException(ex);
            return new ErrorRecord(gto, gto.ErrorId, Category(gto.Kind), gto.Target);
        }

        private static ErrorCategory Category(GtoErrorKind kind) => kind switch
        {
            GtoErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            GtoErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            GtoErrorKind.InvalidData => ErrorCategory.InvalidData,
            GtoErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            GtoErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            GtoErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            _ => ErrorCategory.InvalidOperation,
        };

        /// <summary>Reports what the reads met and releases the repositories this command opened.</summary>
        protected sealed override void EndProcessing() => Guard(() =>
        {
            Complete();
            DisposeRegistries();
            RemoveClones();
        });

        /// <summary>Work done once after all input (cmdlets that do not take pipeline input do everything here).</summary>
        protected virtual void Complete() { }

        /// <summary>
        /// PowerShell disposes a cmdlet however its pipeline ends (completed, failed or stopped with Ctrl+C), so
        /// repositories are closed and temporary clones removed even after a terminating error.
        /// </summary>
        public void Dispose()
        {
            foreach (var r in _open.Values) r.Dispose();
            _open.Clear();
            RemoveClones();
            _stop.Dispose();
        }

        private void RemoveClones()
        {
            foreach (var c in _clones.Values) c.Dispose();
            _clones.Clear();
        }

        /// <summary>
        /// Writes each registry's warnings (known only once the queries ran, as annotation files are read lazily)
        /// and forgets the registries, at the end or after this command changed them.
        /// </summary>
        protected void DisposeRegistries()
        {
            foreach (var r in _open.Values)
            {
                foreach (var w in r.Warnings) this.Warn(w.Message);
                r.Dispose();
            }
            _open.Clear();
        }

        /// <summary>Wildcard patterns for a -Name style parameter (null means everything).</summary>
        internal static List<WildcardPattern>? Patterns(string[]? names)
        {
            if (names == null || names.Length == 0) return null;
            var list = new List<WildcardPattern>();
            foreach (var n in names) list.Add(WildcardPattern.Get(n, WildcardOptions.None));
            return list;
        }

        internal static bool Matches(List<WildcardPattern>? patterns, string value)
        {
            if (patterns == null) return true;
            foreach (var p in patterns)
                if (p.IsMatch(value)) return true;
            return false;
        }

        /// <summary>Writes ArtifactNotFound for each literal (non-wildcard) name that selected nothing, as Get-Item does.</summary>
        internal void ReportUnmatched(string[]? names, ICollection<string> found)
        {
            if (names == null) return;
            foreach (var n in names)
                if (!WildcardPattern.ContainsWildcardCharacters(n) && !found.Contains(n))
                    WriteError(ToErrorRecord(new GtoException(GtoErrors.ArtifactNotFound,
                        $"Cannot find artifact '{n}'. Run Get-GtoArtifact to list the artifacts of this registry.", n)));
        }
    }
}
