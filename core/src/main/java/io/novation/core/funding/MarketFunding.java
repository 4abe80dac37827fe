package io.novation.core.funding;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.util.Objects;

/**
 * The funding state of one perpetual market: its settings, the cumulative funding index (billionths of a quote
 * quantum per base quantum; a long pays the index's rise times its size), the premium samples taken since the last
 * tick (ppb), and the funding ledger: quote quantums that settled positions have paid in and not yet been paid out
 * (funding settles lazily, so one side may settle long before the other), plus the sub-quantum residue of
 * settlement rounding that is owed to the fee pool.
 */
public final class MarketFunding
{
    private FundingParameters parameters = FundingParameters.defaults();
    private long cumulativeIndex;
    private long lastTickTime;
    private long lastTickSlot = Long.MIN_VALUE;
    private long lastSampleSlot = Long.MIN_VALUE;
    private long premiumSum;
    private int premiumSamples;
    private long lastRate8hPpb;
    private long lastTradePrice;
    private long ledger;
    private long residueNanos;
    private long longLossIndex;
    private long shortLossIndex;

    /**
     * Starts the funding clock: the first tick pays from this time (the market's creation).
     *
     * @param time sequencer time, epoch ms.
     */
    public void start(final long time)
    {
        this.lastTickTime = time;
    }

    /**
     * The market's funding settings.
     *
     * @return the settings.
     */
    public FundingParameters parameters()
    {
        return parameters;
    }

    /**
     * Replaces the settings; the samples taken so far stay.
     *
     * @param parameters the settings.
     */
    public void parameters(final FundingParameters parameters)
    {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The cumulative funding index, billionths of a quote quantum per base quantum.
     *
     * @return the index.
     */
    public long cumulativeIndex()
    {
        return cumulativeIndex;
    }

    /**
     * Sequencer time of the last tick (or of the market's creation), epoch ms.
     *
     * @return time.
     */
    public long lastTickTime()
    {
        return lastTickTime;
    }

    /**
     * The tick slot ({@code time / tickInterval}) of the last tick, or {@link Long#MIN_VALUE} before the first.
     *
     * @return slot.
     */
    public long lastTickSlot()
    {
        return lastTickSlot;
    }

    /**
     * The sample slot of the last premium sample, or {@link Long#MIN_VALUE} before the first.
     *
     * @return slot.
     */
    public long lastSampleSlot()
    {
        return lastSampleSlot;
    }

    /**
     * Sum of the premium samples since the last tick, ppb.
     *
     * @return the sum.
     */
    public long premiumSum()
    {
        return premiumSum;
    }

    /**
     * Number of premium samples since the last tick.
     *
     * @return the count.
     */
    public int premiumSamples()
    {
        return premiumSamples;
    }

    /**
     * The 8-hour rate applied at the last tick, ppb.
     *
     * @return the rate.
     */
    public long lastRate8hPpb()
    {
        return lastRate8hPpb;
    }

    /**
     * The price of the market's last settled trade (its mark when no impact prices are reported), or 0.
     *
     * @return price in the oracle's price units.
     */
    public long lastTradePrice()
    {
        return lastTradePrice;
    }

    /**
     * Quote quantums paid in by settled funding and not yet paid out.
     *
     * @return the ledger balance; may be negative while receivers have settled before payers.
     */
    public long ledger()
    {
        return ledger;
    }

    /**
     * Sub-quantum residue of settlement rounding, owed to the fee pool, in billionths of a quote quantum.
     *
     * @return residue in [0, 1e9).
     */
    public long residueNanos()
    {
        return residueNanos;
    }

    /**
     * The index a position of this sign settles against: the cumulative funding index plus, for longs, the losses
     * socialized to longs, and minus, for shorts, the losses socialized to shorts (both only ever grow, so that each
     * side pays its share). Billionths of a quote quantum per base quantum.
     *
     * @param size signed base quantums (its sign picks the side).
     * @return the index.
     */
    public long indexFor(final long size)
    {
        return size >= 0 ? Math.addExact(cumulativeIndex, longLossIndex) :
            Math.subtractExact(cumulativeIndex, shortLossIndex);
    }

    /**
     * Losses socialized to longs, billionths of a quote quantum per base quantum.
     *
     * @return the cumulative loss index of longs.
     */
    public long longLossIndex()
    {
        return longLossIndex;
    }

    /**
     * Losses socialized to shorts, billionths of a quote quantum per base quantum.
     *
     * @return the cumulative loss index of shorts.
     */
    public long shortLossIndex()
    {
        return shortLossIndex;
    }

    /**
     * The funding a position has accrued and not settled.
     *
     * @param size      signed base quantums.
     * @param settledAt the index the position last settled at.
     * @return quote quantums the position would receive (negative: pay) if settled now.
     */
    public long accrued(final long size, final long settledAt)
    {
        if (size == 0)
        {
            return 0;
        }
        final long index = indexFor(size);
        return index == settledAt ? 0 : FundingMath.settlementQuoteQuantums(settledAt, index, size);
    }

    /**
     * Records a premium sample.
     *
     * @param slot       the sample's slot.
     * @param premiumPpb the premium.
     */
    public void addSample(final long slot, final long premiumPpb)
    {
        premiumSum = Math.addExact(premiumSum, premiumPpb);
        premiumSamples++;
        lastSampleSlot = slot;
    }

    /**
     * Applies a tick: moves the index, records the rate and clears the samples.
     *
     * @param time       tick time.
     * @param slot       tick slot.
     * @param rate8hPpb  the rate applied.
     * @param indexDelta the index move.
     */
    public void tick(final long time, final long slot, final long rate8hPpb, final long indexDelta)
    {
        cumulativeIndex = Math.addExact(cumulativeIndex, indexDelta);
        lastTickTime = time;
        lastTickSlot = slot;
        lastRate8hPpb = rate8hPpb;
        premiumSum = 0;
        premiumSamples = 0;
    }

    /**
     * Checks, changing nothing, that {@link #socialize} of the same arguments fits 64 bits.
     *
     * @param loss         quote quantums, positive.
     * @param longs        true to charge longs, false to charge shorts.
     * @param openInterest the side's total size in base quantums, positive.
     * @throws ArithmeticException if an index, the ledger or the sweep would not fit a long.
     */
    public void checkSocialize(final long loss, final boolean longs, final long openInterest)
    {
        planSocialize(loss, longs, openInterest);
    }

    /**
     * Socializes a loss to one side (Drift's method): the side's loss index grows so that its open positions pay
     * {@code loss} between them, pro rata to size, as they next settle. The ledger pays the loss out now; what the
     * rounding up of the index collects beyond the loss is residue for the fee pool.
     *
     * @param loss           quote quantums, positive.
     * @param longs          true to charge longs, false to charge shorts.
     * @param openInterest   the side's total size in base quantums, positive.
     * @return whole quote quantums to move from the ledger to the fee pool.
     */
    public long socialize(final long loss, final boolean longs, final long openInterest)
    {
        final long[] plan = planSocialize(loss, longs, openInterest);
        if (longs)
        {
            longLossIndex = plan[0];
        }
        else
        {
            shortLossIndex = plan[0];
        }
        ledger = plan[1];
        residueNanos = plan[2];
        return plan[3];
    }

    /** The side's new loss index, the new ledger, the new residue and the sweep to the fee pool; changes nothing. */
    private long[] planSocialize(final long loss, final boolean longs, final long openInterest)
    {
        final long delta = FixedPoint.mulDiv(loss, FundingParameters.PPB, openInterest, Rounding.UP);
        final java.math.BigInteger excess = java.math.BigInteger.valueOf(delta)
            .multiply(java.math.BigInteger.valueOf(openInterest))
            .subtract(java.math.BigInteger.valueOf(loss).multiply(java.math.BigInteger.valueOf(FundingParameters.PPB)));
        final java.math.BigInteger[] split = excess.add(java.math.BigInteger.valueOf(residueNanos))
            .divideAndRemainder(java.math.BigInteger.valueOf(FundingParameters.PPB));
        final long sweep = split[0].longValueExact();
        final long newLedger = Math.subtractExact(Math.subtractExact(ledger, loss), sweep);
        final long newIndex = Math.addExact(longs ? longLossIndex : shortLossIndex, delta);
        // The index a position settles against must fit too.
        if (longs)
        {
            Math.addExact(cumulativeIndex, newIndex);
        }
        else
        {
            Math.subtractExact(cumulativeIndex, newIndex);
        }
        return new long[] {newIndex, newLedger, split[1].longValueExact(), sweep};
    }

    /**
     * Records the price of a settled trade.
     *
     * @param price price in the oracle's price units.
     */
    public void lastTradePrice(final long price)
    {
        this.lastTradePrice = price;
    }

    /**
     * Books a settlement: the position received {@code settled} quote quantums (negative: paid) and the rounding
     * kept back {@code residue} billionths; whole quantums of residue leave the ledger for the fee pool.
     *
     * @param settled quote quantums the position received.
     * @param residue billionths of a quantum kept back, in [0, 1e9).
     * @return whole quote quantums to move to the fee pool (0 or 1).
     */
    public long book(final long settled, final long residue)
    {
        ledger = Math.subtractExact(ledger, settled);
        residueNanos += residue;
        if (residueNanos >= FundingParameters.PPB)
        {
            residueNanos -= FundingParameters.PPB;
            ledger = Math.subtractExact(ledger, 1);
            return 1;
        }
        return 0;
    }


    /**
     * Restores the socialized-loss state of an option series (which pays no funding) from a snapshot; for
     * {@code SnapshotCodec} only.
     *
     * @param ledger         quote quantums.
     * @param residueNanos   billionths of a quote quantum.
     * @param longLossIndex  losses socialized to longs, billionths of a quote quantum per base quantum.
     * @param shortLossIndex losses socialized to shorts, the same unit.
     */
    public void restoreLosses(final long ledger, final long residueNanos, final long longLossIndex,
        final long shortLossIndex)
    {
        this.ledger = ledger;
        this.residueNanos = residueNanos;
        this.longLossIndex = longLossIndex;
        this.shortLossIndex = shortLossIndex;
    }

    /**
     * Restores the whole funding state from a snapshot; for {@code SnapshotCodec} only.
     *
     * @param state the values, in the order of the accessors: cumulative index, last tick time, last tick slot,
     *              last sample slot, premium sum, premium samples, last rate, last trade price, ledger, residue,
     *              long loss index, short loss index.
     */
    public void restore(final long... state)
    {
        if (state.length != 12)
        {
            throw new IllegalArgumentException("funding state has 12 values");
        }
        cumulativeIndex = state[0];
        lastTickTime = state[1];
        lastTickSlot = state[2];
        lastSampleSlot = state[3];
        premiumSum = state[4];
        premiumSamples = Math.toIntExact(state[5]);
        lastRate8hPpb = state[6];
        lastTradePrice = state[7];
        ledger = state[8];
        residueNanos = state[9];
        longLossIndex = state[10];
        shortLossIndex = state[11];
    }

    /**
     * Appends this market's funding state to its market's leaf of the state commitment (docs/commitment.md): the
     * parameters, the cumulative index, the tick and sample slots, the premium sum, the last rate and trade price,
     * the ledger, the residue and the two loss indices.
     *
     * @param encoding the leaf being written.
     */
    public void commitTo(final LeafEncoding encoding)
    {
        encoding.putByte(parameters.mode().ordinal()).putLong(parameters.sampleIntervalMs())
            .putLong(parameters.tickIntervalMs()).putLong(parameters.interestRate8hPpb())
            .putLong(parameters.interestClampPpb()).putLong(parameters.rateClampFactorPpm())
            .putLong(parameters.premiumClampFactorPpm())
            .putLong(cumulativeIndex()).putLong(lastTickTime()).putLong(lastTickSlot())
            .putLong(lastSampleSlot()).putLong(premiumSum()).putInt(premiumSamples())
            .putLong(lastRate8hPpb()).putLong(lastTradePrice()).putLong(ledger())
            .putLong(residueNanos()).putLong(longLossIndex()).putLong(shortLossIndex());
    }
}
