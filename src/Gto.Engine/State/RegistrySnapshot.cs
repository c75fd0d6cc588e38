using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Naming;

namespace Gto.Engine.State
{
    /// <summary>
    /// The registry state folded once from every tag of a repository: artifacts in GTO's state order, the tag list
    /// (for counters and name clashes) and what the read met. Nothing changes it after the fold; version objects read
    /// their commit lazily from <see cref="Context"/>, so the snapshot lives as long as its context.
    /// </summary>
    internal sealed class RegistrySnapshot
    {
        private readonly Dictionary<string, ArtifactState> _byName;

        private RegistrySnapshot(RepositoryContext context, List<TagRef> tags, List<ArtifactState> artifacts,
            List<Diagnostic> warnings, ReadStatistics statistics)
        {
            Context = context;
            Tags = tags;
            Artifacts = artifacts;
            _byName = artifacts.ToDictionary(a => a.Name, StringComparer.Ordinal);
            Warnings = warnings;
            Statistics = statistics;
        }

        /// <summary>The repository the snapshot was read from.</summary>
        public RepositoryContext Context { get; }

        /// <summary>Every ref under refs/tags, GTO's or not, annotated or lightweight.</summary>
        public IReadOnlyList<TagRef> Tags { get; }

        /// <summary>Artifacts in GTO's state order.</summary>
        public IReadOnlyList<ArtifactState> Artifacts { get; }

        /// <summary>Problems met while reading that GTO 1.10 would have failed on; the read went on without the item.</summary>
        public IReadOnlyList<Diagnostic> Warnings { get; }

        public ReadStatistics Statistics { get; }

        /// <summary>Artifact names in GTO's state order.</summary>
        public IEnumerable<string> ArtifactNames => Artifacts.Select(a => a.Name);

        /// <summary>The artifact, or null when no tag and no annotation at HEAD names it.</summary>
        public ArtifactState? Find(string name) => _byName.TryGetValue(name, out var a) ? a : null;

        /// <summary>
        /// Parses the tags as they stream in (only annotated GTO tags become events) and folds them.
        /// </summary>
        /// <param name="clock">Started when the read began, for <see cref="Statistics"/>.</param>
        /// <param name="trusted">Leave out the assignments the policy does not count (docs/governance.md#the-trusted-view).</param>
        /// <param name="cancellation">Stops the signature checks of the trusted view.</param>
        public static RegistrySnapshot Fold(RepositoryContext context, IEnumerable<TagRef> stream, Stopwatch clock,
            bool trusted = false, System.Threading.CancellationToken cancellation = default)
        {
            var location = context.Location;
            var refs = new List<TagRef>();
            var warnings = new List<Diagnostic>();
            var tags = new List<(ParsedTag, RawTag)>();
            foreach (var tag in stream)
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
            if (trusted) warnings.AddRange(Governance.TrustedView.Filter(context.Git, location, tags, cancellation));
            var read = clock.Elapsed;
            var builder = new StateBuilder(context);
            builder.Build(tags, context.Head);
            warnings.AddRange(builder.Warnings);
            var stats = new ReadStatistics { Tags = refs.Count, GtoTags = tags.Count, Reading = read, Folding = clock.Elapsed - read };
            return new RegistrySnapshot(context, refs, builder.Artifacts, warnings, stats);
        }

        private static Diagnostic CreatedTag(string repository, string tag) => new Diagnostic
        {
            Repository = repository, Level = DiagnosticSeverity.Error, Id = "CreatedTag", Target = tag,
            Message = $"The tag '{tag}' uses the reserved form 'name@created', which has no action; it is ignored. " +
                      "GTO 1.10 fails on every command while it exists: delete it with 'git tag -d' (and 'git push --delete').",
        };
    }

    /// <summary>How long the parts of a read took, for <c>-Debug</c>.</summary>
    internal sealed class ReadStatistics
    {
        public int Tags { get; init; }
        public int GtoTags { get; init; }
        /// <summary>Opening the repository and config, and reading and parsing every tag (streamed from git).</summary>
        public TimeSpan Reading { get; init; }
        /// <summary>Folding the events into the registry state.</summary>
        public TimeSpan Folding { get; init; }
    }
}
