using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// -Verify: fills the <c>Signature</c> of versions and events with the check of their tags (docs/governance.md#verification).
    /// All the tags of one call are checked in one batch; a registry remembers what it checked.
    /// </summary>
    internal static class SignatureAttacher
    {
        private static readonly ConditionalWeakTable<Registry, TagVerifier> Verifiers = new ConditionalWeakTable<Registry, TagVerifier>();

        /// <summary>Sets each event's Signature (commit events have no tag and keep null).</summary>
        public static void Attach(Registry registry, IReadOnlyCollection<RegistryEvent> events, CancellationToken cancellation = default)
        {
            var found = Verifier(registry).Verify(events.Where(e => e.Tag != null).Select(e => e.Tag!), cancellation);
            foreach (var e in events)
                if (e.Tag != null && found.TryGetValue(e.Tag, out var s)) e.Signature = s;
        }

        /// <summary>
        /// Sets each version's Signature: its Ref tag's. The signature of every other tag of a version is on its event in
        /// Get-GtoHistory -Verify (docs/governance.md#verification).
        /// </summary>
        public static void Attach(Registry registry, IReadOnlyCollection<ArtifactVersion> versions, CancellationToken cancellation = default)
        {
            var found = Verifier(registry).Verify(versions.Where(v => v.Ref != v.Commit).Select(v => v.Ref), cancellation);
            foreach (var v in versions)
                if (found.TryGetValue(v.Ref, out var s)) v.Signature = s;
        }

        private static TagVerifier Verifier(Registry registry) =>
            Verifiers.GetValue(registry, r => new TagVerifier(r.Context.Root, r.Context.Git.GitDirectory));
    }
}
