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
        private HashSet<string> _commandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Exception> _unreadable = new Dictionary<string, Exception>(StringComparer.Ordinal);
        private string? _current;

        /// <summary>
        /// Folders inside repositories, or URLs of remote ones (default: the current location). With several, the
        /// command runs against each in turn (reads read them concurrently first), and one that fails is an error for
        /// that registry only.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Repository { get; set; }

        /// <summary>How many registries are read at once when several are given; 0 reads them one by one, in turn.</summary>
        private protected virtual int ReadThrottle => 0;

        /// <summary>The command was given several repositories: a failing one must not stop the others.</summary>
        private bool SeveralRepositories => Repository != null && Repository.Length > 1;

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
            var registry = OrTerminate(() => Registry.Open(path, RemoteLocation, null, Cancellation, ReadsTrustedView));
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

        /// <summary>
        /// Opens a repository. A repository that cannot be opened ends the command (nothing else it would do there can
        /// succeed), unless the repository came with a piped object: then it is an error for that object only, and the
        /// next object, which may name another repository, is processed.
        /// </summary>
        private protected T OrTerminate<T>(Func<T> open)
        {
            try
            {
                return open();
            }
            catch (Exception ex) when (IsEngineFailure(ex) && !BoundFromPipeline(nameof(Repository)) && !SeveralRepositories)
            {
                ThrowTerminatingError(ToErrorRecord(ex));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }

        /// <summary>True when the command reads the trusted view (-Trusted).</summary>
        protected virtual bool ReadsTrustedView => false;

        /// <summary>True when <paramref name="parameter"/> was bound from the current pipeline object, not the command line.</summary>
        private protected bool BoundFromPipeline(string parameter) =>
            MyInvocation.BoundParameters.ContainsKey(parameter) && !_commandLine.Contains(parameter);

        /// <summary>The URL of the repository being processed, credentials replaced by ***, or null for a local repository.</summary>
        protected string? RemoteLocation => _current != null && RemoteClone.IsUrl(_current) ? Redaction.Url(_current) : null;

        /// <summary>
        /// The folder to read: -Repository resolved against PowerShell's current location, or, for a URL, a temporary
        /// bare clone made once per command (GTO clones remote repositories too) and removed when the command ends.
        /// </summary>
        protected string RepositoryPath()
        {
            var shown = RemoteLocation;
            if (shown == null)
                return _current == null
                    ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
                    : GetUnresolvedProviderPathFromPSPath(_current);
            // The real URL (also behind a *** one this session has cloned) goes to git; messages show the redacted one.
            var url = Redaction.Recall(_current!);
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

        /// <summary>Checks of the command's own parameters, made once before any input: a failure ends the command.</summary>
        protected virtual void Begin() { }

        /// <inheritdoc />
        protected sealed override void BeginProcessing()
        {
            // Here the bound parameters are those of the command line; pipeline objects add theirs later.
            _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            Guard(Begin);
        }

        /// <summary>Per-input work: every cmdlet does its work here, once per piped object (once without input).</summary>
        protected virtual void Process() { }

        /// <summary>
        /// Runs <see cref="Process"/> once per repository of the input. A failure while processing one input (or one of
        /// several repositories) is an error for it only (docs/compatibility.md#errors-and-pipelines).
        /// </summary>
        protected sealed override void ProcessRecord()
        {
            if (!SeveralRepositories)
            {
                _current = Repository?[0];
                Guard(Process, perInput: true);
                return;
            }
            if (ReadThrottle > 0) Guard(() => ReadAhead(Repository!), perInput: true);
            foreach (var repository in Repository!)
            {
                _current = repository;
                if (_unreadable.TryGetValue(repository, out var failure)) WriteError(ToErrorRecord(failure));
                else Guard(Process, perInput: true);
            }
        }

        /// <summary>
        /// Reads several registries concurrently before <see cref="Process"/> runs against each in turn: by default the
        /// registry itself (the trusted view with -Trusted), kept for <see cref="OpenRegistry"/>.
        /// </summary>
        private protected virtual void ReadAhead(IReadOnlyList<string> repositories)
        {
            // Decided here, on the pipeline thread: the reads must not look at the cmdlet.
            var trusted = ReadsTrustedView;
            Preload(repositories, (folder, shown, cancellation) => Registry.Open(folder, shown, null, cancellation, trusted), _open);
        }

        /// <summary>
        /// Reads with <paramref name="read"/> the registries that have no value in <paramref name="store"/> yet (by
        /// folder), <see cref="ReadThrottle"/> at a time, while this (the pipeline) thread shows one progress bar; each
        /// value read is kept in <paramref name="store"/>, each failure for its repository's turn.
        /// </summary>
        private protected void Preload<T>(IEnumerable<string> repositories, Func<string, string?, CancellationToken, T> read,
            IDictionary<string, T> store) where T : class
        {
            var sources = new List<RegistryPreloader.Source>();
            foreach (var repository in System.Linq.Enumerable.Distinct(repositories, StringComparer.Ordinal))
            {
                _current = repository;
                var shown = RemoteLocation;
                if (shown == null)
                {
                    var folder = RepositoryPath();
                    if (!store.ContainsKey(folder)) sources.Add(new RegistryPreloader.Source(repository, folder, null, null));
                }
                else if (!_clones.ContainsKey(Redaction.Recall(repository)))
                    sources.Add(new RegistryPreloader.Source(repository, null, Redaction.Recall(repository), shown));
            }
            if (sources.Count == 0) return;
            var activity = $"Reading {sources.Count} registries";
            var pending = RegistryPreloader.Start(sources, ReadThrottle, read, Cancellation);
            WriteProgress(new ProgressRecord(3, activity, $"{ReadThrottle} at a time") { PercentComplete = 0 });
            try
            {
                while (pending.Count > 0)
                {
                    var index = System.Threading.Tasks.Task.WaitAny(pending.ToArray(), Cancellation);
                    var result = pending[index].Result;
                    pending.RemoveAt(index);
                    Keep(result, store);
                    var done = sources.Count - pending.Count;
                    WriteProgress(new ProgressRecord(3, activity, $"Read '{result.Source.Shown ?? result.Source.Folder}' ({done}/{sources.Count})")
                        { PercentComplete = done * 100 / sources.Count });
                }
            }
            finally
            {
                // Stopped midway: the reads still running end on the same cancellation; what they opened is kept so
                // that Dispose releases it (temporary clones included).
                foreach (var task in pending)
                {
                    try
                    {
                        Keep(task.GetAwaiter().GetResult(), store);
                    }
                    catch (OperationCanceledException)
                    {
                        // Cancelled before it opened anything.
                    }
                }
                WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private void Keep<T>(RegistryPreloader.Result<T> result, IDictionary<string, T> store) where T : class
        {
            if (result.Failure is OperationCanceledException && _stop.IsCancellationRequested) throw result.Failure;
            if (result.Value == null)
            {
                _unreadable[result.Source.Key] = result.Failure!;
                return;
            }
            if (result.RemoteCopy != null) _clones[result.Source.Url!] = result.RemoteCopy;
            var path = result.RemoteCopy?.Path ?? result.Source.Folder!;
            store[path] = result.Value;
            if (result.Value is not Registry registry) return;
            var s = registry.Snapshot.Statistics;
            this.Verbose($"Repository '{registry.Context.Root}': {s.Tags} tags, {s.GtoTags} GTO tags read.");
        }

        /// <summary>
        /// The last line of the engine's boundary: a failure no narrower handler took ends the command with its Gto
        /// error id, never as a raw .NET, LibGit2Sharp or YamlDotNet exception. PowerShell's own exceptions (a stopped
        /// pipeline, -ErrorAction Stop) pass through untouched.
        /// </summary>
        private void Guard(Action body, bool perInput = false)
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
                if (perInput) WriteError(ToErrorRecord(ex));
                else ThrowTerminatingError(ToErrorRecord(ex));
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

        /// <summary>Work done once after all input (Get-GtoConfig's checks of its own -Name values).</summary>
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

        /// <summary>
        /// The artifact names of the current input: a piped string is a name; any other object gives its Name or
        /// Artifact property (bound to -Name by PowerShell), and without input -Name is as typed. A piped object is
        /// never turned into a name by its text.
        /// </summary>
        internal static string[]? NamesOf(PSObject? input, string[]? names) =>
            input?.BaseObject is string name ? new[] { name } : names;

        /// <summary>
        /// Writes ArtifactNotFound for each literal (non-wildcard) name that selected nothing, as Get-Item does, naming
        /// the artifacts a typo away, or saying that the artifact is deprecated.
        /// </summary>
        internal void ReportUnmatched(string[]? names, ICollection<string> found, Registry registry, bool deprecatedHidden = false)
        {
            if (names == null) return;
            foreach (var n in names)
            {
                if (WildcardPattern.ContainsWildcardCharacters(n) || found.Contains(n)) continue;
                var error = deprecatedHidden && registry.Queries.HasArtifact(n)
                    ? new GtoException(GtoErrors.ArtifactNotFound,
                        $"Artifact '{n}' is deprecated, so it is hidden; add -IncludeDeprecated to see it.", n)
                    : registry.Queries.ArtifactNotFound(n);
                WriteError(ToErrorRecord(error));
            }
        }
    }
}
