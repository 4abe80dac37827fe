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
        book.setFilled(digest(1), 5, 100);
        book.setFilled(digest(1), 7, 100);
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
        book.setFilled(a, 11, 100);
        assertThat(book.filled(b)).isZero();
        book.setFilled(b, 13, 100);
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
            book.setFilled(digest, amount, Long.MAX_VALUE);
            model.put(hex.formatHex(digest), amount);
            changedSinceDrain.put(hex.formatHex(digest), amount);
            amount++;
            if (order % 97 == 0)
            {
                final Map<String, Long> drained = new HashMap<>();
                book.drainChanged((buffer, offset, filled, expiry) ->
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
        book.forEach((buffer, offset, filled, expiry) -> all.add(hex.formatHex(buffer, offset, offset + 32)));
        assertThat(all).containsExactlyInAnyOrderElementsOf(model.keySet());
    }

    @Property(tries = 50)
    void shouldForgetExactlyTheExpiredOrdersAndReportThemAsRemoved(
        @ForAll @Size(min = 1, max = 3000) final List<@IntRange(min = 0, max = 2500) Integer> orders,
        @ForAll @IntRange(min = 0, max = 3000) final int pruneAt)
    {
        final OrderFillBook book = new OrderFillBook();
        final Map<String, Long> model = new HashMap<>();
        final HexFormat hex = HexFormat.of();
        for (final int order : orders)
        {
            // An order's expiry is its number: the same order always has the same expiry.
            book.setFilled(digest(order), order + 1, order);
            model.put(hex.formatHex(digest(order)), (long)order);
        }
        book.drainChanged((buffer, offset, filled, expiry) ->
        {
        });

        final int forgotten = book.pruneExpired(pruneAt);

        final Map<String, Long> removed = new HashMap<>();
        book.drainChanged((buffer, offset, filled, expiry) ->
        {
            assertThat(filled).isZero();
            assertThat(removed.put(hex.formatHex(buffer, offset, offset + 32), expiry)).isNull();
        });
        final Map<String, Long> expected = new HashMap<>();
        model.forEach((digest, expiry) ->
        {
            if (expiry <= pruneAt)
            {
                expected.put(digest, expiry);
            }
        });
        assertThat(removed).isEqualTo(expected);
        assertThat(forgotten).isEqualTo(expected.size());
        assertThat(book.size()).isEqualTo(model.size() - expected.size());
        model.forEach((digest, expiry) -> assertThat(book.filled(hex.parseHex(digest)))
            .isEqualTo(expiry <= pruneAt ? 0 : expiry + 1));
    }

    @Test
    void shouldDrainEachChangedOrderOnceInTheOrderItFirstChangedEvenWhenWrittenManyTimes()
    {
        final OrderFillBook book = new OrderFillBook();
        final HexFormat hex = HexFormat.of();
        final List<String> firstChanged = new ArrayList<>();
        // 300 orders written 200 times each, interleaved: the change list fills and is compacted many times.
        for (int round = 1; round <= 200; round++)
        {
            for (int order = 0; order < 300; order++)
            {
                book.setFilled(digest(order), round, 1_000 + order);
                if (round == 1)
                {
                    firstChanged.add(hex.formatHex(digest(order)));
                }
            }
        }
        final List<String> drained = new ArrayList<>();
        book.drainChanged((buffer, offset, filled, expiry) ->
        {
            drained.add(hex.formatHex(buffer, offset, offset + 32));
            assertThat(filled).isEqualTo(200);
        });
        assertThat(drained).isEqualTo(firstChanged);
        book.drainChanged((buffer, offset, filled, expiry) ->
        {
            throw new AssertionError("nothing changed since the last drain");
        });
    }

    @Test
    void shouldLookUpTwoOrdersAtOnceAndAgreeWithSingleLookUps()
    {
        final OrderFillBook book = new OrderFillBook();
        final Map<Integer, Long> model = new HashMap<>();
        for (int order = 0; order < 5_000; order += 2)
        {
            book.setFilled(digest(order), order + 1, 10);
            model.put(order, order + 1L);
        }
        for (int order = 0; order < 5_000; order++)
        {
            final byte[] first = digest(order);
            final byte[] second = digest(4_999 - order);
            book.lookUp(first, second);
            assertThat(book.filled(first)).isEqualTo(model.getOrDefault(order, 0L));
            assertThat(book.filled(second)).isEqualTo(model.getOrDefault(4_999 - order, 0L));
            // A write after the look-up lands on the slot found, or inserts when there was none.
            book.setFilled(first, 1_000_000 + order, 10);
            model.put(order, 1_000_000L + order);
            assertThat(book.filled(digest(order))).isEqualTo(1_000_000 + order);
        }
        assertThat(book.size()).isEqualTo(5_000);
    }
}
