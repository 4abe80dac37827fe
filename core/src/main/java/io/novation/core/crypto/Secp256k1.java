package io.novation.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over secp256k1 the way Ethereum uses it: deterministic RFC 6979 signing with low-{@code s} normalisation and a
 * recovery byte, recovery of the signer's 20-byte address from a 32-byte digest, and plain verification of DER
 * signatures against a 65-byte uncompressed public key.
 * <p>
 * Methods that read input from the network ({@link #recoverAddress}, {@link #verify}, {@link #verifyDer}) never throw
 * on malformed input: they answer null or false. Methods that take a private key ({@link #sign}, {@link #addressOf},
 * {@link #publicKeyOf}) reject a malformed key with {@link IllegalArgumentException}. All methods are thread-safe.
 */
public final class Secp256k1
{
    /**
     * Length in bytes of a private key (a big-endian scalar in [1, n - 1]).
     */
    public static final int PRIVATE_KEY_LENGTH = 32;

    /**
     * Length in bytes of a message digest that is signed or verified.
     */
    public static final int DIGEST_LENGTH = 32;

    /**
     * Length in bytes of an uncompressed public key, {@code 0x04 || x || y}.
     */
    public static final int PUBLIC_KEY_LENGTH = 65;

    /**
     * Length in bytes of an Ethereum address.
     */
    public static final int ADDRESS_LENGTH = 20;

    /**
     * The recovery byte of a signature whose nonce point has an even y-coordinate.
     */
    public static final int V_EVEN_Y = 27;

    /**
     * The recovery byte of a signature whose nonce point has an odd y-coordinate.
     */
    public static final int V_ODD_Y = 28;

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMETERS.getCurve();
    private static final ECPoint G = PARAMETERS.getG();
    private static final BigInteger N = PARAMETERS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final byte[] ZERO_32 = new byte[EcdsaSignature.SCALAR_LENGTH];
    private static final byte[] N_32 = BigIntegers.asUnsignedByteArray(EcdsaSignature.SCALAR_LENGTH, N);
    private static final byte[] HALF_N_32 = BigIntegers.asUnsignedByteArray(EcdsaSignature.SCALAR_LENGTH, HALF_N);
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final ECMultiplier BASE_POINT_MULTIPLIER = new FixedPointCombMultiplier();

    private Secp256k1()
    {
    }

    /**
     * Sign a digest with a private key: RFC 6979 deterministic nonce (HMAC-SHA-256), {@code s} normalised to the
     * lower half of the group order, and {@code v} of 27 or 28 to recover the public key.
     *
     * @param digest32     the 32-byte message digest, used as the integer {@code e} without hashing again.
     * @param privateKey32 the 32-byte big-endian private scalar in [1, n - 1].
     * @return the signature.
     * @throws IllegalArgumentException if the digest or key has the wrong length or the key is out of range.
     */
    public static EcdsaSignature sign(final byte[] digest32, final byte[] privateKey32)
    {
        requireLength(digest32, DIGEST_LENGTH, "digest");
        final BigInteger d = privateScalar(privateKey32);
        final BigInteger e = new BigInteger(1, digest32);

        final HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, digest32);
        while (true)
        {
            final BigInteger k = nonces.nextK();
            final ECPoint noncePoint = BASE_POINT_MULTIPLIER.multiply(G, k).normalize();
            final BigInteger r = noncePoint.getAffineXCoord().toBigInteger();
            if (r.signum() == 0 || r.compareTo(N) >= 0)
            {
                // r == 0 is forbidden; x >= n would need a recovery id that v cannot carry. Both have
                // probability about 2^-128; the next RFC 6979 nonce is taken, as the RFC prescribes for rejects.
                continue;
            }

            final BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0)
            {
                continue;
            }

            final boolean oddY = noncePoint.getAffineYCoord().testBitZero();
            final boolean highS = s.compareTo(HALF_N) > 0;
            final BigInteger lowS = highS ? N.subtract(s) : s;
            final boolean recoveredOddY = oddY ^ highS;
            return EcdsaSignature.of(
                BigIntegers.asUnsignedByteArray(EcdsaSignature.SCALAR_LENGTH, r),
                BigIntegers.asUnsignedByteArray(EcdsaSignature.SCALAR_LENGTH, lowS),
                recoveredOddY ? V_ODD_Y : V_EVEN_Y);
        }
    }

    /**
     * Recover the address of the key that signed a digest.
     * <p>
     * Returns null when the signature is not acceptable: {@code r} or {@code s} zero or not below n, {@code s} above
     * n / 2 (the malleable twin of a low-{@code s} signature), {@code v} not one of 27, 28, 0, 1, {@code r} not the
     * x-coordinate of a curve point, or a recovered point at infinity.
     *
     * @param digest32  the 32-byte message digest.
     * @param signature the signature.
     * @return the 20-byte address, or null if the inputs are malformed or the signature is invalid.
     */
    public static byte[] recoverAddress(final byte[] digest32, final EcdsaSignature signature)
    {
        final ECPoint publicKey = recoverPublicKey(digest32, signature);
        return null == publicKey ? null : address(publicKey);
    }

    /**
     * Whether a signature passes the checks {@link #recoverAddress} makes before any curve arithmetic: {@code v} one
     * of 27, 28, 0, 1 (recovery ids 2 and 3, for a nonce point whose x-coordinate is at least n, cannot be expressed,
     * as in Ethereum), {@code r} in [1, n - 1] and {@code s} in [1, n / 2] (EIP-2's low {@code s}). A faster path
     * applies the same checks first, so both refuse the same signatures for the same reasons.
     *
     * @param signature the signature, may be null.
     * @return true when recovery may be attempted.
     */
    public static boolean isRecoverable(final EcdsaSignature signature)
    {
        if (null == signature)
        {
            return false;
        }
        final int v = signature.v();
        if (v != V_EVEN_Y && v != V_ODD_Y && v != 0 && v != 1)
        {
            return false;
        }
        // Compared as 32-byte unsigned big-endian integers: no copy of the scalars, no BigInteger per signature.
        return signature.compareR(ZERO_32) > 0 && signature.compareR(N_32) < 0 &&
            signature.compareS(ZERO_32) > 0 && signature.compareS(HALF_N_32) <= 0;
    }

    /**
     * The recovery id, 0 (even y) or 1 (odd y), of a signature that {@link #isRecoverable} admits.
     *
     * @param signature the signature.
     * @return 0 or 1.
     */
    public static int recoveryId(final EcdsaSignature signature)
    {
        final int v = signature.v();
        return v == V_ODD_Y || v == 1 ? 1 : 0;
    }

    /**
     * Check that a signature over a digest recovers to an expected address.
     *
     * @param digest32          the 32-byte message digest.
     * @param signature         the signature.
     * @param expectedAddress20 the 20-byte address of the expected signer.
     * @return true if the signature is acceptable to {@link #recoverAddress} and recovers to the expected address.
     */
    public static boolean verify(final byte[] digest32, final EcdsaSignature signature, final byte[] expectedAddress20)
    {
        if (null == expectedAddress20 || expectedAddress20.length != ADDRESS_LENGTH)
        {
            return false;
        }
        final byte[] recovered = recoverAddress(digest32, signature);
        return null != recovered && Arrays.equals(recovered, expectedAddress20);
    }

    /**
     * Verify a strict-DER ECDSA signature against an uncompressed public key, with the plain ECDSA rule: any
     * {@code s} in [1, n - 1] is accepted, high or low.
     *
     * @param digest32               the 32-byte message digest (for example SHA-256 of the message).
     * @param derSignature           {@code SEQUENCE { INTEGER r, INTEGER s }} in strict DER.
     * @param uncompressedPublicKey65 {@code 0x04 || x || y}, a point on the curve.
     * @return true if the signature is well formed and valid for the digest and key.
     */
    public static boolean verifyDer(
        final byte[] digest32, final byte[] derSignature, final byte[] uncompressedPublicKey65)
    {
        if (null == digest32 || digest32.length != DIGEST_LENGTH)
        {
            return false;
        }
        final DerSignature signature = DerSignature.decode(derSignature);
        if (null == signature || !isScalarInRange(signature.r()) || !isScalarInRange(signature.s()))
        {
            return false;
        }
        final ECPoint publicKey = decodePublicKey(uncompressedPublicKey65);
        if (null == publicKey)
        {
            return false;
        }

        final BigInteger e = new BigInteger(1, digest32);
        final BigInteger w = BigIntegers.modOddInverseVar(N, signature.s());
        final BigInteger u1 = e.multiply(w).mod(N);
        final BigInteger u2 = signature.r().multiply(w).mod(N);
        final ECPoint x = ECAlgorithms.sumOfTwoMultiplies(G, u1, publicKey, u2).normalize();
        return !x.isInfinity() && x.getAffineXCoord().toBigInteger().mod(N).equals(signature.r());
    }

    /**
     * A strict-DER signature as the 64 compact bytes {@code r || s}, each 32 bytes big-endian, the form a native
     * library takes; {@code s} is left as it is (high or low).
     *
     * @param derSignature {@code SEQUENCE { INTEGER r, INTEGER s }} in strict DER.
     * @return 64 bytes, or null when the encoding is not strict DER or r or s is not in [1, n - 1].
     */
    public static byte[] derToCompact(final byte[] derSignature)
    {
        final DerSignature signature = DerSignature.decode(derSignature);
        if (null == signature || !isScalarInRange(signature.r()) || !isScalarInRange(signature.s()))
        {
            return null;
        }
        final byte[] compact = new byte[2 * EcdsaSignature.SCALAR_LENGTH];
        BigIntegers.asUnsignedByteArray(signature.r(), compact, 0, EcdsaSignature.SCALAR_LENGTH);
        BigIntegers.asUnsignedByteArray(signature.s(), compact, EcdsaSignature.SCALAR_LENGTH,
            EcdsaSignature.SCALAR_LENGTH);
        return compact;
    }

    /**
     * The address of a private key: the last 20 bytes of Keccak-256 over the 64-byte {@code x || y} public key.
     *
     * @param privateKey32 the 32-byte big-endian private scalar in [1, n - 1].
     * @return the 20-byte address.
     * @throws IllegalArgumentException if the key has the wrong length or is out of range.
     */
    public static byte[] addressOf(final byte[] privateKey32)
    {
        return address(publicPoint(privateKey32));
    }

    /**
     * The uncompressed public key of a private key.
     *
     * @param privateKey32 the 32-byte big-endian private scalar in [1, n - 1].
     * @return the 65 bytes {@code 0x04 || x || y}.
     * @throws IllegalArgumentException if the key has the wrong length or is out of range.
     */
    public static byte[] publicKeyOf(final byte[] privateKey32)
    {
        return publicPoint(privateKey32).getEncoded(false);
    }

    private static ECPoint publicPoint(final byte[] privateKey32)
    {
        return BASE_POINT_MULTIPLIER.multiply(G, privateScalar(privateKey32)).normalize();
    }

    private static ECPoint recoverPublicKey(final byte[] digest32, final EcdsaSignature signature)
    {
        if (null == digest32 || digest32.length != DIGEST_LENGTH || null == signature)
        {
            return null;
        }
        if (!isRecoverable(signature))
        {
            return null;
        }
        final boolean oddY = recoveryId(signature) == 1;
        final BigInteger r = new BigInteger(1, signature.r());
        final BigInteger s = new BigInteger(1, signature.s());
        final ECPoint noncePoint = liftX(r, oddY);
        if (null == noncePoint)
        {
            return null;
        }

        // Q = r^-1 (s R - e G) = (-e r^-1) G + (s r^-1) R
        final BigInteger e = new BigInteger(1, digest32);
        final BigInteger rInverse = BigIntegers.modOddInverseVar(N, r);
        final BigInteger u1 = N.subtract(e.mod(N)).multiply(rInverse).mod(N);
        final BigInteger u2 = s.multiply(rInverse).mod(N);
        final ECPoint publicKey = ECAlgorithms.sumOfTwoMultiplies(G, u1, noncePoint, u2).normalize();
        return publicKey.isInfinity() ? null : publicKey;
    }

    private static ECPoint liftX(final BigInteger x, final boolean oddY)
    {
        final ECFieldElement fieldX = CURVE.fromBigInteger(x);
        final ECFieldElement ySquared = fieldX.square().multiply(fieldX).add(CURVE.getB());
        final ECFieldElement y = ySquared.sqrt();
        if (null == y)
        {
            return null;
        }
        final ECFieldElement signedY = y.testBitZero() == oddY ? y : y.negate();
        return CURVE.createPoint(x, signedY.toBigInteger());
    }

    private static ECPoint decodePublicKey(final byte[] encoded)
    {
        if (null == encoded || encoded.length != PUBLIC_KEY_LENGTH || encoded[0] != 0x04)
        {
            return null;
        }
        final BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
        final BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 33, PUBLIC_KEY_LENGTH));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0)
        {
            return null;
        }
        final ECPoint point = CURVE.createPoint(x, y);
        return point.isValid() ? point : null;
    }

    private static byte[] address(final ECPoint publicKey)
    {
        final byte[] encoded = publicKey.getEncoded(false);
        final byte[] hash = Keccak256.hash(encoded, 1, encoded.length - 1);
        return Arrays.copyOfRange(hash, Keccak256.DIGEST_LENGTH - ADDRESS_LENGTH, Keccak256.DIGEST_LENGTH);
    }

    private static boolean isScalarInRange(final BigInteger value)
    {
        return value.signum() > 0 && value.compareTo(N) < 0;
    }

    private static BigInteger privateScalar(final byte[] privateKey32)
    {
        requireLength(privateKey32, PRIVATE_KEY_LENGTH, "private key");
        final BigInteger d = new BigInteger(1, privateKey32);
        if (!isScalarInRange(d))
        {
            throw new IllegalArgumentException("private key must be in [1, n - 1]");
        }
        return d;
    }

    private static void requireLength(final byte[] bytes, final int length, final String name)
    {
        if (null == bytes || bytes.length != length)
        {
            throw new IllegalArgumentException(
                name + " must be " + length + " bytes, got " + (null == bytes ? "null" : bytes.length));
        }
    }
}
