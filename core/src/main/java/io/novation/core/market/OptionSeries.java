package io.novation.core.market;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.pricing.OptionType;

import java.util.Objects;

/**
 * A European option series, cash-settled in the quote asset: an underlying oracle, a strike in the oracle's price
 * units, an expiry in epoch milliseconds and a call or put right. Sizes are base quantums of 10^atomicResolution
 * units of the underlying (the contract size, as for perpetuals); premiums are prices in the oracle's price units per
 * base unit, on the tick grid; fees are ppm of the premium's quote value. Series ids start at {@link #FIRST_ID}, above
 * every perpetual id, so that positions in a subaccount, sorted by id, hold perpetuals first and options after them.
 * Mutable clearing state: status, open interest, the settlement price fixed at expiry, and whether it was paid out.
 */
public final class OptionSeries implements Instrument
{
    /** The id of the first option series; perpetual ids are below it. */
    public static final int FIRST_ID = 65_536;
    /**
     * Largest strike, price units: the largest price an oracle accepts (the oracle's time-weighted average bound,
     * {@code Long.MAX_VALUE / (31 × 60 000)}; a test pins the two equal).
     */
    public static final long MAX_STRIKE = Long.MAX_VALUE / (31L * 60_000L);
    /**
     * Settlement price of a series not yet fixed, price units: the oracle book's {@code NO_PRICE} (zero, a price no
     * oracle accepts).
     */
    public static final long UNSETTLED = 0L;

    private final int id;
    private final String ticker;
    private final int oracleId;
    private final long strike;
    private final long expiry;
    private final OptionType type;
    private final int atomicResolution;
    private final long tickSize;
    private final long stepSize;
    private final long makerFeePpm;
    private final long takerFeePpm;
    private MarketStatus status;
    private long openInterestBaseQuantums;
    private long settlementPrice = UNSETTLED;
    private boolean settled;
    private final io.novation.core.funding.MarketFunding funding = new io.novation.core.funding.MarketFunding();

    /**
     * A series with no open interest.
     *
     * @param id               {@link #FIRST_ID} plus its dense index.
     * @param ticker           e.g. "BTC-20251226-100000-C".
     * @param oracleId         the underlying's oracle.
     * @param strike           price units, positive.
     * @param expiry           epoch ms.
     * @param type             call or put.
     * @param atomicResolution base quantum = 10^atomicResolution units of the underlying.
     * @param tickSize         premium grid, price units (> 0).
     * @param stepSize         size grid, base quantums (> 0).
     * @param makerFeePpm      fee on the maker's premium, may be negative (rebate), |maker| <= taker.
     * @param takerFeePpm      fee on the taker's premium, >= 0.
     * @param status           initial status.
     */
    public OptionSeries(
        final int id,
        final String ticker,
        final int oracleId,
        final long strike,
        final long expiry,
        final OptionType type,
        final int atomicResolution,
        final long tickSize,
        final long stepSize,
        final long makerFeePpm,
        final long takerFeePpm,
        final MarketStatus status)
    {
        if (id < FIRST_ID)
        {
            throw new IllegalArgumentException("option series ids start at " + FIRST_ID);
        }
        if (ticker == null || ticker.isBlank())
        {
            throw new IllegalArgumentException("option series ticker is required");
        }
        if (strike <= 0 || strike > MAX_STRIKE)
        {
            throw new IllegalArgumentException("strike must be in [1, " + MAX_STRIKE + "] price units");
        }
        if (expiry <= 0)
        {
            throw new IllegalArgumentException("expiry must be a positive epoch millisecond");
        }
        if (atomicResolution < -18 || atomicResolution > 0)
        {
            throw new IllegalArgumentException("atomic resolution must be in [-18, 0]");
        }
        if (tickSize <= 0 || stepSize <= 0)
        {
            throw new IllegalArgumentException("tick and step sizes must be positive");
        }
        if (takerFeePpm < 0 || takerFeePpm > 100_000 || makerFeePpm > 100_000 || makerFeePpm < -100_000 ||
            makerFeePpm < -takerFeePpm)
        {
            throw new IllegalArgumentException("fees: taker in [0, 10%], maker in [-taker, 10%]");
        }
        this.id = id;
        this.ticker = ticker;
        this.oracleId = oracleId;
        this.strike = strike;
        this.expiry = expiry;
        this.type = Objects.requireNonNull(type, "type");
        this.atomicResolution = atomicResolution;
        this.tickSize = tickSize;
        this.stepSize = stepSize;
        this.makerFeePpm = makerFeePpm;
        this.takerFeePpm = takerFeePpm;
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public int id()
    {
        return id;
    }

    @Override
    public String ticker()
    {
        return ticker;
    }

    @Override
    public int oracleId()
    {
        return oracleId;
    }

    /**
     * The strike.
     *
     * @return price units of the underlying's oracle.
     */
    public long strike()
    {
        return strike;
    }

    /**
     * The expiry: trading stops and the settlement price is the 30-minute TWAP ending at its last whole minute.
     *
     * @return epoch ms.
     */
    public long expiry()
    {
        return expiry;
    }

    public OptionType type()
    {
        return type;
    }

    /**
     * Whether the series is a call.
     *
     * @return true for a call, false for a put.
     */
    public boolean isCall()
    {
        return type == OptionType.CALL;
    }

    @Override
    public int atomicResolution()
    {
        return atomicResolution;
    }

    @Override
    public long tickSize()
    {
        return tickSize;
    }

    @Override
    public long stepSize()
    {
        return stepSize;
    }

    @Override
    public long makerFeePpm()
    {
        return makerFeePpm;
    }

    @Override
    public long takerFeePpm()
    {
        return takerFeePpm;
    }

    @Override
    public MarketStatus status()
    {
        return status;
    }

    public void status(final MarketStatus status)
    {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public long openInterestBaseQuantums()
    {
        return openInterestBaseQuantums;
    }

    @Override
    public void adjustOpenInterest(final long deltaBaseQuantums)
    {
        openInterestBaseQuantums = Math.addExact(openInterestBaseQuantums, deltaBaseQuantums);
    }

    /**
     * The settlement price fixed at expiry: the 30-minute TWAP of the index ending at the expiry's last whole minute.
     *
     * @return price units, or {@link #UNSETTLED} while not fixed.
     */
    public long settlementPrice()
    {
        return settlementPrice;
    }

    /**
     * Fixes the settlement price.
     *
     * @param price price units, positive.
     */
    public void settlementPrice(final long price)
    {
        settlementPrice = price;
    }

    /**
     * Whether every position was paid out at expiry and closed; a settled series takes no trade.
     *
     * @return true once settled.
     */
    public boolean isSettled()
    {
        return settled;
    }

    /**
     * The series' socialized-loss indices and their ledger (an option pays no funding: only losses socialized to its
     * longs or shorts by the bankruptcy waterfall move them).
     *
     * @return the loss indices.
     */
    @Override
    public io.novation.core.funding.MarketFunding funding()
    {
        return funding;
    }

    /**
     * Records that the series was paid out.
     */
    public void markSettled()
    {
        settled = true;
    }

    /**
     * The intrinsic value of one base unit at an underlying price: max(S − K, 0) for a call, max(K − S, 0) for a put.
     *
     * @param underlyingPrice price units.
     * @return price units, never negative.
     */
    public long intrinsicValue(final long underlyingPrice)
    {
        return isCall() ? Math.max(underlyingPrice - strike, 0) : Math.max(strike - underlyingPrice, 0);
    }

    /**
     * Appends this series' definition, open interest, settlement and loss ledger to the global leaf of the state
     * commitment (docs/commitment.md).
     *
     * @param encoding the leaf being written.
     */
    public void commitTo(final LeafEncoding encoding)
    {
        encoding.putInt(id()).putString(ticker()).putInt(oracleId()).putLong(strike())
            .putLong(expiry()).putByte(type().ordinal()).putByte(atomicResolution())
            .putLong(tickSize()).putLong(stepSize()).putLong(makerFeePpm())
            .putLong(takerFeePpm()).putByte(status().ordinal())
            .putLong(openInterestBaseQuantums()).putLong(settlementPrice())
            .putByte(isSettled() ? 1 : 0).putLong(funding().ledger())
            .putLong(funding().residueNanos()).putLong(funding().longLossIndex())
            .putLong(funding().shortLossIndex());
    }
}
