namespace Gto
{
    /// <summary>What checking a tag's signature found (docs/governance.md#verification).</summary>
    public enum SignatureStatus
    {
        /// <summary>The tag carries a good signature by a key the repository trusts (allowed-signers file, gpg keyring).</summary>
        Valid,
        /// <summary>The tag carries a signature that does not match its content (tampered or damaged), or one of a kind Gto cannot check.</summary>
        Invalid,
        /// <summary>The tag carries no signature (plain <c>git tag -a</c>, GTO's CLI, a Gto write without -Sign).</summary>
        Unsigned,
        /// <summary>The signature was made by a key the repository does not know (not in the allowed-signers file, not in the keyring).</summary>
        UnknownKey,
    }

    /// <summary>The signature of one registry tag, as checked by -Verify.</summary>
    public sealed class TagSignature
    {
        /// <summary>Creates a signature result.</summary>
        public TagSignature(string tag, SignatureStatus status, string? format, string? signer, string? fingerprint, string? detail)
        {
            Tag = tag;
            State = status;
            Format = format;
            Signer = signer;
            Fingerprint = fingerprint;
            Detail = detail;
        }

        /// <summary>The tag checked.</summary>
        public string Tag { get; }
        /// <summary><c>Valid</c>, <c>Invalid</c>, <c>Unsigned</c> or <c>UnknownKey</c> (a string, so exports show the name).</summary>
        public string Status => State.ToString();
        /// <summary>What the check found.</summary>
        internal SignatureStatus State { get; }
        /// <summary>The kind of signature: <c>ssh</c>, <c>openpgp</c> or <c>x509</c>; null when unsigned.</summary>
        public string? Format { get; }
        /// <summary>Who signed: the allowed-signers principal (ssh) or the key's user id (openpgp); null when unknown.</summary>
        public string? Signer { get; }
        /// <summary>The signing key's fingerprint (<c>SHA256:...</c> for ssh, hex for openpgp); null when unsigned.</summary>
        public string? Fingerprint { get; }
        /// <summary>Why the signature is not Valid, in the verifier's words; null when Valid or Unsigned.</summary>
        public string? Detail { get; }
        /// <summary>True for <see cref="SignatureStatus.Valid"/>.</summary>
        public bool IsValid => State == SignatureStatus.Valid;

        /// <inheritdoc />
        public override string ToString() => Signer == null ? Status : $"{Status} ({Signer})";
    }
}
