package io.novation.core.clearing;

import io.novation.core.crypto.Keccak256;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderFillBookTest
{
    private static byte[] digest(final int i)
    {
        return Keccak256.hash(ByteBuffer.allocate(4).putInt(i).array());
    }

    @Test
    void shouldReportZeroForUnknownOrderAndRememberFills()
    {
        final OrderFillBook book = new OrderFillBook();
        assertThat(book.filled(digest(1))).isZero();
        book.setFilled(digest(1), 5);
        book.setFilled(digest(1), 7);
        assertThat(book.filled(digest(1))).isEqualTo(7);
        assertThat(book.filled(digest(2))).isZero();
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void shouldTellApartDigestsThatShareTheirFirstEightBytes()
    {
        final OrderFillBook book = new OrderFillBook();
        final byte[] a = digest(3);
        final byte[] b = a.clone();
        b[31] ^= 1;
        book.setFilled(a, 11);
        assertThat(book.filled(b)).isZero();
        book.setFilled(b, 13);
        assertThat(book.filled(a)).isEqualTo(11);
        assertThat(book.filled(b)).isEqualTo(13);
    }

    @Property(tries = 50)
    void shouldAgreeWithAMapThroughGrowthAndReportEachChangeOnce(
        @ForAll @Size(min = 1, max = 3000) final List<@IntRange(min = 0, max = 2500) Integer> orders)
    {
        final OrderFillBook book = new OrderFillBook();
        final Map<String, Long> model = new HashMap<>();
        final Map<String, Long> changedSinceDrain = new HashMap<>();
        final HexFormat hex = HexFormat.of();
        long amount = 1;
        for (final int order : orders)
        {
            final byte[] digest = digest(order);
            book.setFilled(digest, amount);
            model.put(hex.formatHex(digest), amount);
            changedSinceDrain.put(hex.formatHex(digest), amount);
            amount++;
            if (order % 97 == 0)
            {
                final Map<String, Long> drained = new HashMap<>();
                book.drainChanged((buffer, offset, filled) ->
                    assertThat(drained.put(hex.formatHex(buffer, offset, offset + 32), filled)).isNull());
                assertThat(drained).isEqualTo(changedSinceDrain);
                changedSinceDrain.clear();
            }
        }
        assertThat(book.size()).isEqualTo(model.size());
        for (final Map.Entry<String, Long> entry : model.entrySet())
        {
            assertThat(book.filled(hex.parseHex(entry.getKey()))).isEqualTo(entry.getValue());
        }
        final List<String> all = new ArrayList<>();
        book.forEach((buffer, offset, filled) -> all.add(hex.formatHex(buffer, offset, offset + 32)));
        assertThat(all).containsExactlyInAnyOrderElementsOf(model.keySet());
    }
}
