package io.novation.core.event;

import io.novation.core.account.Address;

import java.util.Arrays;

/**
 * Events in numbered slots, the two a fill publishes most ({@code tradeSettled}, {@code positionChanged}) kept as
 * their primitive fields (quantums, ids and the engine's own {@link Address} values) in reusable arrays and built into
 * an {@link Event} value only when one is asked for, every other event kept as its value. Filling a slot with a fill's
 * event allocates nothing; {@link #get} builds the value once per fill of the slot and keeps it. The arrays of fields
 * are made when the first fill's event is put, so rows that only ever hold values cost a reference, a kind and a
 * sequence per slot. One thread at a time.
 */
public final class EventRows
{
    private static final byte VALUE = 0;
    private static final byte TRADE_SETTLED = 1;
    private static final byte POSITION_CHANGED = 2;
    private static final int LONGS = 5;
    private static final int INTS = 4;
    private static final int ADDRESSES = 2;

    private Event[] values;
    private byte[] kinds;
    private long[] sequences;
    private long[] longs;
    private int[] ints;
    private Address[] addresses;

    /**
     * Rows with room for a number of slots.
     *
     * @param capacity slots, at least 1.
     */
    public EventRows(final int capacity)
    {
        values = new Event[capacity];
        kinds = new byte[capacity];
        sequences = new long[capacity];
    }

    /** Makes the arrays of fields, as long as the slots, when the first fill's event is put. */
    private void ensureFields()
    {
        if (longs == null)
        {
            longs = new long[kinds.length * LONGS];
            ints = new int[kinds.length * INTS];
            addresses = new Address[kinds.length * ADDRESSES];
        }
    }

    /**
     * The number of slots.
     *
     * @return capacity.
     */
    public int capacity()
    {
        return kinds.length;
    }

    /**
     * Makes room for at least a number of slots, keeping the slots filled so far.
     *
     * @param capacity slots.
     */
    public void ensureCapacity(final int capacity)
    {
        ensureCapacity(capacity, Integer.MAX_VALUE - 8);
    }

    /**
     * Makes room for at least a number of slots and at most a limit, keeping the slots filled so far: doubles, so
     * that filling slots one by one copies each a bounded number of times.
     *
     * @param capacity slots needed, at most {@code limit}.
     * @param limit    slots never to exceed.
     */
    public void ensureCapacity(final int capacity, final int limit)
    {
        if (capacity > kinds.length)
        {
            final int grown = (int)Math.min(limit, Math.max(capacity, kinds.length * 2L));
            values = Arrays.copyOf(values, grown);
            kinds = Arrays.copyOf(kinds, grown);
            sequences = Arrays.copyOf(sequences, grown);
            if (longs != null)
            {
                longs = Arrays.copyOf(longs, grown * LONGS);
                ints = Arrays.copyOf(ints, grown * INTS);
                addresses = Arrays.copyOf(addresses, grown * ADDRESSES);
            }
        }
    }

    /**
     * Fills a slot with an event value.
     *
     * @param slot  the slot.
     * @param event the event.
     */
    public void put(final int slot, final Event event)
    {
        kinds[slot] = VALUE;
        values[slot] = event;
        sequences[slot] = event.sequence();
    }

    /**
     * Fills a slot with a {@link Event.TradeSettled}'s fields (see {@link EventSink#tradeSettled}).
     *
     * @param slot            the slot.
     * @param sequence        the command's sequence.
     * @param marketId        the market.
     * @param maker           the maker.
     * @param makerSubaccount the maker's subaccount.
     * @param taker           the taker.
     * @param takerSubaccount the taker's subaccount.
     * @param takerIsBuy      whether the taker bought.
     * @param size            base quantums.
     * @param price           quote quantums per base unit.
     * @param quoteAmount     quote quantums.
     * @param makerFee        quote quantums.
     * @param takerFee        quote quantums.
     */
    public void putTradeSettled(final int slot, final long sequence, final int marketId, final Address maker,
        final int makerSubaccount, final Address taker, final int takerSubaccount, final boolean takerIsBuy,
        final long size, final long price, final long quoteAmount, final long makerFee, final long takerFee)
    {
        ensureFields();
        kinds[slot] = TRADE_SETTLED;
        values[slot] = null;
        sequences[slot] = sequence;
        final int l = slot * LONGS;
        longs[l] = size;
        longs[l + 1] = price;
        longs[l + 2] = quoteAmount;
        longs[l + 3] = makerFee;
        longs[l + 4] = takerFee;
        final int i = slot * INTS;
        ints[i] = marketId;
        ints[i + 1] = makerSubaccount;
        ints[i + 2] = takerSubaccount;
        ints[i + 3] = takerIsBuy ? 1 : 0;
        final int a = slot * ADDRESSES;
        addresses[a] = maker;
        addresses[a + 1] = taker;
    }

    /**
     * Fills a slot with a {@link Event.PositionChanged}'s fields (see {@link EventSink#positionChanged}).
     *
     * @param slot        the slot.
     * @param sequence    the command's sequence.
     * @param owner       the owner.
     * @param subaccount  the subaccount.
     * @param marketId    the market.
     * @param size        signed base quantums.
     * @param costBasis   quote quantums.
     * @param realizedPnl quote quantums.
     */
    public void putPositionChanged(final int slot, final long sequence, final Address owner, final int subaccount,
        final int marketId, final long size, final long costBasis, final long realizedPnl)
    {
        ensureFields();
        kinds[slot] = POSITION_CHANGED;
        values[slot] = null;
        sequences[slot] = sequence;
        final int l = slot * LONGS;
        longs[l] = size;
        longs[l + 1] = costBasis;
        longs[l + 2] = realizedPnl;
        final int i = slot * INTS;
        ints[i] = subaccount;
        ints[i + 1] = marketId;
        final int a = slot * ADDRESSES;
        addresses[a] = owner;
        addresses[a + 1] = null;
    }

    /**
     * Fills a slot with another rows' slot, as fields when it holds fields: allocates nothing.
     *
     * @param slot     the slot.
     * @param from     the other rows.
     * @param fromSlot its slot.
     */
    public void copy(final int slot, final EventRows from, final int fromSlot)
    {
        kinds[slot] = from.kinds[fromSlot];
        values[slot] = from.values[fromSlot];
        sequences[slot] = from.sequences[fromSlot];
        if (from.kinds[fromSlot] == VALUE)
        {
            return;
        }
        ensureFields();
        System.arraycopy(from.longs, fromSlot * LONGS, longs, slot * LONGS, LONGS);
        System.arraycopy(from.ints, fromSlot * INTS, ints, slot * INTS, INTS);
        System.arraycopy(from.addresses, fromSlot * ADDRESSES, addresses, slot * ADDRESSES, ADDRESSES);
    }

    /**
     * Empties a slot, so that it keeps no event or address alive.
     *
     * @param slot the slot.
     */
    public void clear(final int slot)
    {
        kinds[slot] = VALUE;
        values[slot] = null;
        if (addresses != null)
        {
            final int a = slot * ADDRESSES;
            addresses[a] = null;
            addresses[a + 1] = null;
        }
    }

    /**
     * The sequence of a slot's event, without building it.
     *
     * @param slot the slot.
     * @return the command's sequence.
     */
    public long sequence(final int slot)
    {
        return sequences[slot];
    }

    /**
     * Whether a slot holds a fill's event ({@link Event.TradeSettled} or {@link Event.PositionChanged}), as fields or
     * as a value, without building it.
     *
     * @param slot the slot.
     * @return true for a fill's event.
     */
    public boolean isFill(final int slot)
    {
        return kinds[slot] != VALUE || values[slot] instanceof Event.TradeSettled ||
            values[slot] instanceof Event.PositionChanged;
    }

    /**
     * The number of parties a slot's fill event kept as fields names (the maker and the taker of a
     * {@code TradeSettled}, the owner of a {@code PositionChanged}); 0 for an event kept as a value.
     *
     * @param slot the slot.
     * @return 0, 1 or 2.
     */
    public int fieldParties(final int slot)
    {
        return kinds[slot] == TRADE_SETTLED ? 2 : kinds[slot] == POSITION_CHANGED ? 1 : 0;
    }

    /**
     * A party of a slot's fill event kept as fields, without building it.
     *
     * @param slot  the slot.
     * @param party below {@link #fieldParties}: 0 the maker (or the owner), 1 the taker.
     * @return the party's account.
     */
    public Address partyOwner(final int slot, final int party)
    {
        return addresses[slot * ADDRESSES + party];
    }

    /**
     * The subaccount number of a party of a slot's fill event kept as fields, without building it.
     *
     * @param slot  the slot.
     * @param party below {@link #fieldParties}: 0 the maker (or the owner), 1 the taker.
     * @return the subaccount number.
     */
    public int partySubaccount(final int slot, final int party)
    {
        return kinds[slot] == TRADE_SETTLED ? ints[slot * INTS + 1 + party] : ints[slot * INTS];
    }

    /**
     * A slot's event as a value, built from its fields the first time it is asked for after the slot was filled.
     *
     * @param slot the slot.
     * @return the event, equal to the value the fields were taken from.
     */
    public Event get(final int slot)
    {
        final Event kept = values[slot];
        if (kept != null)
        {
            return kept;
        }
        final int l = slot * LONGS;
        final int i = slot * INTS;
        final int a = slot * ADDRESSES;
        final Event built = switch (kinds[slot])
        {
            case TRADE_SETTLED -> new Event.TradeSettled(sequences[slot], ints[i], addresses[a], ints[i + 1],
                addresses[a + 1], ints[i + 2], ints[i + 3] != 0, longs[l], longs[l + 1], longs[l + 2], longs[l + 3],
                longs[l + 4]);
            case POSITION_CHANGED -> new Event.PositionChanged(sequences[slot], addresses[a], ints[i], ints[i + 1],
                longs[l], longs[l + 1], longs[l + 2]);
            default -> null;
        };
        values[slot] = built;
        return built;
    }
}
