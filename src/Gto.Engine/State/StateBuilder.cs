using System;
using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Annotations;
using Gto.Engine.Git;
using Gto.Engine.Naming;

namespace Gto.Engine.State
{
    /// <summary>
    /// Folds the tags into the registry state exactly as GTO 1.10 does (docs/registry-state.md#building-the-state): deprecations, then versions,
    /// then stages (each pass in tag-time order), then the artifacts annotated at HEAD. Every version object's
    /// Commit event is read lazily, when a query needs it. Where GTO would crash (docs/registry-state.md#q3-several-versions-on-one-commit) the offending item is skipped and reported.
    /// </summary>
    internal sealed class StateBuilder
    {
        private readonly string _repository;
        private readonly GitRepository _git;
        private readonly AnnotationReader _annotations;
        private readonly List<ArtifactState> _artifacts = new List<ArtifactState>();
        private readonly Dictionary<string, ArtifactState> _byName = new Dictionary<string, ArtifactState>(StringComparer.Ordinal);
        private readonly List<Diagnostic> _warnings = new List<Diagnostic>();

        public StateBuilder(RepositoryContext context)
        {
            _repository = context.Location;
            _git = context.Git;
            _annotations = context.Annotations;
        }

        public List<ArtifactState> Artifacts => _artifacts;
        public List<Diagnostic> Warnings => _warnings;

        public void Build(IReadOnlyList<(ParsedTag Parsed, RawTag Raw)> tags, string? head)
        {
            // Stable sorts: ties in the same second keep tag-name order, as GTO's do.
            foreach (var (p, raw) in ByTime(tags, TagAction.Deprecate))
                Artifact(p.Artifact).Deprecations.Add(Tagged<DeprecationEvent>(p, raw, null));

            foreach (var (p, raw) in ByTime(tags, TagAction.Register, TagAction.Deregister))
                AddVersionEvent(p, raw);

            foreach (var (p, raw) in ByTime(tags, TagAction.Assign, TagAction.Unassign))
                AddStageEvent(p, raw);

            if (head != null) DiscoverAnnotated(head);

        }

        private static IEnumerable<(ParsedTag, RawTag)> ByTime(IEnumerable<(ParsedTag Parsed, RawTag Raw)> tags, params TagAction[] actions) =>
            tags.Where(t => actions.Contains(t.Parsed.ActionKind)).OrderBy(t => t.Raw.When.ToUnixTimeSeconds());

        private ArtifactState Artifact(string name)
        {
            if (!_byName.TryGetValue(name, out var a))
            {
                a = new ArtifactState(name);
                _byName[name] = a;
                _artifacts.Add(a);
            }
            return a;
        }

        private void AddVersionEvent(ParsedTag p, RawTag raw)
        {
            var artifact = Artifact(p.Artifact);
            var version = artifact.Versions.FirstOrDefault(v => !v.Discovered && v.Name == p.Version && v.Commit == raw.Target);
            if (version == null)
            {
                version = new VersionState(p.Artifact, p.Version!, raw.Target, ReadCommitEvent);
                artifact.Versions.Add(version);
            }
            if (p.ActionKind == TagAction.Register)
                EventOrder.InsertSorted(version.Registrations, Tagged<RegistrationEvent>(p, raw, p.Version));
            else
                EventOrder.InsertSorted(version.Deregistrations, Tagged<DeregistrationEvent>(p, raw, p.Version));
        }

        private void AddStageEvent(ParsedTag p, RawTag raw)
        {
            var artifact = Artifact(p.Artifact);
            var tagged = artifact.TaggedVersionsAt(raw.Target);
            if (tagged.Count > 1)
            {
                _warnings.Add(new Diagnostic
                {
                    Repository = _repository, Level = DiagnosticSeverity.Error, Id = "ManyVersionsOnCommit", Target = raw.Name,
                    Message = artifact.ManyVersionsMessage(tagged) + $" The tag '{raw.Name}' is ignored because it cannot be attributed " +
                              "to one version; GTO 1.10 fails on every command here. Deregister (or delete the tag of) one of the versions.",
                });
                return;
            }
            VersionState version;
            if (tagged.Count == 1) version = tagged[0];
            else
            {
                // GTO creates an empty SHA-named version here, then fails to find it again (it is "discovered") and
                // creates a second one that receives the event: the duplicate rows of Q2 (docs/registry-state.md#q2-duplicate-version-objects), kept for parity.
                artifact.Versions.Add(new VersionState(p.Artifact, raw.Target, raw.Target, ReadCommitEvent));
                version = new VersionState(p.Artifact, raw.Target, raw.Target, ReadCommitEvent);
                artifact.Versions.Add(version);
            }
            var stage = version.Stage(p.Stage!);
            if (p.ActionKind == TagAction.Assign)
                EventOrder.InsertSorted(stage.Assignments, Tagged<AssignmentEvent>(p, raw, version.Name));
            else
                EventOrder.InsertSorted(stage.Unassignments, Tagged<UnassignmentEvent>(p, raw, version.Name));
        }

        /// <summary>The event a GTO tag records: who made the tag, when, with what message, on which commit.</summary>
        private T Tagged<T>(ParsedTag p, RawTag raw, string? version) where T : RegistryEvent, new() => new T
        {
            Repository = _repository, Artifact = p.Artifact, CreatedAt = raw.When, Author = raw.TaggerName,
            AuthorEmail = raw.TaggerEmail, Message = raw.Message, Commit = raw.Target, Tag = raw.Name, Version = version, Stage = p.Stage,
        };

        /// <summary>GTO's Commit event for a version: committer time, commit author, full message, annotation at that commit.</summary>
        private CommitEvent? ReadCommitEvent(VersionState version)
        {
            var commit = _git.ReadCommit(version.Commit);
            if (commit == null) return null;
            var data = _annotations.AtCommit(commit.Sha).Find(version.Artifact);
            var annotation = data?.ToModel(_repository, version.Artifact, _annotations.Index, commit.Sha);
            return new CommitEvent
            {
                Repository = _repository, Artifact = version.Artifact, CreatedAt = commit.CommittedAt, Author = commit.AuthorName,
                AuthorEmail = commit.AuthorEmail, Message = commit.Message, Commit = commit.Sha, Version = version.Name,
                Committer = commit.CommitterName, CommitterEmail = commit.CommitterEmail, Annotation = annotation,
            };
        }

        /// <summary>GTO's pass over HEAD's annotation file: each artifact gets a version at HEAD unless a tagged one is there.</summary>
        private void DiscoverAnnotated(string head)
        {
            foreach (var entry in _annotations.AtCommit(head).Entries)
            {
                var artifact = Artifact(entry.Key);
                if (artifact.TaggedVersionsAt(head).Count == 0)
                    artifact.Versions.Add(new VersionState(entry.Key, head, head, ReadCommitEvent));
            }
        }
    }
}
