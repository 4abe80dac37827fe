package io.novation.core.oracle;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.market.MarketStatus;

/**
 * One oracle's state: its name and price exponent, the last accepted index price (price units) with the sequencer
 * time it was accepted (epoch ms), its parameters and publishers, the round held by the deviation guard, and its
 * 30-minute time-weighted average.
 */
public final class OracleFeed
{
    private final String name;
    private final int priceExponent;
    private final PublisherSet publishers = new PublisherSet();
    private final TimeWeightedAverage twap = new TimeWeightedAverage();
    private OracleParameters parameters = OracleParameters.DEFAULTS;
    private long price = OracleBook.NO_PRICE;
    private long updatedAt;
    private long heldPrice = OracleBook.NO_PRICE;
    private long heldAt;
    private int heldPublishers;

    OracleFeed(final String name, final int priceExponent)
    {
        this.name = name;
        this.priceExponent = priceExponent;
    }

    public String name()
    {
        return name;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public PublisherSet publishers()
    {
        return publishers;
    }

    public OracleParameters parameters()
    {
        return parameters;
    }

    public void parameters(final OracleParameters parameters)
    {
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The last accepted index price.
     *
     * @return price units, or {@link OracleBook#NO_PRICE}.
     */
    public long price()
    {
        return price;
    }

    /**
     * Sequencer time the last price was accepted.
     *
     * @return epoch ms.
     */
    public long updatedAt()
    {
        return updatedAt;
    }

    /**
     * The median of the round the deviation guard holds, waiting for confirmation.
     *
     * @return price units, or {@link OracleBook#NO_PRICE} when none is held.
     */
    public long heldPrice()
    {
        return heldPrice;
    }

    /**
     * Sequencer time of the held round.
     *
     * @return epoch ms.
     */
    public long heldAt()
    {
        return heldAt;
    }

    public TimeWeightedAverage twap()
    {
        return twap;
    }

    /**
     * Milliseconds since the last accepted price.
     *
     * @param now sequencer time, epoch ms.
     * @return age, or 0 when there is no price.
     */
    public long age(final long now)
    {
        return price == OracleBook.NO_PRICE ? 0 : now - updatedAt;
    }

    /**
     * Whether the price is older than the heartbeat.
     *
     * @param now sequencer time, epoch ms.
     * @return true when stale; false without a price.
     */
    public boolean isStale(final long now)
    {
        return age(now) > parameters.heartbeatMs();
    }

    /**
     * What the oracle lets its markets do: active while fresh, reduce-only once stale, halted once older than the
     * halt delay.
     *
     * @param now sequencer time, epoch ms.
     * @return the status.
     */
    public MarketStatus status(final long now)
    {
        final long age = age(now);
        if (age > parameters.haltAfterMs())
        {
            return MarketStatus.HALTED;
        }
        return age > parameters.heartbeatMs() ? MarketStatus.REDUCE_ONLY : MarketStatus.ACTIVE;
    }

    /**
     * The first sequencer time at which {@link #status} will differ from its value at {@code now}.
     *
     * @param now sequencer time, epoch ms.
     * @return epoch ms, or {@link Long#MAX_VALUE} when it will not change without a new round.
     */
    public long nextStatusChange(final long now)
    {
        if (price == OracleBook.NO_PRICE)
        {
            return Long.MAX_VALUE;
        }
        return switch (status(now))
        {
            case ACTIVE -> updatedAt + parameters.heartbeatMs() + 1;
            case REDUCE_ONLY -> updatedAt + parameters.haltAfterMs() + 1;
            case HALTED -> Long.MAX_VALUE;
        };
    }

    /**
     * The price margin values a holding at: the last price while fresh, the band's worst edge for the holding once
     * stale.
     *
     * @param now         sequencer time, epoch ms.
     * @param holdingSign positive for a long or collateral, negative for a short.
     * @return price units, or {@link OracleBook#NO_PRICE}.
     */
    public long marginPrice(final long now, final long holdingSign)
    {
        if (price == OracleBook.NO_PRICE)
        {
            return price;
        }
        return StaleBand.worstEdge(price, StaleBand.halfWidthPpm(parameters, age(now)), holdingSign);
    }

    /**
     * Accepts a round's median as the index price.
     *
     * @param median price units.
     * @param time   sequencer time, epoch ms.
     */
    public void accept(final long median, final long time)
    {
        price = median;
        updatedAt = time;
        heldPrice = OracleBook.NO_PRICE;
        heldAt = 0;
        heldPublishers = 0;
        twap.record(time, median);
    }

    /**
     * Holds a round whose median jumped beyond the deviation threshold.
     *
     * @param median     price units.
     * @param time       sequencer time, epoch ms.
     * @param publishers bit set of the indices of the publishers whose reports lie within the threshold of the median.
     */
    public void hold(final long median, final long time, final int publishers)
    {
        heldPrice = median;
        heldAt = time;
        heldPublishers = publishers;
    }

    /**
     * The publishers whose reports in the held round lie near its median, as a bit set of their indices in
     * {@link #publishers()}.
     *
     * @return bit set, 0 when none is held.
     */
    public int heldPublishers()
    {
        return heldPublishers;
    }

    /**
     * Restores the last accepted and held rounds of a snapshot, without touching the TWAP; for snapshots only.
     *
     * @param lastPrice      price units, or {@link OracleBook#NO_PRICE}.
     * @param lastUpdatedAt  epoch ms.
     * @param lastHeldPrice  price units, or {@link OracleBook#NO_PRICE}.
     * @param lastHeldAt     epoch ms.
     * @param heldPublisherBits bit set of publisher indices.
     */
    public void restore(final long lastPrice, final long lastUpdatedAt, final long lastHeldPrice, final long lastHeldAt,
        final int heldPublisherBits)
    {
        price = lastPrice;
        updatedAt = lastUpdatedAt;
        heldPrice = lastHeldPrice;
        heldAt = lastHeldAt;
        heldPublishers = heldPublisherBits;
    }

    /**
     * Records that a publisher's report was used in a round.
     *
     * @param publisherIndex index in {@link #publishers()}.
     * @param publishedAt    the report's publication time, epoch ms.
     */
    public void reportUsed(final int publisherIndex, final long publishedAt)
    {
        publishers.lastPublishedAt(publisherIndex, publishedAt);
    }

    /**
     * Appends this feed's name, price, parameters, held jump, publishers and TWAP checkpoints to the global leaf of
     * the state commitment (docs/commitment.md).
     *
     * @param encoding the leaf being written.
     */
    public void commitTo(final LeafEncoding encoding)
    {
        final OracleParameters parameters = parameters();
        encoding.putString(name()).putByte(priceExponent()).putLong(price()).putLong(updatedAt())
            .putInt(parameters.quorum()).putLong(parameters.freshnessWindowMs()).putLong(parameters.maxFutureSkewMs())
            .putLong(parameters.heartbeatMs()).putLong(parameters.haltAfterMs())
            .putLong(parameters.deviationThresholdPpm()).putInt(parameters.jumpQuorum())
            .putLong(parameters.staleBandBasePpm()).putLong(parameters.staleBandPpmPerMinute())
            .putLong(parameters.staleBandMaxPpm())
            .putLong(heldPrice()).putLong(heldAt()).putInt(heldPublishers());
        final PublisherSet publishers = publishers();
        encoding.putShort(publishers.count());
        for (int p = 0; p < publishers.count(); p++)
        {
            encoding.putBytes(publishers.address(p).toBytes(), 0, 20).putLong(publishers.lastPublishedAt(p));
        }
        final TimeWeightedAverage twap = twap();
        encoding.putLong(twap.firstTime()).putLong(twap.lastTime()).putLong(twap.cumulative());
        for (int slot = 0; slot < TimeWeightedAverage.checkpointCount(); slot++)
        {
            encoding.putLong(twap.checkpointTime(slot)).putLong(twap.checkpointSum(slot));
        }
    }
}
