using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Gto.Engine.Governance
{
    /// <summary>
    /// Verifies the signatures of registry tags (docs/governance.md#verification): one <c>git cat-file --batch</c>
    /// reads every tag object, then one ssh-keygen or gpg per signed tag checks it, several at a time. Results are
    /// kept, so a tag is checked once per command.
    /// </summary>
    internal sealed class TagVerifier
    {
        private readonly string _root;
        private readonly string _gitDirectory;
        private readonly ConcurrentDictionary<string, TagSignature> _checked = new ConcurrentDictionary<string, TagSignature>(StringComparer.Ordinal);
        private SigningConfig? _config;
        private SshSignatures? _ssh;
        private GpgSignatures? _gpg;

        public TagVerifier(string root, string gitDirectory)
        {
            _root = root;
            _gitDirectory = gitDirectory;
        }

        /// <summary>Checks processes run at once: each spends most of its time starting, so more than the cores pays.</summary>
        internal static int Parallelism { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

        /// <summary>The signature of each named tag (a name that is no annotated tag is left out).</summary>
        public IReadOnlyDictionary<string, TagSignature> Verify(IEnumerable<string> tags, CancellationToken cancellation = default)
        {
            var wanted = tags.Distinct(StringComparer.Ordinal).ToList();
            var missing = wanted.Where(t => !_checked.ContainsKey(t)).ToList();
            if (missing.Count > 0) Check(missing, cancellation);
            var result = new Dictionary<string, TagSignature>(StringComparer.Ordinal);
            foreach (var t in wanted)
                if (_checked.TryGetValue(t, out var s)) result[t] = s;
            return result;
        }

        public TagSignature? Verify(string tag, CancellationToken cancellation = default) =>
            Verify(new[] { tag }, cancellation).TryGetValue(tag, out var s) ? s : null;

        private void Check(List<string> tags, CancellationToken cancellation)
        {
            var objects = SignedTagObject.Read(_root, _gitDirectory, tags, cancellation);
            var signed = new List<SignedTagObject>();
            foreach (var o in objects.Values)
            {
                if (o.Signature == null) _checked[o.Name] = new TagSignature(o.Name, SignatureStatus.Unsigned, null, null, null, null);
                else signed.Add(o);
            }
            if (signed.Count == 0) return;
            _config ??= SigningConfig.Read(_root, _gitDirectory);
            // Made before the parallel loop: the allowed-signers file is read once.
            if (signed.Any(o => o.Format == "ssh")) _ssh ??= new SshSignatures(_config);
            if (signed.Any(o => o.Format != "ssh")) _gpg ??= new GpgSignatures(_config);
            // Signatures and payloads go to files of a private folder that is removed afterwards.
            var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gto-verify-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation };
                Parallel.ForEach(signed, options, o => _checked[o.Name] = CheckOne(o, work, cancellation));
            }
            finally
            {
                Directory.Delete(work, true);
            }
        }

        private TagSignature CheckOne(SignedTagObject tag, string work, CancellationToken cancellation) => tag.Format == "ssh"
            ? _ssh!.Verify(tag, work, cancellation)
            : _gpg!.Verify(tag, work, cancellation);
    }
}
