package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.command.CommandFields;
import io.novation.core.command.Order;
import io.novation.core.command.OrderReader;

import java.util.Arrays;

/**
 * The signed orders a {@link ClearingService} decoded lately (4,096 slots, direct-mapped, each keeping the order's
 * encoding, at most 130 bytes), read in place of decoding: when the bytes of an order in a command equal a slot's,
 * the slot's {@link Order} is given without decoding anything, so the fills of one order share one instance, which
 * allocates nothing more and computes its EIP-712 digest once. Equal bytes are equal fields and signature (the
 * encoding is canonical), so the order given is the value the decoder would have built: the cache changes which
 * instance the engine reads, never what it computes, and it is not part of the replicated state.
 */
final class OrderCache implements OrderReader
{
    private static final int SLOTS = 4_096;

    private final Order[] orders = new Order[SLOTS];
    private final byte[][] encodings = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private long hits;

    /**
     * The order at the reader's position: the one decoded before from the same bytes, or a new one, remembered in
     * its slot.
     *
     * @param in positioned at the order's presence byte; moved past the order.
     * @return the order, or null when absent.
     */
    @Override
    public Order read(final BinaryReader in)
    {
        final int length = CommandFields.orderLength(in);
        if (length == 1)
        {
            return CommandFields.getOrder(in);
        }
        final byte[] bytes = in.buffer();
        final int start = in.position();
        final int slot = hash(bytes, start, length) & (SLOTS - 1);
        final byte[] seen = encodings[slot];
        if (seen != null && lengths[slot] == length && Arrays.equals(seen, 0, length, bytes, start, start + length))
        {
            in.skip(length);
            hits++;
            return orders[slot];
        }
        final Order order = CommandFields.getOrder(in);
        byte[] kept = seen;
        if (kept == null || kept.length < length)
        {
            kept = new byte[length];
            encodings[slot] = kept;
        }
        System.arraycopy(bytes, start, kept, 0, length);
        lengths[slot] = length;
        orders[slot] = order;
        return order;
    }

    /**
     * Orders given from a slot so far.
     *
     * @return count.
     */
    long hits()
    {
        return hits;
    }

    private static int hash(final byte[] bytes, final int offset, final int length)
    {
        long h = length;
        int i = offset;
        final int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            h = (h ^ BinaryReader.getLongAt(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < end; i++)
        {
            h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L;
        return (int)(h ^ (h >>> 32));
    }
}
