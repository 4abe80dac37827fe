package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class Secp256k1Test
{
    static final BigInteger N = CustomNamedCurves.getByName("secp256k1").getN();
    static final BigInteger P = CustomNamedCurves.getByName("secp256k1").getCurve().getField().getCharacteristic();

    private static final byte[] KEY = Keccak256.hash("a test key".getBytes(StandardCharsets.UTF_8));
    private static final byte[] DIGEST = Keccak256.hash("a test message".getBytes(StandardCharsets.UTF_8));

    static byte[] scalar(final BigInteger value)
    {
        return BigIntegers.asUnsignedByteArray(32, value);
    }

    static EcdsaSignature malleate(final EcdsaSignature signature)
    {
        final BigInteger s = new BigInteger(1, signature.s());
        final int flippedV = signature.v() == Secp256k1.V_EVEN_Y ? Secp256k1.V_ODD_Y : Secp256k1.V_EVEN_Y;
        return EcdsaSignature.of(signature.r(), scalar(N.subtract(s)), flippedV);
    }

    static byte[] der(final BigInteger r, final BigInteger s)
    {
        final byte[] rBytes = r.toByteArray();
        final byte[] sBytes = s.toByteArray();
        final byte[] der = new byte[6 + rBytes.length + sBytes.length];
        der[0] = 0x30;
        der[1] = (byte)(4 + rBytes.length + sBytes.length);
        der[2] = 0x02;
        der[3] = (byte)rBytes.length;
        System.arraycopy(rBytes, 0, der, 4, rBytes.length);
        der[4 + rBytes.length] = 0x02;
        der[5 + rBytes.length] = (byte)sBytes.length;
        System.arraycopy(sBytes, 0, der, 6 + rBytes.length, sBytes.length);
        return der;
    }

    private static EcdsaSignature withR(final EcdsaSignature signature, final BigInteger r)
    {
        return EcdsaSignature.of(scalar(r), signature.s(), signature.v());
    }

    private static EcdsaSignature withS(final EcdsaSignature signature, final BigInteger s)
    {
        return EcdsaSignature.of(signature.r(), scalar(s), signature.v());
    }

    private static EcdsaSignature withV(final EcdsaSignature signature, final int v)
    {
        return EcdsaSignature.of(signature.r(), signature.s(), v);
    }

    @Test
    void shouldRecoverTheSignerOfAFreshSignature()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        assertThat(Secp256k1.recoverAddress(DIGEST, signature)).isEqualTo(Secp256k1.addressOf(KEY));
        assertThat(Secp256k1.verify(DIGEST, signature, Secp256k1.addressOf(KEY))).isTrue();
    }

    @Test
    void shouldSignDeterministically()
    {
        assertThat(Secp256k1.sign(DIGEST, KEY)).isEqualTo(Secp256k1.sign(DIGEST, KEY));
        assertThat(Secp256k1.sign(DIGEST, KEY)).isNotEqualTo(Secp256k1.sign(KEY, KEY));
    }

    @Test
    void shouldDeriveTheAddressFromTheUncompressedPublicKey()
    {
        final byte[] publicKey = Secp256k1.publicKeyOf(KEY);
        assertThat(publicKey).hasSize(65);
        assertThat(publicKey[0]).isEqualTo((byte)0x04);
        final byte[] hash = Keccak256.hash(publicKey, 1, 64);
        assertThat(Secp256k1.addressOf(KEY)).isEqualTo(Arrays.copyOfRange(hash, 12, 32));
    }

    @Test
    void shouldRejectTheMalleableHighSTwin()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        final EcdsaSignature twin = malleate(signature);

        assertThat(Secp256k1.recoverAddress(DIGEST, twin)).isNull();
        assertThat(Secp256k1.verify(DIGEST, twin, Secp256k1.addressOf(KEY))).isFalse();
        // The twin is a mathematically valid ECDSA signature: the plain verifier accepts it.
        assertThat(Secp256k1.verifyDer(DIGEST, der(new BigInteger(1, twin.r()), new BigInteger(1, twin.s())),
            Secp256k1.publicKeyOf(KEY))).isTrue();
    }

    @Test
    void shouldRejectROrSOutOfRange()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        final BigInteger allOnes = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

        assertThat(Secp256k1.recoverAddress(DIGEST, withR(signature, BigInteger.ZERO))).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withR(signature, N))).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withR(signature, allOnes))).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withS(signature, BigInteger.ZERO))).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withS(signature, N))).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withS(signature, N.shiftRight(1).add(BigInteger.ONE)))).isNull();
    }

    @Test
    void shouldAcceptSAtExactlyHalfTheOrder()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        assertThat(Secp256k1.recoverAddress(DIGEST, withS(signature, N.shiftRight(1)))).isNotNull();
    }

    @Test
    void shouldRejectRecoveryBytesOtherThan27And28Or0And1()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        for (final int v : new int[]{2, 3, 26, 29, 35, 36, 37, 38, 255})
        {
            assertThat(Secp256k1.recoverAddress(DIGEST, withV(signature, v))).as("v = %d", v).isNull();
        }
    }

    @Test
    void shouldTreatZeroAndOneAs27And28()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        final int raw = signature.v() - Secp256k1.V_EVEN_Y;
        assertThat(Secp256k1.recoverAddress(DIGEST, withV(signature, raw))).isEqualTo(Secp256k1.addressOf(KEY));
        assertThat(Secp256k1.recoverAddress(DIGEST, withV(signature, 1 - raw)))
            .isNotNull()
            .isNotEqualTo(Secp256k1.addressOf(KEY));
    }

    @Test
    void shouldRejectAnRThatIsNotTheXOfACurvePoint()
    {
        BigInteger x = BigInteger.ONE;
        while (x.pow(3).add(BigInteger.valueOf(7)).modPow(P.shiftRight(1), P).equals(BigInteger.ONE))
        {
            x = x.add(BigInteger.ONE);
        }
        final EcdsaSignature signature = withR(Secp256k1.sign(DIGEST, KEY), x);
        assertThat(Secp256k1.recoverAddress(DIGEST, signature)).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, withV(signature, Secp256k1.V_ODD_Y))).isNull();
    }

    @Test
    void shouldAnswerNullOrFalseOnMissingOrMisshapenInput()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        final byte[] address = Secp256k1.addressOf(KEY);

        assertThat(Secp256k1.recoverAddress(null, signature)).isNull();
        assertThat(Secp256k1.recoverAddress(new byte[31], signature)).isNull();
        assertThat(Secp256k1.recoverAddress(DIGEST, null)).isNull();
        assertThat(Secp256k1.verify(DIGEST, signature, null)).isFalse();
        assertThat(Secp256k1.verify(DIGEST, signature, Arrays.copyOf(address, 19))).isFalse();
        assertThat(Secp256k1.verify(DIGEST, null, address)).isFalse();
        assertThat(Secp256k1.verifyDer(null, new byte[8], Secp256k1.publicKeyOf(KEY))).isFalse();
        assertThat(Secp256k1.verifyDer(DIGEST, null, Secp256k1.publicKeyOf(KEY))).isFalse();
        assertThat(Secp256k1.verifyDer(DIGEST, new byte[]{0x30, 0x00}, Secp256k1.publicKeyOf(KEY))).isFalse();
        final byte[] der = der(new BigInteger(1, signature.r()), new BigInteger(1, signature.s()));
        assertThat(Secp256k1.verifyDer(DIGEST, der, Secp256k1.publicKeyOf(KEY))).isTrue();
        assertThat(Secp256k1.verifyDer(DIGEST, der, null)).isFalse();
        assertThat(Secp256k1.verifyDer(DIGEST, der, Arrays.copyOf(Secp256k1.publicKeyOf(KEY), 64))).isFalse();
    }

    @Test
    void shouldRejectPublicKeysThatAreNotCurvePoints()
    {
        final EcdsaSignature signature = Secp256k1.sign(DIGEST, KEY);
        final byte[] der = der(new BigInteger(1, signature.r()), new BigInteger(1, signature.s()));

        final byte[] offCurve = Secp256k1.publicKeyOf(KEY);
        offCurve[64] ^= 1;
        assertThat(Secp256k1.verifyDer(DIGEST, der, offCurve)).isFalse();

        final byte[] compressedPrefix = Secp256k1.publicKeyOf(KEY);
        compressedPrefix[0] = 0x02;
        assertThat(Secp256k1.verifyDer(DIGEST, der, compressedPrefix)).isFalse();

        final byte[] xAboveField = Secp256k1.publicKeyOf(KEY);
        System.arraycopy(scalar(P.add(new BigInteger(1, Arrays.copyOfRange(xAboveField, 1, 33))).mod(
            BigInteger.ONE.shiftLeft(256))), 0, xAboveField, 1, 32);
        assertThat(Secp256k1.verifyDer(DIGEST, der, xAboveField)).isFalse();
    }

    @Test
    void shouldRefuseToSignWithAnInvalidKey()
    {
        assertThatThrownBy(() -> Secp256k1.sign(DIGEST, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secp256k1.sign(DIGEST, scalar(N))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secp256k1.sign(DIGEST, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secp256k1.sign(new byte[31], KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secp256k1.addressOf(scalar(N))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSignWithTheExtremeKeys()
    {
        for (final BigInteger d : new BigInteger[]{BigInteger.ONE, N.subtract(BigInteger.ONE)})
        {
            final EcdsaSignature signature = Secp256k1.sign(DIGEST, scalar(d));
            assertThat(Secp256k1.recoverAddress(DIGEST, signature)).isEqualTo(Secp256k1.addressOf(scalar(d)));
        }
    }
}
