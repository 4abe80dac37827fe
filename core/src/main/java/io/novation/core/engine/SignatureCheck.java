package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;

/**
 * Decides whether a signed command is authorized by an owner: by recovering the secp256k1 signer of its EIP-712
 * digest, or, in trusted mode, by accepting it as verified before sequencing.
 */
public final class SignatureCheck
{
    private final SignatureMode mode;
    private final byte[] domainSeparator;

    /**
     * A check bound to an engine's configuration.
     *
     * @param config the configuration.
     */
    public SignatureCheck(final EngineConfig config)
    {
        this.mode = config.signatureMode();
        this.domainSeparator = config.domainSeparator();
    }

    /**
     * The domain separator all signatures are bound to.
     *
     * @return 32 bytes; do not modify.
     */
    public byte[] domainSeparator()
    {
        return domainSeparator;
    }

    /**
     * Whether the signature over the digest is the owner's.
     *
     * @param digest    32-byte EIP-712 digest.
     * @param signature the signature, may be null.
     * @param owner     the expected signer.
     * @return true when authorized.
     */
    public boolean isSignedBy(final byte[] digest, final EcdsaSignature signature, final Address owner)
    {
        if (mode == SignatureMode.TRUSTED)
        {
            return true;
        }
        if (signature == null)
        {
            return false;
        }
        final byte[] signer = Secp256k1.recoverAddress(digest, signature);
        return owner.matches(signer);
    }

    /**
     * Whether signatures are checked at all.
     *
     * @return true in {@link SignatureMode#VERIFY}.
     */
    public boolean verifies()
    {
        return mode == SignatureMode.VERIFY;
    }
}
