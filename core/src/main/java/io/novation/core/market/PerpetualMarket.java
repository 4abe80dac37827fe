package io.novation.core.market;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.funding.MarketFunding;

/**
 * A perpetual futures market: its static terms (atomic resolution, tick and step sizes, liquidity tier, fees) and
 * its mutable clearing state (status, open interest). Sizes are in base quantums of 10^atomicResolution base units;
 * prices are integers at the oracle's price exponent (one price unit is 10^priceExponent USD per base unit).
 */
public final class PerpetualMarket implements Instrument
{
    /** Marks a market's own liquidation terms in its leaf encoding. */
    private static final int LIQUIDATION_TERMS_TAG = 0x4C;
    /** {@link #delistingTime()} of a market not announced for delisting. */
    public static final long NOT_DELISTING = 0L;
    /** {@link #finalSettlementPrice()} before the final settlement price is fixed (the oracle's "no price"). */
    public static final long NO_FINAL_PRICE = 0L;
    /** {@link #openInterestCap()} or {@link #positionLimit()} when off. */
    public static final long NO_CAP = 0L;

    private final int id;
    private final String ticker;
    private final int oracleId;
    private final int atomicResolution;
    private final long tickSize;
    private final long stepSize;
    private LiquidityTier liquidityTier;
    private long baseMaintenanceMarginPpm;
    private long makerFeePpm;
    private long takerFeePpm;
    private MarketStatus status;
    private long openInterestBaseQuantums;
    private long isolatedInsuranceFund;
    private final MarketFunding funding = new MarketFunding();
    private long imfOverridePpm;
    private LiquidityTier effectiveTier;
    private LiquidationTerms liquidationTerms;
    private long delistingTime = NOT_DELISTING;
    private long finalSettlementPrice = NO_FINAL_PRICE;
    private boolean settled;
    private long openInterestCap = NO_CAP;
    private long positionLimit = NO_CAP;

    /**
     * A market with no open interest.
     *
     * @param id               dense market id.
     * @param ticker           e.g. "BTC-USD".
     * @param oracleId         oracle pricing one base unit.
     * @param atomicResolution base quantum = 10^atomicResolution base units (BTC on dYdX: -10).
     * @param tickSize         the price grid, in price units (> 0).
     * @param stepSize         the size grid, in base quantums (> 0).
     * @param liquidityTier    margin fractions and caps.
     * @param makerFeePpm      fee on the maker's notional, may be negative (rebate), |maker| <= taker.
     * @param takerFeePpm      fee on the taker's notional, >= 0.
     * @param status           initial status.
     */
    public PerpetualMarket(
        final int id,
        final String ticker,
        final int oracleId,
        final int atomicResolution,
        final long tickSize,
        final long stepSize,
        final LiquidityTier liquidityTier,
        final long makerFeePpm,
        final long takerFeePpm,
        final MarketStatus status)
    {
        if (id < 0 || id > 65_535)
        {
            throw new IllegalArgumentException("market id must be in [0, 65535]");
        }
        if (ticker == null || ticker.isBlank())
        {
            throw new IllegalArgumentException("market ticker is required");
        }
        if (atomicResolution < -18 || atomicResolution > 0)
        {
            throw new IllegalArgumentException("atomic resolution must be in [-18, 0]");
        }
        if (liquidityTier != null && liquidityTier.maintenanceFractionPpm() == 0)
        {
            throw new IllegalArgumentException("a market's maintenance fraction must be positive");
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
        this.atomicResolution = atomicResolution;
        this.tickSize = tickSize;
        this.stepSize = stepSize;
        this.liquidityTier = java.util.Objects.requireNonNull(liquidityTier, "liquidityTier");
        this.baseMaintenanceMarginPpm = liquidityTier.baseMaintenanceMarginPpm();
        this.makerFeePpm = makerFeePpm;
        this.takerFeePpm = takerFeePpm;
        this.status = java.util.Objects.requireNonNull(status, "status");
    }

    public int id()
    {
        return id;
    }

    public String ticker()
    {
        return ticker;
    }

    public int oracleId()
    {
        return oracleId;
    }

    public int atomicResolution()
    {
        return atomicResolution;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public long stepSize()
    {
        return stepSize;
    }

    /**
     * The tier every margin path uses: the market's tier, with its initial margin fraction replaced by the margin
     * controller's while one is set ({@link #imfOverridePpm()}); the maintenance fraction applies to it.
     *
     * @return the tier in effect.
     */
    public LiquidityTier liquidityTier()
    {
        return effectiveTier == null ? liquidityTier : effectiveTier;
    }

    /**
     * The tier the market was given, without the margin controller's fraction.
     *
     * @return the tier.
     */
    public LiquidityTier staticLiquidityTier()
    {
        return liquidityTier;
    }

    /**
     * The initial margin fraction the margin controller set, or 0 when the tier's own applies.
     *
     * @return ppm.
     */
    public long imfOverridePpm()
    {
        return imfOverridePpm;
    }

    /**
     * Sets (or, with 0, clears) the margin controller's initial margin fraction.
     *
     * @param ppm in (0, 1,000,000], or 0.
     */
    public void imfOverridePpm(final long ppm)
    {
        if (ppm < 0 || ppm > 1_000_000)
        {
            throw new IllegalArgumentException("initial margin fraction out of range: " + ppm);
        }
        imfOverridePpm = ppm;
        effectiveTier = ppm == 0 ? null : LiquidityTier.of(liquidityTier.id(), liquidityTier.name(), ppm,
            liquidityTier.maintenanceFractionPpm(), liquidityTier.imfFactorPpm(), liquidityTier.openInterestLowerCap(),
            liquidityTier.openInterestUpperCap());
        baseMaintenanceMarginPpm = liquidityTier().baseMaintenanceMarginPpm();
    }

    /**
     * Replaces the liquidity tier (a governance change applied at its effective time).
     *
     * @param tier the new tier, with a positive maintenance fraction.
     */
    public void liquidityTier(final LiquidityTier tier)
    {
        if (tier == null || tier.maintenanceFractionPpm() == 0)
        {
            throw new IllegalArgumentException("a market's maintenance fraction must be positive");
        }
        this.liquidityTier = tier;
        // A margin controller's fraction, if any, stays in effect on the new tier.
        imfOverridePpm(imfOverridePpm);
    }

    /**
     * Replaces the fees (a governance change applied at its effective time).
     *
     * @param makerFee maker fee, ppm of notional, in [-taker, 100,000].
     * @param takerFee taker fee, ppm of notional, in [0, 100,000].
     */
    public void fees(final long makerFee, final long takerFee)
    {
        if (takerFee < 0 || takerFee > 100_000 || makerFee > 100_000 || makerFee < -takerFee)
        {
            throw new IllegalArgumentException("fees: taker in [0, 10%], maker in [-taker, 10%]");
        }
        this.makerFeePpm = makerFee;
        this.takerFeePpm = takerFee;
    }

    /**
     * The market's own liquidation terms, set by governance.
     *
     * @return the terms, or null while the market uses the defaults.
     */
    public LiquidationTerms liquidationTerms()
    {
        return liquidationTerms;
    }

    /**
     * Sets the market's own liquidation terms (a governance change applied at its effective time).
     *
     * @param terms valid terms.
     */
    public void liquidationTerms(final LiquidationTerms terms)
    {
        if (terms == null || !terms.valid())
        {
            throw new IllegalArgumentException("liquidation terms out of range");
        }
        this.liquidationTerms = terms;
    }

    /**
     * The maintenance margin fraction of a position: the tier's maintenance fraction of its size-adjusted initial
     * fraction, which without a size premium ({@code imfFactorPpm} 0) is the same for every size and computed once.
     *
     * @param notionalMagnitude |notional| in quote quantums.
     * @return ppm.
     */
    public long maintenanceMarginPpm(final long notionalMagnitude)
    {
        return liquidityTier.imfFactorPpm() == 0 ? baseMaintenanceMarginPpm :
            liquidityTier().maintenanceMarginPpmAtSize(notionalMagnitude);
    }

    public long makerFeePpm()
    {
        return makerFeePpm;
    }

    public long takerFeePpm()
    {
        return takerFeePpm;
    }

    public MarketStatus status()
    {
        return status;
    }

    public void status(final MarketStatus status)
    {
        this.status = status;
    }

    /**
     * Open interest: the sum of all long positions, in base quantums.
     *
     * @return base quantums.
     */
    public long openInterestBaseQuantums()
    {
        return openInterestBaseQuantums;
    }

    /**
     * Adjusts open interest by the change in the sum of long positions.
     *
     * @param deltaBaseQuantums change, may be negative.
     */
    public void adjustOpenInterest(final long deltaBaseQuantums)
    {
        openInterestBaseQuantums = Math.addExact(openInterestBaseQuantums, deltaBaseQuantums);
    }

    /**
     * The market's funding state: settings, cumulative index, samples and ledger.
     *
     * @return the funding state.
     */
    @Override
    public MarketFunding funding()
    {
        return funding;
    }

    /**
     * The insurance fund of this market's isolated subaccounts (dYdX v4 keeps one per isolated market).
     *
     * @return quote quantums.
     */
    public long isolatedInsuranceFund()
    {
        return isolatedInsuranceFund;
    }

    /**
     * Adds to (or, negative, pays out of) the isolated insurance fund.
     *
     * @param delta quote quantums.
     */
    public void addToIsolatedInsuranceFund(final long delta)
    {
        isolatedInsuranceFund = Math.addExact(isolatedInsuranceFund, delta);
    }

    /**
     * The time at which a market announced for delisting settles ({@code settleMarket}), or {@link #NOT_DELISTING}.
     *
     * @return epoch ms.
     */
    public long delistingTime()
    {
        return delistingTime;
    }

    /**
     * Whether the market was announced for delisting (it is then reduce-only until it settles, and halted after).
     *
     * @return true once announced.
     */
    public boolean isDelisting()
    {
        return delistingTime != NOT_DELISTING;
    }

    /**
     * Records a delisting announcement.
     *
     * @param settlementTime epoch ms, positive.
     */
    public void announceDelisting(final long settlementTime)
    {
        if (settlementTime <= 0)
        {
            throw new IllegalArgumentException("a settlement time must be positive");
        }
        delistingTime = settlementTime;
    }

    /**
     * The final settlement price: the oracle's 30-minute TWAP ending at the delisting time's last whole minute.
     *
     * @return price units, or {@link #NO_FINAL_PRICE} while not fixed.
     */
    public long finalSettlementPrice()
    {
        return finalSettlementPrice;
    }

    /**
     * Fixes the final settlement price.
     *
     * @param price positive price units.
     */
    public void finalSettlementPrice(final long price)
    {
        finalSettlementPrice = price;
    }

    /**
     * Whether every position was closed at the final settlement price; a settled market refuses trades.
     *
     * @return true once settled.
     */
    public boolean isSettled()
    {
        return settled;
    }

    /** Records the final settlement. */
    public void markSettled()
    {
        settled = true;
    }

    /**
     * The hard cap on open interest (the sum of long positions) that a trade may not take it above.
     *
     * @return base quantums, or {@link #NO_CAP}.
     */
    public long openInterestCap()
    {
        return openInterestCap;
    }

    /**
     * The largest absolute position one subaccount may grow to.
     *
     * @return base quantums, or {@link #NO_CAP}.
     */
    public long positionLimit()
    {
        return positionLimit;
    }

    /**
     * Sets the hard caps.
     *
     * @param openInterestCap base quantums, or {@link #NO_CAP}; not negative.
     * @param positionLimit   base quantums, or {@link #NO_CAP}; not negative.
     */
    public void hardCaps(final long openInterestCap, final long positionLimit)
    {
        if (openInterestCap < 0 || positionLimit < 0)
        {
            throw new IllegalArgumentException("caps are not negative");
        }
        this.openInterestCap = openInterestCap;
        this.positionLimit = positionLimit;
    }

    /**
     * Whether the market carries any delisting or hard-cap state (committed and snapshotted only then, so that a
     * market without it keeps its encoding).
     *
     * @return true when any of them differs from its default.
     */
    public boolean hasLifecycleState()
    {
        return delistingTime != NOT_DELISTING || finalSettlementPrice != NO_FINAL_PRICE || settled ||
            openInterestCap != NO_CAP || positionLimit != NO_CAP;
    }

    /**
     * Appends the delisting and hard-cap state to the global leaf (docs/protocol.md, "Delisting, treasury and hard
     * caps").
     *
     * @param encoding the leaf being written.
     */
    public void commitLifecycleTo(final LeafEncoding encoding)
    {
        encoding.putInt(id).putLong(delistingTime).putLong(finalSettlementPrice).putByte(settled ? 1 : 0)
            .putLong(openInterestCap).putLong(positionLimit);
    }

    /**
     * Appends this market's definition, open interest, isolated fund and funding state to the global leaf of the
     * state commitment (docs/commitment.md).
     *
     * @param encoding the leaf being written.
     */
    public void commitTo(final LeafEncoding encoding)
    {
        final LiquidityTier tier = staticLiquidityTier();
        encoding.putInt(id()).putString(ticker()).putInt(oracleId())
            .putByte(atomicResolution()).putLong(tickSize()).putLong(stepSize())
            .putInt(tier.id()).putLong(tier.initialMarginPpm()).putLong(tier.maintenanceFractionPpm())
            .putLong(tier.imfFactorPpm()).putLong(tier.openInterestLowerCap()).putLong(tier.openInterestUpperCap())
            .putLong(makerFeePpm()).putLong(takerFeePpm()).putByte(status().ordinal())
            .putLong(openInterestBaseQuantums()).putLong(isolatedInsuranceFund());
        funding().commitTo(encoding);
        if (liquidationTerms != null)
        {
            // Only once governance set them, so that the roots of markets on the defaults are unchanged.
            encoding.putByte(LIQUIDATION_TERMS_TAG).putLong(liquidationTerms.maxLiquidationFeePpm())
                .putLong(liquidationTerms.bankruptcyAdjustmentPpm())
                .putLong(liquidationTerms.spreadToMaintenanceMarginRatioPpm())
                .putLong(liquidationTerms.largePositionNotional()).putLong(liquidationTerms.partialFractionPpm())
                .putLong(liquidationTerms.cooldownMs()).putLong(liquidationTerms.backstopRatioPpm());
        }
    }
}
