using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Gto.Engine.Annotations;
using Gto.Engine.Config;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.Queries;
using Gto.Engine.State;

namespace Gto.Engine
{
    /// <summary>
    /// A registry read once: every tag is listed and parsed once, only GTO tags are loaded, and the state is folded
    /// a single time; every query of a command runs against that one snapshot.
    /// </summary>
    public sealed class Registry : IDisposable
    {
        private readonly GitRepository _git;
        private readonly AnnotationReader _annotations;
        private readonly List<ArtifactState> _artifacts;
        private readonly Dictionary<string, ArtifactState> _byName;
        private readonly List<TagRef> _tagRefs;
        private readonly List<Diagnostic> _readWarnings;

        private Registry(GitRepository git, string location, RegistryConfig config, AnnotationReader annotations, List<TagRef> tagRefs,
            List<ArtifactState> artifacts, List<Diagnostic> warnings, string? head, ReadStatistics statistics)
        {
            _git = git;
            Location = location;
            Config = config;
            _annotations = annotations;
            _tagRefs = tagRefs;
            _artifacts = artifacts;
            _byName = artifacts.ToDictionary(a => a.Name, StringComparer.Ordinal);
            _readWarnings = warnings;
            Head = head;
            Statistics = statistics;
        }

        /// <summary>The work-tree root (or git directory of a bare repository).</summary>
        public string Root => _git.Root;

        /// <summary>What objects name as their Repository: the root, or the URL a remote registry was cloned from.</summary>
        public string Location { get; }
        public RegistryConfig Config { get; }
        /// <summary>
        /// Problems met while reading that GTO 1.10 would have failed on; the read went on without the item. Annotation
        /// files are read lazily, so a damaged one appears here once a query has read it.
        /// </summary>
        public IReadOnlyList<Diagnostic> Warnings =>
            _readWarnings.Concat(_annotations.Damaged.Select(d => new Diagnostic(Location, DiagnosticSeverity.Error, "DamagedAnnotationFile",
                d.Commit, d.Source == _annotations.Index
                    ? $"{_annotations.Index} at commit {d.Commit} doesn't conform to GTO format ({d.Problem}); its annotations " +
                      "are ignored. GTO 1.10 fails on every command while this file is in HEAD or in a version's commit: " +
                      "fix the file in a new commit."
                    : $"{d.Source} at commit {d.Commit} cannot be read ({d.Problem}); its artifacts' annotations are ignored. " +
                      "Fix the file in a new commit."))).ToList();
        public string? Head { get; }
        public ReadStatistics Statistics { get; }

        /// <summary>Opens the repository containing <paramref name="path"/> and reads the registry.</summary>
        /// <param name="path">A folder inside the repository.</param>
        /// <param name="location">What the objects name as their repository (default: the repository root).</param>
        /// <param name="cancellation">Stops git's tag read (OperationCanceledException).</param>
        public static Registry Open(string path, string? location = null, CancellationToken cancellation = default) =>
            Open(path, location, null, cancellation);

        /// <summary>
        /// Governance hook: the registry as the policy counts it (docs/governance.md#the-trusted-view); assignments the
        /// policy does not count are left out before the fold and named in <see cref="Warnings"/>.
        /// </summary>
        public static Registry OpenTrusted(string path, string? location = null, CancellationToken cancellation = default) =>
            Open(path, location, null, cancellation, trusted: true);

        private static Registry Open(string path, string? location, RegistryConfig? config, CancellationToken cancellation,
            bool trusted = false)
        {
            var clock = Stopwatch.StartNew();
            var gitDir = GitRepository.Discover(path);
            // git reads the tags while the repository, the config and HEAD's annotation file are opened here.
            using var stream = GitRepository.ReadTags(gitDir, cancellation);
            var git = GitRepository.OpenGitDirectory(gitDir);
            try
            {
                config ??= git.IsBare ? ConfigAtHead(git) : RegistryConfig.Load(git.Root);
                location ??= git.Root;
                var annotations = new AnnotationReader(git, config.Index);
                var head = git.HeadCommit;
                if (head != null) annotations.AtCommit(head);
                var refs = new List<TagRef>();
                var warnings = new List<Diagnostic>();
                var tags = new List<(ParsedTag, RawTag)>();
                foreach (var tag in stream.Tags())
                {
                    refs.Add(tag);
                    // Lightweight tags carry no author or date; GTO ignores them.
                    if (tag.Annotated == null) continue;
                    var match = TagNames.TryParse(tag.Name, out var parsed);
                    if (match == TagNames.Match.Created) warnings.Add(CreatedTag(location, tag.Name));
                    // A GTO tag that cannot be placed in time is left out and reported; other tags are not GTO's business.
                    else if (match == TagNames.Match.Tag && tag.Annotated.UnreadableDate != null) warnings.Add(tag.Annotated.UnreadableDateWarning(location));
                    else if (match == TagNames.Match.Tag) tags.Add((parsed, tag.Annotated));
                }
                // Governance hook: the trusted view filters the tags; the fold below stays GTO's.
                if (trusted) warnings.AddRange(Governance.TrustedView.Filter(git, location, tags, cancellation));
                var read = clock.Elapsed;
                var builder = new StateBuilder(location, git, annotations);
                builder.Build(tags, head);
                warnings.AddRange(builder.Warnings);
                var stats = new ReadStatistics(refs.Count, tags.Count, read, clock.Elapsed - read);
                return new Registry(git, location, config, annotations, refs, builder.Artifacts, warnings, head, stats);
            }
            catch
            {
                git.Dispose();
                throw;
            }
        }

        /// <summary>A bare repository (such as a clone of a remote) has no work tree: its <c>.gto</c> is the one at HEAD.</summary>
        private static RegistryConfig ConfigAtHead(GitRepository git) =>
            RegistryConfig.LoadAtCommit(git, git.HeadCommit, "HEAD:" + RegistryConfig.FileName);

        internal static Diagnostic CreatedTag(string repository, string tag) =>
            new Diagnostic(repository, DiagnosticSeverity.Error, "CreatedTag", tag,
                $"The tag '{tag}' uses the reserved form 'name@created', which has no action; it is ignored. " +
                "GTO 1.10 fails on every command while it exists: delete it with 'git tag -d' (and 'git push --delete').");

        /// <summary>Artifact names in GTO's state order.</summary>
        public IEnumerable<string> ArtifactNames => _artifacts.Select(a => a.Name);

        /// <summary>The stages shown as columns: the configured stages, or the stages in use, sorted.</summary>
        public IReadOnlyList<string> StageColumns() => Config.Stages ?? UsedStages();

        private List<string>? _usedStages;

        private List<string> UsedStages() => _usedStages ??=
            _artifacts.SelectMany(StateQueries.UsedStages).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        /// <summary>GTO <c>show</c>: one object per artifact in state order; deprecated ones only when asked.</summary>
        public IEnumerable<Artifact> GetArtifacts(ViewOptions options)
        {
            var columns = StageColumns();
            foreach (var a in _artifacts)
            {
                if (!options.IncludeDeprecated && !a.IsActive) continue;
                var held = StateQueries.StageMap(a, options).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                var stages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var stage in columns)
                    stages[stage] = held.TryGetValue(stage, out var h) ? h.Select(s => s.Version.Name).ToArray() : Array.Empty<string>();
                var latest = StateQueries.Latest(a, registeredOnly: true);
                yield return new Artifact(Location, a.Name, latest?.Name, stages, a.IsRegistered, a.IsActive, HeadAnnotation(a.Name));
            }
        }

        /// <summary>GTO <c>show NAME</c>: the artifact's versions, greatest first, filtered like GTO's shortcuts.</summary>
        public List<ArtifactVersion> GetVersions(string artifact, ViewOptions options, VersionFilter? filter = null)
        {
            var a = Find(artifact);
            var map = StateQueries.StageMap(a, options);
            var rows = new List<ArtifactVersion>();
            if (!options.IncludeDeprecated && !a.IsActive) return rows;
            var versions = StateQueries.Versions(a, !options.IncludeDeprecated, !options.RegisteredOnly, true, VersionSort.SemVer);
            foreach (var v in versions)
            {
                var stages = map.SelectMany(e => e.Value).Where(s => s.Version.Name == v.Name).ToList();
                rows.Add(v.ToModel(Location, a.IsRegistered, stages));
            }
            if (filter == null) return rows;
            if (filter.Latest) return rows.Take(1).ToList();
            if (filter.Version != null) rows = rows.Where(r => r.Version == filter.Version).ToList();
            if (filter.Stage != null) rows = rows.Where(r => r.Stages.Contains(filter.Stage)).ToList();
            return rows;
        }

        internal GitRepository Git => _git;
        internal IReadOnlyList<TagRef> TagList => _tagRefs;
        internal ArtifactState? FindState(string name) => _byName.TryGetValue(name, out var a) ? a : null;

        /// <summary>True when the artifact exists in the registry (tags or an annotation at HEAD).</summary>
        public bool HasArtifact(string name) => _byName.ContainsKey(name);

        private ArtifactState Find(string name) =>
            _byName.TryGetValue(name, out var a) ? a : throw new GtoException(GtoErrors.ArtifactNotFound,
                $"Cannot find artifact '{name}'. Run Get-GtoArtifact to list the artifacts of this registry.", name);

        /// <summary>GTO <c>history</c>: every tag event, newest first (ties: higher priority first, then GTO's reversal).</summary>
        public List<RegistryEvent> GetHistory(bool ascending)
        {
            var events = _artifacts.SelectMany(a => a.TagEvents())
                .OrderBy(e => e.CreatedAt.UtcTicks).ThenBy(e => e.Priority).ToList();
            if (!ascending) events.Reverse();
            return events;
        }

        /// <summary>GTO <c>stages</c>: configured stages (or the used ones), with whether each is allowed and in use.</summary>
        public List<Stage> GetStages(bool allowedOnly = false, bool usedOnly = false)
        {
            var used = UsedStages();
            IEnumerable<string> names = allowedOnly ? (IEnumerable<string>?)Config.Stages ?? Array.Empty<string>()
                : usedOnly ? used : StageColumns();
            // Sets, not lists: a registry may hold a hundred thousand stages.
            var usedSet = new HashSet<string>(used, StringComparer.Ordinal);
            var allowed = Config.Stages == null ? null : new HashSet<string>(Config.Stages, StringComparer.Ordinal);
            return names.Select(n => new Stage(Location, n, allowed == null || allowed.Contains(n), usedSet.Contains(n))).ToList();
        }

        /// <summary>
        /// GTO <c>check-ref</c>: the event a tag created, with the artifact's annotation at its commit; empty for
        /// branches, SHAs, unknown and lightweight tags.
        /// </summary>
        public List<RegistryEvent> CheckRef(string reference)
        {
            var tag = TagNames.StripRefPrefix(reference);
            if (TagNames.TryParse(tag, out var parsed) != TagNames.Match.Tag || !_byName.TryGetValue(parsed.Artifact, out var a))
                return new List<RegistryEvent>();
            return a.TagEvents().Where(e => e.Tag == tag).Select(WithAnnotation).ToList();
        }

        /// <summary>A copy of a tag event carrying the artifact's annotation at the event's commit.</summary>
        private RegistryEvent WithAnnotation(RegistryEvent e)
        {
            var a = AnnotationAt(e.Commit, e.Artifact);
            return e switch
            {
                RegistrationEvent r => new RegistrationEvent(r.Repository, r.Artifact, r.CreatedAt, r.Author, r.AuthorEmail, r.Message, r.Commit, r.Tag!, r.Version, a),
                DeregistrationEvent d => new DeregistrationEvent(d.Repository, d.Artifact, d.CreatedAt, d.Author, d.AuthorEmail, d.Message, d.Commit, d.Tag!, d.Version, a),
                AssignmentEvent s => new AssignmentEvent(s.Repository, s.Artifact, s.CreatedAt, s.Author, s.AuthorEmail, s.Message, s.Commit, s.Tag!, s.Version, s.Stage, a),
                UnassignmentEvent u => new UnassignmentEvent(u.Repository, u.Artifact, u.CreatedAt, u.Author, u.AuthorEmail, u.Message, u.Commit, u.Tag!, u.Version, u.Stage, a),
                DeprecationEvent p => new DeprecationEvent(p.Repository, p.Artifact, p.CreatedAt, p.Author, p.AuthorEmail, p.Message, p.Commit, p.Tag!, a),
                _ => e,
            };
        }

        /// <summary>The annotation of an artifact at HEAD: <c>artifacts.yaml</c> first, then the <c>dvc.yaml</c> its name points at.</summary>
        private Annotation? HeadAnnotation(string artifact) => Head == null ? null : AnnotationAt(Head, artifact);

        private Annotation? AnnotationAt(string commit, string artifact)
        {
            var data = _annotations.AtCommit(commit).Find(artifact);
            if (data != null) return data.ToModel(Location, artifact, _annotations.Index, commit);
            int colon = artifact.IndexOf(':');
            var directory = colon < 0 ? "" : artifact.Substring(0, colon);
            var dvcPath = colon < 0 ? "dvc.yaml" : directory + "/dvc.yaml";
            // Many artifacts share one dvc.yaml: the reader parses each once per commit.
            return _annotations.DvcFile(commit, dvcPath).Find(artifact)?.ToModel(Location, artifact, dvcPath, commit);
        }

        /// <summary>Every annotation at a revision (default HEAD): <c>artifacts.yaml</c> entries, then every <c>dvc.yaml</c>'s.</summary>
        public List<Annotation> GetAnnotations(string? revision)
        {
            var commit = revision == null ? Head : ResolveRevision(revision);
            var result = new List<Annotation>();
            if (commit == null) return result;
            var index = _annotations.AtCommit(commit);
            result.AddRange(index.Entries.Select(e => e.Value.ToModel(Location, e.Key, _annotations.Index, commit)));
            foreach (var (source, file) in _annotations.DvcAtCommit(commit))
                result.AddRange(file.Entries.Select(e => e.Value.ToModel(Location, e.Key, source, commit)));
            return result;
        }

        /// <summary>Resolves a revision to a commit SHA, or fails with GTO's message.</summary>
        public string ResolveRevision(string revision) =>
            _git.ResolveCommit(revision) ?? throw new GtoException(GtoErrors.RevisionNotFound,
                $"unknown Git revision '{revision}'. Give a branch, tag, commit SHA or expression such as HEAD~1.", revision);

        /// <summary>GTO <c>doctor</c>: every problem of the registry at <paramref name="path"/>, one object each.</summary>
        /// <param name="progress">Told (done, total) while every version's commit is read.</param>
        public static List<Diagnostic> Diagnose(string path, string? location = null, Action<int, int>? progress = null)
        {
            var problems = new List<Diagnostic>();
            Registry registry;
            try
            {
                registry = Open(path, location);
            }
            catch (GtoException ex) when (ex.ErrorId == "InvalidConfig")
            {
                // Report the config and go on with defaults, so one bad file does not hide every other problem.
                problems.Add(new Diagnostic(System.IO.Path.GetDirectoryName(ex.Target as string) ?? "", DiagnosticSeverity.Error,
                    "InvalidConfig", ex.Target as string ?? RegistryConfig.FileName, ex.Message));
                registry = Open(path, location, RegistryConfig.Default, default);
            }
            using (registry)
            {
                // Read every version's commit so damaged annotation files anywhere in the registry are found.
                var versions = registry._artifacts.SelectMany(a => a.Versions).ToList();
                for (int i = 0; i < versions.Count; i++)
                {
                    _ = versions[i].Enrichments;
                    if (i % 100 == 0) progress?.Invoke(i, versions.Count);
                }
                problems.AddRange(new RegistryDoctor(registry.Location, registry._tagRefs, registry._artifacts).Run(registry.Warnings));
            }
            return problems;
        }

        public void Dispose() => _git.Dispose();
    }

    /// <summary>How long the parts of a read took, for <c>-Debug</c>.</summary>
    public sealed class ReadStatistics
    {
        public ReadStatistics(int tags, int gtoTags, TimeSpan reading, TimeSpan folding)
        {
            Tags = tags;
            GtoTags = gtoTags;
            Reading = reading;
            Folding = folding;
        }

        public int Tags { get; }
        public int GtoTags { get; }
        /// <summary>Opening the repository and config, and reading and parsing every tag (streamed from git).</summary>
        public TimeSpan Reading { get; }
        /// <summary>Folding the events into the registry state.</summary>
        public TimeSpan Folding { get; }
    }
}
