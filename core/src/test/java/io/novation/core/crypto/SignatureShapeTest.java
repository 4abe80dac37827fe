package io.novation.core.crypto;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance rule every recovery path applies before curve arithmetic ({@link Secp256k1#isRecoverable}) and the
 * DER-to-compact conversion a native library is fed ({@link Secp256k1#derToCompact}).
 */
class SignatureShapeTest
{
    private static final BigInteger N =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static byte[] scalar(final BigInteger value)
    {
        final byte[] bytes = new byte[32];
        final byte[] magnitude = value.toByteArray();
        final int length = Math.min(32, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - length, bytes, 32 - length, length);
        return bytes;
    }

    private static EcdsaSignature signature(final BigInteger r, final BigInteger s, final int v)
    {
        return EcdsaSignature.of(scalar(r), scalar(s), v);
    }

    @Test
    void shouldAdmitOnlyEthereumsRecoveryBytesAndLowS()
    {
        final BigInteger half = N.shiftRight(1);
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, half, 27))).isTrue();
        assertThat(Secp256k1.isRecoverable(signature(N.subtract(BigInteger.ONE), BigInteger.ONE, 28))).isTrue();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, BigInteger.ONE, 0))).isTrue();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, BigInteger.ONE, 1))).isTrue();

        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, half.add(BigInteger.ONE), 27)))
            .as("high s, EIP-2").isFalse();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, BigInteger.ONE, 29)))
            .as("recovery id 2").isFalse();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, BigInteger.ONE, 2))).isFalse();
        assertThat(Secp256k1.isRecoverable(signature(N, BigInteger.ONE, 27))).as("r = n").isFalse();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ZERO, BigInteger.ONE, 27))).isFalse();
        assertThat(Secp256k1.isRecoverable(signature(BigInteger.ONE, BigInteger.ZERO, 27))).isFalse();
        assertThat(Secp256k1.isRecoverable(null)).isFalse();
        assertThat(Secp256k1.recoveryId(signature(BigInteger.ONE, BigInteger.ONE, 28))).isEqualTo(1);
        assertThat(Secp256k1.recoveryId(signature(BigInteger.ONE, BigInteger.ONE, 0))).isZero();
    }

    @Test
    void shouldTurnAShortStrictDerSignatureIntoPaddedCompactBytes()
    {
        final byte[] compact = Secp256k1.derToCompact(Hex.decode("3006020101020102"));

        assertThat(compact).hasSize(64);
        assertThat(new BigInteger(1, java.util.Arrays.copyOf(compact, 32))).isEqualTo(BigInteger.ONE);
        assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(compact, 32, 64))).isEqualTo(BigInteger.TWO);
    }

    @Test
    void shouldRefuseNonStrictDerAndScalarsOutOfRange()
    {
        assertThat(Secp256k1.derToCompact(Hex.decode("300702020001020101"))).as("superfluous zero").isNull();
        assertThat(Secp256k1.derToCompact(Hex.decode("3006020100020101"))).as("r = 0").isNull();
        assertThat(Secp256k1.derToCompact(Hex.decode("30060201010201"))).as("truncated").isNull();
        final byte[] n = N.toByteArray();
        final byte[] der = new byte[6 + n.length + 1];
        der[0] = 0x30;
        der[1] = (byte)(der.length - 2);
        der[2] = 0x02;
        der[3] = (byte)n.length;
        System.arraycopy(n, 0, der, 4, n.length);
        der[4 + n.length] = 0x02;
        der[5 + n.length] = 0x01;
        der[6 + n.length] = 0x01;
        assertThat(Secp256k1.derToCompact(der)).as("r = n").isNull();
        assertThat(Secp256k1.derToCompact(null)).isNull();
    }
}
