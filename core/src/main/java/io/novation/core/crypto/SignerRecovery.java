package io.novation.core.crypto;

/**
 * A way to recover the 20-byte Ethereum address that signed a 32-byte digest, with the acceptance rule of
 * {@link Secp256k1#recoverAddress}: every implementation answers exactly what the pure-Java one answers (null for a
 * signature that rule refuses), so which one runs never changes an outcome. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SignerRecovery
{
    /**
     * The pure-Java recovery, {@link Secp256k1#recoverAddress}: the reference every other path is checked against.
     */
    SignerRecovery PURE_JAVA = Secp256k1::recoverAddress;

    /**
     * The address that signed a digest.
     *
     * @param digest32  the 32-byte message digest.
     * @param signature the signature.
     * @return the 20-byte address, or null when the signature is malformed or refused.
     */
    byte[] recoverAddress(byte[] digest32, EcdsaSignature signature);
}
