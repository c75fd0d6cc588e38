using System.Collections.Generic;
using System.Linq;
using Gto.Engine.Git;
using Gto.Engine.Naming;
using Gto.Engine.State;

namespace Gto.Engine
{
    /// <summary>Finds what GTO's <c>doctor</c> would trip over, and what it silently ignores, as one object per problem.</summary>
    internal sealed class RegistryDoctor
    {
        private readonly string _repository;
        private readonly List<TagRef> _tags;
        private readonly List<ArtifactState> _artifacts;

        public RegistryDoctor(string repository, List<TagRef> tags, List<ArtifactState> artifacts)
        {
            _repository = repository;
            _tags = tags;
            _artifacts = artifacts;
        }

        public List<Diagnostic> Run(IEnumerable<Diagnostic> readWarnings)
        {
            // Stage tags skipped for ambiguity are covered by the per-commit check below.
            var result = readWarnings.Where(w => w.Id != "ManyVersionsOnCommit").ToList();
            foreach (var tag in _tags)
            {
                var name = tag.Name;
                var match = TagNames.TryParse(name, out _);
                if (match == TagNames.Match.Tag && tag.Annotated == null)
                    result.Add(new Diagnostic(_repository, DiagnosticSeverity.Warning, "LightweightTag", name,
                        $"The tag '{name}' is lightweight, so GTO ignores it (it still counts for #N counters). " +
                        $"Recreate it annotated: git tag -f -a '{name}' -m '<message>' '{name}'"));
                else if (match == TagNames.Match.None && LooksLikeGto(name))
                    result.Add(new Diagnostic(_repository, DiagnosticSeverity.Warning, "MalformedTag", name,
                        $"The tag '{name}' looks like a GTO tag but does not follow the grammar (e.g. 'name@v1.2.3', " +
                        "'name#stage#3'), so it is ignored. Delete or rename it if it was meant for the registry."));
            }
            foreach (var artifact in _artifacts)
                foreach (var group in artifact.Versions.Where(v => !v.Discovered).GroupBy(v => v.Commit).Where(g => g.Count() > 1))
                    result.Add(new Diagnostic(_repository, DiagnosticSeverity.Error, "ManyVersionsOnCommit", group.Key,
                        artifact.ManyVersionsMessage(group) + " GTO 1.10 fails once a stage tag or registration touches this commit; deregister one of the versions."));
            return result;
        }

        // An artifact-like prefix followed by '@' or '#': what someone writing a GTO tag by hand produces.
        private static bool LooksLikeGto(string name)
        {
            int at = name.IndexOfAny(new[] { '@', '#' });
            return at > 0 && Names.IsValidFullName(Names.FromTagPart(name.Substring(0, at)));
        }
    }
}
