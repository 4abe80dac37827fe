package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.funding.FundingMath;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.margin.strategy.StrategyMargin;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.surface.VolSurfaceBook;

/**
 * Computes a subaccount's margin figures at the oracle prices (docs/protocol.md §2; on a stale oracle, at the worst
 * edge of its stale band for each holding, see {@link OracleBook#marginPrice}): net collateral is the weighted value of
 * its collateral plus the notional of its positions and their accrued, unsettled funding (credits rounded down),
 * and each position requires |notional|·IMF for initial and |notional|·IMF'·MF for maintenance margin (requirements rounded up), where the IMF
 * follows the liquidity tier's open-interest caps and size premium, and IMF' is the size-adjusted fraction alone: as
 * in dYdX v4, rising open interest raises the bar to open positions, never the bar that triggers liquidation. The figures can be taken for a hypothetical
 * state (one position resized, one balance changed) without touching the subaccount, and without allocating.
 * Option positions (ids from {@link OptionSeries#FIRST_ID}) follow {@link OptionMargin}: longs count at their mark in
 * maintenance net collateral only, shorts at minus their liability in both, with Derive's standard requirements.
 * A subaccount in portfolio margin counts every position at its value in both and takes its requirements from
 * {@link PortfolioMargin} (Derive PM2 scenarios per underlying) instead.
 */
public final class MarginCalculator
{
    /** No override of any market. */
    public static final int NO_MARKET = -1;

    private final Markets markets;
    private final OracleBook oracles;
    private final OptionMargin options;
    private final PortfolioMargin portfolio;
    private final PositionMargin position = new PositionMargin();
    private final OptionPositionMargin option = new OptionPositionMargin();
    private final StrategyMargin strategies = new StrategyMargin();

    /**
     * A calculator over registries without volatility surfaces (option positions cannot be priced).
     *
     * @param markets assets and perpetuals.
     * @param oracles prices.
     */
    public MarginCalculator(final Markets markets, final OracleBook oracles)
    {
        this(markets, oracles, new VolSurfaceBook());
    }

    /**
     * A calculator over the engine's registries.
     *
     * @param markets  assets, perpetuals and option series.
     * @param oracles  prices.
     * @param surfaces volatility surfaces, for option marks.
     */
    public MarginCalculator(final Markets markets, final OracleBook oracles, final VolSurfaceBook surfaces)
    {
        this.markets = markets;
        this.oracles = oracles;
        this.options = new OptionMargin(oracles, surfaces);
        this.portfolio = new PortfolioMargin(markets, oracles, surfaces);
    }

    /**
     * The option margin rules this calculator applies.
     *
     * @return the option margin.
     */
    public OptionMargin options()
    {
        return options;
    }

    /**
     * Margin figures of the subaccount as it is.
     *
     * @param subaccount the subaccount.
     * @param out        receives the figures.
     * @return true, or false when a price needed is missing.
     */
    public boolean compute(final Subaccount subaccount, final MarginFigures out)
    {
        return compute(subaccount, NO_MARKET, 0, 0, -1, 0, false, out);
    }

    /**
     * Margin figures of the subaccount with one position set to a new size and one balance changed.
     *
     * @param subaccount            the subaccount.
     * @param overrideMarket        market whose position is replaced, or {@link #NO_MARKET}.
     * @param overrideSize          the replacing signed size in base quantums.
     * @param openInterestDelta     change of the override market's open interest, in base quantums.
     * @param deltaAsset            asset whose balance changes, or -1.
     * @param deltaAmount           the change in the asset's quantums.
     * @param quoteCollateralOnly   count only the quote balance as collateral (for checks that the quote leg of
     *                              positions is backed by positions, not by other assets).
     * @param out                   receives the figures.
     * @return true, or false when a price needed is missing.
     */
    public boolean compute(
        final Subaccount subaccount,
        final int overrideMarket,
        final long overrideSize,
        final long openInterestDelta,
        final int deltaAsset,
        final long deltaAmount,
        final boolean quoteCollateralOnly,
        final MarginFigures out)
    {
        return compute(subaccount, overrideMarket, overrideSize, openInterestDelta, deltaAsset, deltaAmount,
            quoteCollateralOnly, false, out);
    }

    /**
     * The figures of {@link #compute(Subaccount, int, long, long, int, long, boolean, MarginFigures)} needed to tell
     * whether the subaccount meets initial margin: net collateral for initial margin, the initial requirement, the
     * absolute notional and the accrued funding are exact, but the maintenance figures of a subaccount holding only
     * perpetuals in standard margin are left out ({@link MarginFigures#hasMaintenance()} is then false). A fill that
     * leaves a party above initial margin needs nothing more; one that does not must compute the full figures for
     * the reduced-risk test.
     *
     * @param subaccount        the subaccount.
     * @param overrideMarket    market whose position is replaced, or {@link #NO_MARKET}.
     * @param overrideSize      the replacing signed size in base quantums.
     * @param openInterestDelta change of the override market's open interest, in base quantums.
     * @param deltaAsset        asset whose balance changes, or -1.
     * @param deltaAmount       the change in the asset's quantums.
     * @param out               receives the figures.
     * @return true, or false when a price needed is missing.
     */
    public boolean computeInitial(
        final Subaccount subaccount,
        final int overrideMarket,
        final long overrideSize,
        final long openInterestDelta,
        final int deltaAsset,
        final long deltaAmount,
        final MarginFigures out)
    {
        return compute(subaccount, overrideMarket, overrideSize, openInterestDelta, deltaAsset, deltaAmount, false,
            true, out);
    }

    /**
     * {@link #computeInitial(Subaccount, int, long, long, int, long, MarginFigures)} read from the subaccount's hot
     * row (see {@link Subaccount#rowStore()}) without the subaccount object, for a standard-margin row of
     * perpetuals and an override in a perpetual: the loop a fill runs for each party. Any other row (portfolio
     * margin, an option position or override) is computed from the subaccount as before.
     *
     * @param row               the row's array.
     * @param base              the row's first word.
     * @param subaccount        the subaccount whose row it is, read only for a row this loop does not cover.
     * @param overrideMarket    market whose position is replaced, or {@link #NO_MARKET}.
     * @param overrideSize      the replacing signed size in base quantums.
     * @param openInterestDelta change of the override market's open interest, in base quantums.
     * @param deltaAsset        asset whose balance changes, or -1.
     * @param deltaAmount       the change in the asset's quantums.
     * @param out               receives the figures ({@link MarginFigures#hasMaintenance()} false).
     * @return true, or false when a price needed is missing.
     */
    public boolean computeInitial(
        final long[] row,
        final int base,
        final Subaccount subaccount,
        final int overrideMarket,
        final long overrideSize,
        final long openInterestDelta,
        final int deltaAsset,
        final long deltaAmount,
        final MarginFigures out)
    {
        final int count = Subaccount.rowPositionCount(row, base);
        if (Subaccount.rowIsPortfolioMargin(row, base) || overrideMarket >= OptionSeries.FIRST_ID ||
            count > 0 && row[Subaccount.rowPosition(row, base, count - 1)] >= OptionSeries.FIRST_ID)
        {
            return computeInitial(subaccount, overrideMarket, overrideSize, openInterestDelta, deltaAsset, deltaAmount,
                out);
        }
        long collateralInitial = 0;
        long collateralMaintenance = 0;
        final int balanceSlots = Subaccount.rowBalanceSlots(row, base);
        final int slots = Math.max(balanceSlots, deltaAsset + 1);
        for (int assetId = 0; assetId < slots; assetId++)
        {
            long balance = Subaccount.rowBalance(row, base, assetId);
            if (assetId == deltaAsset)
            {
                balance = Math.addExact(balance, deltaAmount);
            }
            if (balance == 0)
            {
                continue;
            }
            final Asset asset = markets.asset(assetId);
            if (asset.isQuote())
            {
                collateralInitial = Math.addExact(collateralInitial, balance);
                collateralMaintenance = Math.addExact(collateralMaintenance, balance);
                continue;
            }
            final long price = oracles.marginPrice(asset.oracleId(), balance);
            if (price == OracleBook.NO_PRICE)
            {
                return false;
            }
            final long value = PerpetualMath.notionalQuoteQuantums(
                balance, price, oracles.priceExponent(asset.oracleId()), -asset.decimals(), Rounding.DOWN);
            collateralInitial = Math.addExact(
                collateralInitial, FixedPoint.mulPpm(value, asset.initialWeightPpm(), Rounding.DOWN));
            collateralMaintenance = Math.addExact(
                collateralMaintenance, FixedPoint.mulPpm(value, asset.maintenanceWeightPpm(), Rounding.DOWN));
        }

        long positionValue = 0;
        long accruedFunding = 0;
        boolean fundingSettled = true;
        long initialRequirement = 0;
        long absoluteNotional = 0;
        boolean holdsPositions = false;
        boolean overrideSeen = false;
        final PositionMargin position = this.position;
        for (int i = 0, at = Subaccount.rowPosition(row, base, 0); i <= count; i++, at += 4)
        {
            final int marketId;
            final PerpetualMarket market;
            long size;
            long openInterestChange = 0;
            if (i < count)
            {
                marketId = (int)row[at];
                size = row[at + 1];
                market = markets.perpetual(marketId);
                // Funding accrued and not yet settled belongs to the subaccount whatever the position becomes.
                if (size != 0)
                {
                    final long index = market.funding().indexFor(size);
                    final long settledAt = row[at + 3];
                    if (index != settledAt)
                    {
                        fundingSettled = false;
                        accruedFunding = Math.addExact(accruedFunding,
                            FundingMath.settlementQuoteQuantums(settledAt, index, size));
                    }
                }
                if (marketId == overrideMarket)
                {
                    size = overrideSize;
                    openInterestChange = openInterestDelta;
                    overrideSeen = true;
                }
            }
            else if (overrideMarket != NO_MARKET && !overrideSeen)
            {
                marketId = overrideMarket;
                market = markets.perpetual(marketId);
                size = overrideSize;
                openInterestChange = openInterestDelta;
            }
            else
            {
                break;
            }
            if (size == 0)
            {
                continue;
            }
            holdsPositions = true;
            if (!position(market, size, openInterestChange, false, position))
            {
                return false;
            }
            positionValue = Math.addExact(positionValue, position.value);
            absoluteNotional = Math.addExact(absoluteNotional, position.magnitude);
            initialRequirement = Math.addExact(initialRequirement, position.initialRequirement);
        }
        positionValue = Math.addExact(positionValue, accruedFunding);
        out.netCollateralInitial = Math.addExact(collateralInitial, positionValue);
        out.netCollateralMaintenance = Math.addExact(collateralMaintenance, positionValue);
        out.initialMarginRequirement = initialRequirement;
        out.maintenanceMarginRequirement = 0;
        out.absoluteNotional = absoluteNotional;
        out.holdsPositions = holdsPositions;
        out.accruedFunding = accruedFunding;
        out.fundingSettled = fundingSettled;
        out.hasMaintenance = false;
        return true;
    }

    private boolean compute(
        final Subaccount subaccount,
        final int overrideMarket,
        final long overrideSize,
        final long openInterestDelta,
        final int deltaAsset,
        final long deltaAmount,
        final boolean quoteCollateralOnly,
        final boolean initialOnly,
        final MarginFigures out)
    {
        long collateralInitial = 0;
        long collateralMaintenance = 0;
        final int slots = Math.max(subaccount.balanceSlots(), deltaAsset + 1);
        for (int assetId = 0; assetId < slots; assetId++)
        {
            long balance = subaccount.balance(assetId);
            if (assetId == deltaAsset)
            {
                balance = Math.addExact(balance, deltaAmount);
            }
            if (balance == 0)
            {
                continue;
            }
            final Asset asset = markets.asset(assetId);
            if (asset.isQuote())
            {
                collateralInitial = Math.addExact(collateralInitial, balance);
                collateralMaintenance = Math.addExact(collateralMaintenance, balance);
                continue;
            }
            if (quoteCollateralOnly)
            {
                continue;
            }
            final long price = oracles.marginPrice(asset.oracleId(), balance);
            if (price == OracleBook.NO_PRICE)
            {
                return false;
            }
            final long value = PerpetualMath.notionalQuoteQuantums(
                balance, price, oracles.priceExponent(asset.oracleId()), -asset.decimals(), Rounding.DOWN);
            collateralInitial = Math.addExact(
                collateralInitial, FixedPoint.mulPpm(value, asset.initialWeightPpm(), Rounding.DOWN));
            collateralMaintenance = Math.addExact(
                collateralMaintenance, FixedPoint.mulPpm(value, asset.maintenanceWeightPpm(), Rounding.DOWN));
        }

        long positionValue = 0;
        long accruedFunding = 0;
        boolean fundingSettled = true;
        long longOptionValue = 0;
        long initialRequirement = 0;
        long maintenanceRequirement = 0;
        long absoluteNotional = 0;
        boolean holdsPositions = false;
        boolean overrideSeen = false;
        final boolean portfolioMode = subaccount.isPortfolioMargin();
        if (portfolioMode)
        {
            portfolio.reset();
        }
        else
        {
            strategies.reset();
        }
        final int count = subaccount.positionCount();
        // Positions are sorted by id, options last: only a subaccount holding options has anything to pair.
        final boolean pairs = !portfolioMode && (overrideMarket >= OptionSeries.FIRST_ID ||
            (count > 0 && subaccount.positionMarket(count - 1) >= OptionSeries.FIRST_ID));
        // Options, strategy pairs and portfolio margin produce both requirements together: only a standard-margin
        // book of perpetuals leaves out its maintenance requirements.
        final boolean withMaintenance = !initialOnly || pairs || portfolioMode;
        for (int i = 0; i <= count; i++)
        {
            final int marketId;
            long size;
            long openInterestChange = 0;
            if (i < count)
            {
                marketId = subaccount.positionMarket(i);
                size = subaccount.positionSize(i);
                // Funding accrued and not yet settled belongs to the subaccount whatever the position becomes.
                {
                    final MarketFunding funding = marketId < OptionSeries.FIRST_ID ?
                        markets.perpetual(marketId).funding() : markets.option(marketId).funding();
                    final long settledAt = subaccount.positionFundingIndex(i);
                    if (size != 0 && funding.indexFor(size) != settledAt)
                    {
                        fundingSettled = false;
                        accruedFunding = Math.addExact(accruedFunding, funding.accrued(size, settledAt));
                    }
                }
                if (marketId == overrideMarket)
                {
                    size = overrideSize;
                    openInterestChange = openInterestDelta;
                    overrideSeen = true;
                }
            }
            else if (overrideMarket != NO_MARKET && !overrideSeen)
            {
                marketId = overrideMarket;
                size = overrideSize;
                openInterestChange = openInterestDelta;
            }
            else
            {
                break;
            }
            if (size == 0)
            {
                continue;
            }
            holdsPositions = true;
            if (portfolioMode)
            {
                portfolio.add(marketId, size);
            }
            if (marketId >= OptionSeries.FIRST_ID)
            {
                if (!options.position(markets.option(marketId), size, option))
                {
                    return false;
                }
                if (portfolioMode)
                {
                    // Portfolio margin counts every option at its value; the scenarios give the requirement.
                    positionValue = Math.addExact(positionValue, option.value);
                    absoluteNotional = Math.addExact(absoluteNotional, option.magnitude);
                    continue;
                }
                final OptionSeries series = markets.option(marketId);
                // An expired series is worth its fixed payoff and no longer moves with the price: it pairs with
                // nothing (no spread, calendar or protection) and keeps its naked figures until it is settled.
                if (series.expiry() > oracles.time())
                {
                    strategies.add(marketId, series.oracleId(), series.atomicResolution(),
                        oracles.priceExponent(series.oracleId()), series.expiry(), series.isCall(), series.strike(),
                        size, option.value, option.initialRequirement, option.maintenanceRequirement);
                }
                positionValue = Math.addExact(positionValue, option.initialValue);
                longOptionValue = Math.addExact(longOptionValue, option.value - option.initialValue);
                absoluteNotional = Math.addExact(absoluteNotional, option.magnitude);
                initialRequirement = Math.addExact(initialRequirement, option.initialRequirement);
                maintenanceRequirement = Math.addExact(maintenanceRequirement, option.maintenanceRequirement);
                continue;
            }
            if (!position(markets.perpetual(marketId), size, openInterestChange, withMaintenance, this.position))
            {
                return false;
            }
            positionValue = Math.addExact(positionValue, position.value);
            absoluteNotional = Math.addExact(absoluteNotional, position.magnitude);
            if (pairs)
            {
                final PerpetualMarket perpetual = markets.perpetual(marketId);
                strategies.addPerpetual(perpetual.oracleId(), perpetual.atomicResolution(),
                    oracles.priceExponent(perpetual.oracleId()), size, oracles.marginPrice(perpetual.oracleId(), size),
                    position.initialRequirement, position.maintenanceRequirement);
            }
            if (!portfolioMode)
            {
                initialRequirement = Math.addExact(initialRequirement, position.initialRequirement);
                if (withMaintenance)
                {
                    maintenanceRequirement = Math.addExact(maintenanceRequirement, position.maintenanceRequirement);
                }
            }
        }
        if (portfolioMode)
        {
            if (!portfolio.compute())
            {
                return false;
            }
            initialRequirement = portfolio.initialRequirement();
            maintenanceRequirement = portfolio.maintenanceRequirement();
        }
        else if (strategies.compute())
        {
            // Defined-risk option combinations at their maximum loss (docs/protocol.md, "Strategy margin"): the
            // requirements fall and the longs' value offsets the paired shorts' liabilities in initial collateral.
            initialRequirement = Math.subtractExact(initialRequirement, strategies.initialSaving());
            maintenanceRequirement = Math.subtractExact(maintenanceRequirement, strategies.maintenanceSaving());
            positionValue = Math.addExact(positionValue, strategies.initialCredit());
            longOptionValue = Math.subtractExact(longOptionValue, strategies.initialCredit());
        }

        positionValue = Math.addExact(positionValue, accruedFunding);
        out.netCollateralInitial = Math.addExact(collateralInitial, positionValue);
        out.netCollateralMaintenance = Math.addExact(Math.addExact(collateralMaintenance, positionValue),
            longOptionValue);
        out.initialMarginRequirement = initialRequirement;
        out.maintenanceMarginRequirement = maintenanceRequirement;
        out.absoluteNotional = absoluteNotional;
        out.holdsPositions = holdsPositions;
        out.accruedFunding = accruedFunding;
        out.fundingSettled = fundingSettled;
        out.hasMaintenance = withMaintenance;
        return true;
    }

    /**
     * The margin figures of one position at the oracle price: its value (notional rounded down, as credited to net
     * collateral), its magnitude (|notional| rounded away from zero, which requirements are taken from, so that no
     * position is too small to require margin), and its initial and maintenance requirements.
     *
     * @param market            the market.
     * @param size              signed base quantums, not zero.
     * @param openInterestDelta change of the market's open interest to assume, in base quantums.
     * @param out               receives the figures.
     * @return true, or false when the market has no price.
     */
    public boolean position(final PerpetualMarket market, final long size, final long openInterestDelta,
        final PositionMargin out)
    {
        return position(market, size, openInterestDelta, true, out);
    }

    private boolean position(final PerpetualMarket market, final long size, final long openInterestDelta,
        final boolean withMaintenance, final PositionMargin out)
    {
        final OracleFeed feed = oracles.feed(market.oracleId());
        final long price = feed.price();
        if (price == OracleBook.NO_PRICE)
        {
            return false;
        }
        final int priceExponent = feed.priceExponent();
        final long marginPrice = feed.marginPrice(oracles.time(), size);
        final long value = PerpetualMath.notionalQuoteQuantums(
            size, marginPrice, priceExponent, market.atomicResolution(), Rounding.DOWN);
        final long magnitude = size < 0 ? Math.absExact(value) : PerpetualMath.notionalQuoteQuantumsCeiling(
            size, marginPrice, priceExponent, market.atomicResolution(), value);
        final LiquidityTier tier = market.liquidityTier();
        final long openInterestNotional = tier.openInterestUpperCap() == 0 ? 0 : PerpetualMath.notionalQuoteQuantums(
            Math.addExact(market.openInterestBaseQuantums(), openInterestDelta), price, priceExponent,
            market.atomicResolution(), Rounding.DOWN);
        final long imf = tier.initialMarginPpm(openInterestNotional, magnitude);
        out.value = value;
        out.magnitude = magnitude;
        out.initialRequirement = PerpetualMath.initialMarginRequirement(magnitude, imf);
        if (withMaintenance)
        {
            final long mmf = market.maintenanceMarginPpm(magnitude);
            out.maintenanceRequirement = PerpetualMath.maintenanceMarginRequirement(magnitude, mmf);
            out.maintenanceFractionPpm = mmf;
        }
        return true;
    }
}
