package io.novation.core.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.CommandCodec;
import io.novation.core.engine.ClearingState;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.TimeWeightedAverage;

/**
 * The oracle book's snapshot section: each feed's parameters, publishers, last price (price units) and time-weighted
 * average window.
 */
final class OracleSection
{
    private OracleSection()
    {
    }

    static void writeOracles(final ClearingState state, final BinaryWriter out)
    {
        final OracleBook oracles = state.oracles();
        out.putShort(oracles.count());
        for (int i = 0; i < oracles.count(); i++)
        {
            final OracleFeed feed = oracles.feed(i);
            out.putString(feed.name()).putByte(feed.priceExponent());
            CommandCodec.putOracleParameters(out, feed.parameters());
            out.putLong(feed.price()).putLong(feed.updatedAt()).putLong(feed.heldPrice()).putLong(feed.heldAt())
                .putInt(feed.heldPublishers());
            final PublisherSet publishers = feed.publishers();
            out.putShort(publishers.count());
            for (int p = 0; p < publishers.count(); p++)
            {
                out.putAddress(publishers.address(p)).putLong(publishers.lastPublishedAt(p));
            }
            final TimeWeightedAverage twap = feed.twap();
            out.putLong(twap.firstTime()).putLong(twap.lastTime()).putLong(twap.lastPrice()).putLong(twap.cumulative());
            for (int slot = 0; slot < TimeWeightedAverage.checkpointCount(); slot++)
            {
                out.putLong(twap.checkpointTime(slot)).putLong(twap.checkpointSum(slot));
            }
        }
    }

    static void readOracles(final ClearingState state, final BinaryReader in, final int version)
    {
        final OracleBook oracles = state.oracles();
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final String name = in.getString();
            final int exponent = in.getByte();
            if (oracles.define(name, exponent) != i)
            {
                throw new CodecException("oracle " + name + " does not get id " + i);
            }
            final OracleFeed feed = oracles.feed(i);
            feed.parameters(CommandCodec.getOracleParameters(in));
            feed.restore(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt());
            final int publishers = in.getUnsignedShort();
            for (int p = 0; p < publishers; p++)
            {
                feed.publishers().add(in.getAddress());
                feed.reportUsed(p, in.getLong());
            }
            final long first = in.getLong();
            final long last = in.getLong();
            final long price = in.getLong();
            final long sum = in.getLong();
            final int slots = TimeWeightedAverage.checkpointCount();
            final long[] times = new long[slots];
            final long[] sums = new long[slots];
            for (int slot = 0; slot < slots; slot++)
            {
                times[slot] = in.getLong();
                sums[slot] = in.getLong();
            }
            feed.twap().restore(first, last, price, sum, times, sums);
        }
    }
}
