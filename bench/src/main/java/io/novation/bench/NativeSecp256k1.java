package io.novation.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;

import java.util.Arrays;

/**
 * Signature recovery and verification through libsecp256k1 (ACINQ's JNI binding, {@code secp256k1-kmp-jni-jvm}),
 * shaped like the pure-Java {@link io.novation.core.crypto.Secp256k1} so the two can be compared: recovery returns
 * the 20-byte Ethereum address of the signer.
 */
public final class NativeSecp256k1
{
    private static final fr.acinq.secp256k1.Secp256k1 LIBRARY = fr.acinq.secp256k1.Secp256k1.Companion.get();

    private NativeSecp256k1()
    {
    }

    /**
     * The address that signed a digest.
     *
     * @param digest    32 bytes.
     * @param signature r, s and v (27/28 or 0/1).
     * @return 20 bytes.
     */
    public static byte[] recoverAddress(final byte[] digest, final EcdsaSignature signature)
    {
        final byte[] bytes = signature.toBytes65();
        final byte[] compact = Arrays.copyOf(bytes, 64);
        final int v = bytes[64] & 0xFF;
        final byte[] publicKey = LIBRARY.ecdsaRecover(compact, digest, v >= 27 ? v - 27 : v);
        final byte[] hash = Keccak256.hash(Arrays.copyOfRange(publicKey, 1, 65));
        return Arrays.copyOfRange(hash, 12, 32);
    }

    /**
     * Verifies a DER signature of a digest, after normalizing it to low s (libsecp256k1 refuses high s).
     *
     * @param digest    32 bytes.
     * @param der       the DER signature.
     * @param publicKey 65-byte uncompressed key.
     * @return whether it verifies; false for anything the library cannot parse.
     */
    public static boolean verifyDer(final byte[] digest, final byte[] der, final byte[] publicKey)
    {
        try
        {
            final byte[] normalized = LIBRARY.signatureNormalize(der).getFirst();
            return LIBRARY.verify(normalized, digest, publicKey);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
