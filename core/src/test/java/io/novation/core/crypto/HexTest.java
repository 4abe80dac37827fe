package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HexTest
{
    @Test
    void shouldEncodeLowerCaseWithPrefix()
    {
        assertThat(Hex.encode(new byte[]{0x00, 0x0f, (byte)0xab, (byte)0xff})).isEqualTo("0x000fabff");
        assertThat(Hex.encode(new byte[0])).isEqualTo("0x");
    }

    @Test
    void shouldEncodeARange()
    {
        assertThat(Hex.encode(new byte[]{1, 2, 3, 4}, 1, 2)).isEqualTo("0x0203");
    }

    @Test
    void shouldDecodeWithOrWithoutPrefixInEitherCase()
    {
        final byte[] expected = {(byte)0xcd, 0x2a, 0x3d};
        assertThat(Hex.decode("0xcd2a3d")).isEqualTo(expected);
        assertThat(Hex.decode("0XCD2A3D")).isEqualTo(expected);
        assertThat(Hex.decode("Cd2A3d")).isEqualTo(expected);
        assertThat(Hex.decode("0x")).isEmpty();
        assertThat(Hex.decode("")).isEmpty();
    }

    @Test
    void shouldRejectOddLength()
    {
        assertThatThrownBy(() -> Hex.decode("0xabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectNonHexCharacters()
    {
        assertThatThrownBy(() -> Hex.decode("0xzz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0x0g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0x 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("x012")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0x0x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void shouldRoundTripAnyBytes(@ForAll final byte[] bytes)
    {
        final String text = Hex.encode(bytes);
        assertThat(text).startsWith("0x").hasSize(2 + 2 * bytes.length).isEqualTo(text.toLowerCase());
        assertThat(Hex.decode(text)).isEqualTo(bytes);
    }
}
