package io.novation.core.event;

import io.novation.core.account.Address;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log that keeps a fill's events as fields ({@link EventRows}) gives the very values an event sink that builds each
 * event at once gives: read from the log, read after copying into a ring whose slots are filled again with events of
 * other kinds, read before or after the copy, and across rounds of a log cleared and filled again.
 */
class EventLogRowsPropertiesTest
{
    private static final Address[] ADDRESSES = new Address[4];

    static
    {
        for (int i = 0; i < ADDRESSES.length; i++)
        {
            final byte[] bytes = new byte[Address.LENGTH];
            bytes[Address.LENGTH - 1] = (byte)(i + 1);
            ADDRESSES[i] = Address.of(bytes);
        }
    }

    @Property(tries = 200)
    void shouldGiveTheValuesOfASinkThatBuildsEveryEvent(
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(min = 0, max = 40) Integer> rounds,
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 24) final int ringCapacity,
        @ForAll final boolean readBeforeCopy)
    {
        final Random random = new Random(seed);
        final EventLog log = new EventLog();
        final EventRows ring = new EventRows(1);
        final Event[] expectedRing = new Event[ringCapacity];
        long published = 0;
        long sequence = 0;
        for (final int count : rounds)
        {
            final List<Event> expected = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                sequence += random.nextInt(2);
                expected.add(emit(log, random, sequence));
            }
            assertThat(log.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++)
            {
                assertThat(log.sequence(i)).isEqualTo(expected.get(i).sequence());
                assertFillParties(log, i, expected.get(i));
            }
            if (readBeforeCopy)
            {
                assertThat(log.events()).containsExactlyElementsOf(expected);
            }
            for (int i = 0; i < log.size(); i++)
            {
                final int slot = (int)(published++ % ringCapacity);
                ring.ensureCapacity(slot + 1, ringCapacity);
                log.copyTo(i, ring, slot);
                expectedRing[slot] = expected.get(i);
            }
            assertThat(log.events()).containsExactlyElementsOf(expected);
            assertThat(log.last()).isEqualTo(expected.isEmpty() ? null : expected.get(expected.size() - 1));
            assertThat(ring.capacity()).isLessThanOrEqualTo(ringCapacity);
            for (int slot = 0; slot < Math.min(published, ringCapacity); slot++)
            {
                assertThat(ring.sequence(slot)).isEqualTo(expectedRing[slot].sequence());
                assertThat(ring.get(slot)).as("ring slot %d", slot).isEqualTo(expectedRing[slot]);
            }
            log.clear();
            assertThat(log.events()).isEmpty();
            assertThat(log.last()).isNull();
        }
    }

    /** One random event, told to the log as the engine tells it; returns the value a building sink would keep. */
    private static Event emit(final EventLog log, final Random random, final long sequence)
    {
        final Address a = ADDRESSES[random.nextInt(ADDRESSES.length)];
        final Address b = ADDRESSES[random.nextInt(ADDRESSES.length)];
        final int x = random.nextInt(5);
        final int y = random.nextInt(5);
        final long p = random.nextLong();
        final long q = random.nextLong();
        final long r = random.nextLong();
        switch (random.nextInt(5))
        {
            case 0, 1 ->
            {
                final boolean buy = random.nextBoolean();
                final long makerFee = random.nextLong();
                final long takerFee = random.nextLong();
                log.tradeSettled(sequence, x, a, y, b, x + y, buy, p, q, r, makerFee, takerFee);
                return new Event.TradeSettled(sequence, x, a, y, b, x + y, buy, p, q, r, makerFee, takerFee);
            }
            case 2 ->
            {
                log.positionChanged(sequence, a, x, y, p, q, r);
                return new Event.PositionChanged(sequence, a, x, y, p, q, r);
            }
            case 3 ->
            {
                log.deposited(sequence, a, x, y, p, q);
                return new Event.Deposited(sequence, a, x, y, p, q);
            }
            default ->
            {
                final RejectReason reason = RejectReason.values()[random.nextInt(RejectReason.values().length)];
                log.rejected(sequence, reason, "reason " + p);
                return new Event.Rejected(sequence, reason, "reason " + p);
            }
        }
    }

    /** A fill's kind and parties as the log reads them from its fields, without building it: the value's. */
    private static void assertFillParties(final EventLog log, final int index, final Event expected)
    {
        assertThat(log.isFill(index)).isEqualTo(
            expected instanceof Event.TradeSettled || expected instanceof Event.PositionChanged);
        if (expected instanceof Event.TradeSettled trade)
        {
            assertThat(log.fieldParties(index)).isEqualTo(2);
            assertThat(log.partyOwner(index, 0)).isEqualTo(trade.maker());
            assertThat(log.partySubaccount(index, 0)).isEqualTo(trade.makerSubaccount());
            assertThat(log.partyOwner(index, 1)).isEqualTo(trade.taker());
            assertThat(log.partySubaccount(index, 1)).isEqualTo(trade.takerSubaccount());
        }
        else if (expected instanceof Event.PositionChanged change)
        {
            assertThat(log.fieldParties(index)).isEqualTo(1);
            assertThat(log.partyOwner(index, 0)).isEqualTo(change.owner());
            assertThat(log.partySubaccount(index, 0)).isEqualTo(change.subaccount());
        }
        else
        {
            assertThat(log.fieldParties(index)).isZero();
        }
    }
}
