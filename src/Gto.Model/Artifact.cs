using System.Collections.Generic;

namespace Gto
{
    /// <summary>An artifact of the registry (a row of GTO <c>show</c>).</summary>
    public sealed class Artifact
    {
        /// <summary>Creates an artifact.</summary>
        public Artifact(string repository, string name, string? latest, IReadOnlyDictionary<string, IReadOnlyList<string>> stages,
            bool isRegistered, bool isActive, Annotation? annotation)
        {
            Repository = repository;
            Name = name;
            Latest = latest;
            Stages = stages;
            IsRegistered = isRegistered;
            IsActive = isActive;
            Annotation = annotation;
        }

        /// <summary>The repository.</summary>
        public string Repository { get; }
        /// <summary>The artifact full name (<c>dir:name</c> in monorepos).</summary>
        public string Name { get; }
        /// <summary>The greatest active registered version, or null.</summary>
        public string? Latest { get; }
        /// <summary>Stage name to the version(s) in it, in stage order. Stages with no version map to an empty list.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Stages { get; }
        /// <summary>True when at least one GTO tag exists for the artifact.</summary>
        public bool IsRegistered { get; }
        /// <summary>False when the artifact is deprecated.</summary>
        public bool IsActive { get; }
        /// <summary>True when the artifact is deprecated.</summary>
        public bool IsDeprecated => !IsActive;
        /// <summary>The annotation at HEAD, or null.</summary>
        public Annotation? Annotation { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
