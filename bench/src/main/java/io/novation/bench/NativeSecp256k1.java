package io.novation.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.verification.NativeSecp256k1Recovery;

/**
 * Signature recovery and verification through libsecp256k1, the node's {@link NativeSecp256k1Recovery}, shaped like
 * the pure-Java {@link io.novation.core.crypto.Secp256k1} so the two can be compared: recovery returns the 20-byte
 * Ethereum address of the signer.
 */
public final class NativeSecp256k1
{
    private static final NativeSecp256k1Recovery LIBRARY = NativeSecp256k1Recovery.load();

    private NativeSecp256k1()
    {
    }

    /**
     * The address that signed a digest.
     *
     * @param digest    32 bytes.
     * @param signature r, s and v (27/28 or 0/1).
     * @return 20 bytes, or null when the signature is refused.
     */
    public static byte[] recoverAddress(final byte[] digest, final EcdsaSignature signature)
    {
        return LIBRARY.recoverAddress(digest, signature);
    }

    /**
     * Verifies a DER signature of a digest with the plain ECDSA rule (high or low s).
     *
     * @param digest    32 bytes.
     * @param der       the DER signature.
     * @param publicKey 65-byte uncompressed key.
     * @return whether it verifies; false for anything malformed.
     */
    public static boolean verifyDer(final byte[] digest, final byte[] der, final byte[] publicKey)
    {
        return LIBRARY.verifyDer(digest, der, publicKey);
    }
}
