package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EcdsaSignatureTest
{
    private static byte[] filled(final int length, final int value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)value);
        return bytes;
    }

    @Test
    void shouldCompareByContents()
    {
        final EcdsaSignature a = EcdsaSignature.of(filled(32, 1), filled(32, 2), 27);
        final EcdsaSignature b = EcdsaSignature.of(filled(32, 1), filled(32, 2), 27);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(EcdsaSignature.of(filled(32, 1), filled(32, 2), 28));
        assertThat(a).isNotEqualTo(EcdsaSignature.of(filled(32, 1), filled(32, 3), 27));
        assertThat(a).isNotEqualTo(EcdsaSignature.of(filled(32, 9), filled(32, 2), 27));
    }

    @Test
    void shouldNotBeChangedThroughTheArraysItWasGivenOrGave()
    {
        final byte[] r = filled(32, 1);
        final EcdsaSignature signature = EcdsaSignature.of(r, filled(32, 2), 27);
        r[0] = 99;
        signature.r()[1] = 99;
        signature.s()[1] = 99;
        assertThat(signature.r()).isEqualTo(filled(32, 1));
        assertThat(signature.s()).isEqualTo(filled(32, 2));
    }

    @Test
    void shouldEncodeAsRThenSThenV()
    {
        final byte[] encoded = EcdsaSignature.of(filled(32, 0xAA), filled(32, 0xBB), 28).toBytes65();
        assertThat(encoded).hasSize(65);
        assertThat(Arrays.copyOfRange(encoded, 0, 32)).isEqualTo(filled(32, 0xAA));
        assertThat(Arrays.copyOfRange(encoded, 32, 64)).isEqualTo(filled(32, 0xBB));
        assertThat(encoded[64]).isEqualTo((byte)28);
    }

    @Test
    void shouldCopyItsEncodingIntoAnArrayAsToBytes65DoesWithoutExposingItsScalars()
    {
        final EcdsaSignature signature = EcdsaSignature.of(filled(32, 0xAA), filled(32, 0xBB), 28);
        final byte[] target = filled(70, 0x11);

        signature.putBytes65(target, 3);

        assertThat(Arrays.copyOfRange(target, 3, 68)).isEqualTo(signature.toBytes65());
        assertThat(Arrays.copyOfRange(target, 0, 3)).isEqualTo(filled(3, 0x11));
        assertThat(Arrays.copyOfRange(target, 68, 70)).isEqualTo(filled(2, 0x11));
        target[3] = 0;
        target[40] = 0;
        assertThat(signature.r()).isEqualTo(filled(32, 0xAA));
        assertThat(signature.s()).isEqualTo(filled(32, 0xBB));
        assertThatThrownBy(() -> signature.putBytes65(new byte[64], 0))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRejectMalformedShapes()
    {
        assertThatThrownBy(() -> EcdsaSignature.of(filled(31, 1), filled(32, 1), 27))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.of(filled(32, 1), filled(33, 1), 27))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.of(filled(32, 1), filled(32, 1), 256))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.of(filled(32, 1), filled(32, 1), -1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.fromBytes65(new byte[64]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignature.fromBytes65(new byte[66]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void shouldRoundTripAny65Bytes(@ForAll("sixtyFiveBytes") final byte[] bytes)
    {
        final EcdsaSignature signature = EcdsaSignature.fromBytes65(bytes);
        assertThat(signature.toBytes65()).isEqualTo(bytes);
        assertThat(signature.v()).isEqualTo(bytes[64] & 0xFF);
        assertThat(EcdsaSignature.fromBytes65(signature.toBytes65())).isEqualTo(signature);
    }

    @Provide
    Arbitrary<byte[]> sixtyFiveBytes()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(65);
    }
}
