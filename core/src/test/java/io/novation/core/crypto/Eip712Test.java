package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class Eip712Test
{
    private static final int WORD = Eip712.WORD_LENGTH;
    private static final BigInteger TWO_TO_256 = BigInteger.ONE.shiftLeft(256);

    private static byte[] word(final BigInteger value)
    {
        final BigInteger unsigned = value.signum() < 0 ? value.add(TWO_TO_256) : value;
        final byte[] magnitude = unsigned.toByteArray();
        final byte[] word = new byte[WORD];
        final int copy = Math.min(magnitude.length, WORD);
        System.arraycopy(magnitude, magnitude.length - copy, word, WORD - copy, copy);
        return word;
    }

    /** A buffer of three words filled with a marker, so that writes outside the middle word show. */
    private static byte[] markedBuffer()
    {
        final byte[] buffer = new byte[3 * WORD];
        Arrays.fill(buffer, (byte)0x5A);
        return buffer;
    }

    private static byte[] middleWord(final byte[] buffer)
    {
        assertThat(Arrays.copyOfRange(buffer, 0, WORD)).containsOnly((byte)0x5A);
        assertThat(Arrays.copyOfRange(buffer, 2 * WORD, 3 * WORD)).containsOnly((byte)0x5A);
        return Arrays.copyOfRange(buffer, WORD, 2 * WORD);
    }

    @Property(tries = 300)
    void shouldEncodeUint256AsTheUnsignedValueOfTheLong(@ForAll final long value)
    {
        final byte[] buffer = markedBuffer();
        Eip712.putUint256(buffer, WORD, value);
        assertThat(middleWord(buffer)).isEqualTo(word(new BigInteger(Long.toUnsignedString(value))));
    }

    @Property(tries = 300)
    void shouldEncodeInt256AsTwosComplementSignExtended(@ForAll final long value)
    {
        final byte[] buffer = markedBuffer();
        Eip712.putInt256(buffer, WORD, value);
        assertThat(middleWord(buffer)).isEqualTo(word(BigInteger.valueOf(value)));
    }

    @Test
    void shouldEncodeExtremeIntegers()
    {
        final byte[] buffer = new byte[WORD];
        Eip712.putInt256(buffer, 0, -1L);
        assertThat(buffer).containsOnly((byte)0xFF);
        Eip712.putUint256(buffer, 0, -1L);
        assertThat(Arrays.copyOfRange(buffer, 0, 24)).containsOnly((byte)0);
        assertThat(Arrays.copyOfRange(buffer, 24, 32)).containsOnly((byte)0xFF);
        Eip712.putInt256(buffer, 0, Long.MIN_VALUE);
        assertThat(new BigInteger(buffer)).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
    }

    @Test
    void shouldEncodeAddressRightAligned()
    {
        final byte[] address = new byte[20];
        Arrays.fill(address, (byte)0xCC);
        final byte[] buffer = markedBuffer();
        Eip712.putAddress(buffer, WORD, address);
        final byte[] word = middleWord(buffer);
        assertThat(Arrays.copyOfRange(word, 0, 12)).containsOnly((byte)0);
        assertThat(Arrays.copyOfRange(word, 12, 32)).isEqualTo(address);
    }

    @Test
    void shouldEncodeBoolAsZeroOrOne()
    {
        final byte[] buffer = markedBuffer();
        Eip712.putBool(buffer, WORD, true);
        assertThat(middleWord(buffer)).isEqualTo(word(BigInteger.ONE));
        Eip712.putBool(buffer, WORD, false);
        assertThat(middleWord(buffer)).isEqualTo(word(BigInteger.ZERO));
    }

    @Test
    void shouldEncodeBytes32AndStringsAsTheirHash()
    {
        final byte[] buffer = markedBuffer();
        final byte[] hash = Keccak256.hash("Bob".getBytes(StandardCharsets.UTF_8));
        Eip712.putBytes32(buffer, WORD, hash);
        assertThat(middleWord(buffer)).isEqualTo(hash);

        final byte[] other = markedBuffer();
        Eip712.putString(other, WORD, "Bob");
        assertThat(middleWord(other)).isEqualTo(hash);
    }

    @Test
    void shouldRejectWrongLengthsAndWordsOutsideTheBuffer()
    {
        final byte[] buffer = new byte[WORD];
        assertThatThrownBy(() -> Eip712.putAddress(buffer, 0, new byte[19]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Eip712.putBytes32(buffer, 0, new byte[31]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Eip712.putUint256(buffer, 1, 1L))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Eip712.digest(new byte[31], new byte[32]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Eip712.domainSeparator("n", "1", 1L, new byte[21]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBuildTheDigestFromTheEip191PrefixTheDomainAndTheStruct()
    {
        final byte[] domain = Keccak256.hash("domain".getBytes(StandardCharsets.UTF_8));
        final byte[] struct = Keccak256.hash("struct".getBytes(StandardCharsets.UTF_8));
        final byte[] preimage = new byte[2 + 2 * WORD];
        preimage[0] = 0x19;
        preimage[1] = 0x01;
        System.arraycopy(domain, 0, preimage, 2, WORD);
        System.arraycopy(struct, 0, preimage, 2 + WORD, WORD);
        assertThat(Eip712.digest(domain, struct)).isEqualTo(Keccak256.hash(preimage));
    }
}
