package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class DerSignatureTest
{
    @Test
    void shouldDecodeMinimalPositiveIntegers()
    {
        final BigInteger r = BigInteger.ONE.shiftLeft(255).add(BigInteger.valueOf(12345));
        final BigInteger s = BigInteger.valueOf(0x7F);
        final DerSignature decoded = DerSignature.decode(Secp256k1Test.der(r, s));

        assertThat(decoded).isNotNull();
        assertThat(decoded.r()).isEqualTo(r);
        assertThat(decoded.s()).isEqualTo(s);
    }

    @Test
    void shouldRejectNonMinimalOrNegativeIntegers()
    {
        // superfluous leading zero before a byte without its high bit
        assertThat(DerSignature.decode(Hex.decode("300702020001020101"))).isNull();
        // negative integer
        assertThat(DerSignature.decode(Hex.decode("3006020181020101"))).isNull();
        // empty integer
        assertThat(DerSignature.decode(Hex.decode("30050200020101"))).isNull();
        // a zero written minimally is well formed DER (its range is for the verifier to refuse)
        assertThat(DerSignature.decode(Hex.decode("3006020100020101"))).isNotNull();
        // a leading zero before a byte with its high bit is required, hence accepted
        assertThat(DerSignature.decode(Hex.decode("300702020081020101"))).isNotNull();
    }

    @Test
    void shouldRejectWrongLengthsTagsAndTrailingBytes()
    {
        assertThat(DerSignature.decode(Hex.decode("3006020101020101"))).isNotNull();
        assertThat(DerSignature.decode(Hex.decode("3007020101020101"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("300602010102010100"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("3106020101020101"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("3006030101020101"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("308106020101020101"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("3006020201020101"))).isNull();
        assertThat(DerSignature.decode(Hex.decode("30"))).isNull();
        assertThat(DerSignature.decode(new byte[0])).isNull();
        assertThat(DerSignature.decode(null)).isNull();
    }
}
