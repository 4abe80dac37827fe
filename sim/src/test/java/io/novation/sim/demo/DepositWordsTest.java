package io.novation.sim.demo;

import io.novation.core.account.Address;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calldata word of one deposit of {@code DepositBatch.depositPacked}: {@code amount << 160 | account}. */
class DepositWordsTest
{
    @Property(tries = 200)
    void shouldPackTheAmountAboveTheAccount(@ForAll @Size(20) final List<Byte> bytes,
        @ForAll @LongRange(min = 1) final long amount)
    {
        final byte[] raw = new byte[20];
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = bytes.get(i);
        }
        final Address account = Address.of(raw);
        final BigInteger word = new BigInteger(1, DepositWords.word(account, amount));

        assertThat(word.shiftRight(160)).isEqualTo(BigInteger.valueOf(amount));
        assertThat(word.and(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE)))
            .isEqualTo(new BigInteger(1, raw));
    }

    @Test
    void shouldWriteTheLargestAmountAndAddressInOneWord()
    {
        final byte[] raw = new byte[20];
        java.util.Arrays.fill(raw, (byte)0xff);
        final byte[] word = DepositWords.word(Address.of(raw), Long.MAX_VALUE);

        assertThat(word).hasSize(32);
        assertThat(word[0]).isZero();
        assertThat(word[3]).isZero();
        assertThat(word[4]).isEqualTo((byte)0x7f);
        assertThat(word[11]).isEqualTo((byte)0xff);
        assertThat(word[31]).isEqualTo((byte)0xff);
    }

    @Test
    void shouldRefuseADepositThatIsNotPositive()
    {
        final Address account = Address.of(new byte[20]);

        assertThatThrownBy(() -> DepositWords.word(account, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DepositWords.word(account, -5)).isInstanceOf(IllegalArgumentException.class);
    }
}
