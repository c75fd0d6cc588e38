using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Gto
{
    /// <summary>One stage of an artifact and the version(s) shown in it (a cell of GTO <c>show</c>).</summary>
    public sealed class StageVersions
    {
        private readonly ValueList _versions;

        /// <summary>A stage holding <paramref name="versions"/> (none: the stage is a column no version holds).</summary>
        public StageVersions(string stage, IEnumerable<string> versions)
        {
            Stage = stage;
            _versions = new ValueList(versions);
        }

        /// <summary>The stage name.</summary>
        public string Stage { get; }

        /// <summary>The version in the stage (the first one when the view shows several), or null.</summary>
        public string? Version => _versions.Count > 0 ? _versions[0] : null;

        /// <summary>Every version shown in the stage, joined by <c>", "</c> as GTO's <c>show --json</c> writes them, or null.</summary>
        public string? Versions => _versions.Count > 0 ? _versions.ToString() : null;

        /// <summary>The versions as a list (what <c>$artifact.Stages['prod']</c> returns).</summary>
        public ValueList GetVersions() => _versions;

        /// <summary><c>stage=version</c>, versions joined by <c>|</c>; <c>stage=-</c> when the stage holds none.</summary>
        public override string ToString() => Stage + "=" + (_versions.Count > 0 ? string.Join("|", _versions) : "-");
    }

    /// <summary>
    /// The stages of an artifact in column order, each with the version(s) in it. Indexing by stage name gives that
    /// stage's versions (<c>$artifact.Stages['prod']</c>); the map prints as <c>dev=v1.1.0, prod=v1.0.0</c>, and converts
    /// to JSON as an array of <see cref="StageVersions"/>.
    /// </summary>
    public sealed class StageMap : IReadOnlyList<StageVersions>
    {
        private readonly StageVersions[] _stages;

        /// <summary>A map of <paramref name="stages"/>, in their order.</summary>
        public StageMap(IEnumerable<StageVersions> stages) => _stages = stages.ToArray();

        /// <inheritdoc />
        public StageVersions this[int index] => _stages[index];

        /// <summary>The versions in <paramref name="stage"/>; empty when no version holds it or it is not a column.</summary>
        public ValueList this[string stage] => Find(stage)?.GetVersions() ?? ValueList.Empty;

        /// <summary>The stage names, in column order.</summary>
        public IEnumerable<string> Keys => _stages.Select(s => s.Stage);

        /// <summary>True when <paramref name="stage"/> is a column of the map.</summary>
        public bool ContainsKey(string stage) => Find(stage) != null;

        private StageVersions? Find(string stage) => Array.Find(_stages, s => s.Stage == stage);

        /// <inheritdoc />
        public int Count => _stages.Length;

        /// <inheritdoc />
        public IEnumerator<StageVersions> GetEnumerator() => ((IEnumerable<StageVersions>)_stages).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _stages.GetEnumerator();

        /// <summary>The stages that hold a version, as <c>stage=version</c> joined by <c>", "</c>.</summary>
        public override string ToString() => string.Join(", ", _stages.Where(s => s.Version != null));
    }
}
