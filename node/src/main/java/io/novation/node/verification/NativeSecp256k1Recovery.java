package io.novation.node.verification;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;

import java.util.Arrays;

/**
 * Signer recovery through libsecp256k1 (ACINQ's JNI binding, {@code secp256k1-kmp-jni-jvm}, natives bundled), with
 * the pure-Java path's acceptance rule applied first ({@link Secp256k1#isRecoverable}: v of 27, 28, 0 or 1, r in
 * [1, n - 1], low s), so both paths refuse the same signatures; the library then refuses an r that is no curve
 * point's x-coordinate and a recovered point at infinity, as the pure-Java path does. Answers 20-byte addresses.
 * Thread-safe (the library's context is read-only once created).
 */
public final class NativeSecp256k1Recovery implements SignerRecovery
{
    private static final int COMPACT_LENGTH = 2 * EcdsaSignature.SCALAR_LENGTH;
    /** Each recovering thread's Keccak state and digest buffer, reused for the address of every key it recovers. */
    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

    private final fr.acinq.secp256k1.Secp256k1 library;

    /** A thread's Keccak state and the buffer its digests are written to. */
    private static final class Hashing
    {
        private final Keccak256 hasher = new Keccak256();
        private final byte[] hash = new byte[Keccak256.DIGEST_LENGTH];
    }

    private NativeSecp256k1Recovery(final fr.acinq.secp256k1.Secp256k1 library)
    {
        this.library = library;
    }

    /**
     * Loads the native library.
     *
     * @return the recovery path.
     * @throws LinkageError      when the native library cannot be loaded on this platform.
     * @throws RuntimeException  when the binding fails to initialise.
     */
    public static NativeSecp256k1Recovery load()
    {
        return new NativeSecp256k1Recovery(fr.acinq.secp256k1.Secp256k1.Companion.get());
    }

    @Override
    public byte[] recoverAddress(final byte[] digest32, final EcdsaSignature signature)
    {
        if (digest32 == null || digest32.length != Secp256k1.DIGEST_LENGTH || !Secp256k1.isRecoverable(signature))
        {
            return null;
        }
        final byte[] compact = new byte[COMPACT_LENGTH];
        signature.putCompact64(compact, 0);
        final byte[] publicKey;
        try
        {
            publicKey = library.ecdsaRecover(compact, digest32, Secp256k1.recoveryId(signature));
        }
        catch (final RuntimeException ex)
        {
            // The library refuses an r with no curve point and a recovered point at infinity by throwing.
            return null;
        }
        if (publicKey == null || publicKey.length != Secp256k1.PUBLIC_KEY_LENGTH)
        {
            return null;
        }
        final Hashing hashing = HASHING.get();
        hashing.hasher.update(publicKey, 1, publicKey.length - 1).digest(hashing.hash, 0);
        return Arrays.copyOfRange(hashing.hash, Keccak256.DIGEST_LENGTH - Secp256k1.ADDRESS_LENGTH,
            Keccak256.DIGEST_LENGTH);
    }

    /**
     * Verifies a DER signature of a digest with the plain ECDSA rule (any s in [1, n - 1]), as
     * {@link Secp256k1#verifyDer} does: the DER is decoded here, strictly, and handed to the library as 64 compact
     * bytes with s made low, because the binding guesses a signature's format from its length and refuses as
     * "invalid signature size" any DER signature shorter than 64 bytes (valid ones with small r or s).
     *
     * @param digest32  32 bytes.
     * @param der       the DER signature.
     * @param publicKey 65-byte uncompressed key.
     * @return whether it verifies; false for anything malformed.
     */
    public boolean verifyDer(final byte[] digest32, final byte[] der, final byte[] publicKey)
    {
        final byte[] compact = Secp256k1.derToCompact(der);
        if (digest32 == null || digest32.length != Secp256k1.DIGEST_LENGTH || compact == null || publicKey == null)
        {
            return false;
        }
        try
        {
            return library.verify(library.signatureNormalize(compact).getFirst(), digest32, publicKey);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
