package io.novation.core.liquidation;

import io.novation.core.account.Accounts;
import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;

import java.util.Arrays;

/**
 * Knows, without scanning every subaccount, exactly which subaccounts are below maintenance
 * ({@code MMR > 0 and NC_maintenance < MMR}, in quote quantums) at the current oracle index prices and funding
 * indices. Each subaccount's health {@code h = NC_maintenance − MMR} depends only on its own holdings, on the index
 * prices of the oracles that price them and on the cumulative funding indices of its markets; when it is checked, its
 * cushion ({@code h}, or {@code −h − 1} when below) is split into a band per value it depends on, proven exactly (see
 * {@link OracleExposure}) to keep its state while every value stays in its band, and the band edges are filed as
 * triggers in a book per value (an oracle price or a funding index). A move of a value visits only the triggers it
 * crosses. A trigger whose value went past its certain-flip threshold flips the subaccount without looking at it (the
 * threshold is proven to change the state whatever the other values do within their bands) and files the trigger
 * back; a trigger past a band edge in the subaccount's favour only disarms the certain thresholds; any other trigger
 * has the subaccount checked again. A subaccount that changes (trade, deposit, withdrawal, transfer, funding
 * settlement, liquidation) reaches the index through the change channel of {@link Accounts}, or through
 * {@link #touched}. The method and why it cannot miss a subaccount: {@code docs/protocol.md}, "Health index".
 * <p>
 * Health is judged at the index price ({@link OracleBook#price}), not at the stale band margin uses for trades and
 * withdrawals: liquidation must refuse a stale price anyway ({@link OracleBook#isStale}), so the index lists a
 * subaccount by its index-price health and the liquidation command checks staleness. Work is lazy: changes and moves
 * are collected, and {@link #refresh()} (run by every read) processes them. Iteration is in account creation order,
 * then subaccount number. The index keeps primitive arrays only and never iterates a hash map.
 */
public final class HealthIndex implements HealthIndexView
{
    /** The share of the cushion kept for funding moves: 1/64, split between the subaccount's markets. */
    private static final int FUNDING_SHIFT = 6;
    /**
     * With several oracles, how far each may move in the subaccount's favour, as a share of its binding cap: 1/4.
     * Small, so that the certain-flip thresholds of the others sit close to the true ones; crossing it only disarms
     * them.
     */
    private static final int FREE_SHIFT = 2;
    private static final long UNBOUNDED = PriceBands.UNBOUNDED;
    private static final long NONE = TriggerLadder.NONE;
    private static final long EXPOSURE_CAP = 1L << 54;
    private static final int COMPACTION_FLOOR = 1 << 16;

    private static final int META = 2;
    private static final int STATE = 0;
    private static final int FLAGS = 1;
    private static final int SCHEDULED = 1;
    private static final int WAS_LIQUIDATABLE = 2;
    private static final int DISARMED = 4;
    private static final int KEPT_FLAGS = SCHEDULED | DISARMED;
    private static final int PERIOD_SHIFT = 3;
    private static final int PERIOD_MASK = 0x1FFF_FFFF;
    /**
     * In place of a certain-flip threshold: beyond this edge the subaccount's state provably holds (the edge only
     * bounded how far this value may move in the subaccount's favour, for the other values' certain thresholds), so
     * crossing it disarms those thresholds instead of having the subaccount checked.
     */
    private static final long DISARM = Long.MAX_VALUE;
    private static final int VERSION_MASK = 0x7FFF_FFFF;

    private final Accounts accounts;
    private final Markets markets;
    private final OracleBook oracles;
    private final Sink sink = new Sink();

    /**
     * Per subaccount id, two ints (eight bytes: one random access reads both): version and state (bit 0: below
     * maintenance); flags (scheduled, its state when the current newly-liquidatable period began, certain flips
     * disarmed, and the period's number).
     */
    private int[] meta = new int[64 * META];
    private int capacity = 64;
    private TriggerBook[] priceBooks = new TriggerBook[4];
    private int priceBookCount;
    private TriggerBook[] fundingBooks = new TriggerBook[4];
    private int fundingBookCount;
    private int[] scheduled = new int[64];
    private int scheduledCount;
    private final java.util.BitSet optionHolder = new java.util.BitSet();
    private int[] optionHolders = new int[16];
    private int optionHolderCount;
    private final MarginCalculator exact;
    private final MarginFigures exactFigures = new MarginFigures();
    private int[] flipped = new int[64];
    private int flippedCount;
    private int period = 1;
    private int liquidatableCount;
    private long storedAfterCompaction;

    private int lastRechecks;
    private int lastTriggered;
    private int lastFlips;

    private OracleExposure[] exposures = new OracleExposure[4];
    private int exposureCount;
    private long[] lossCaps = new long[4];
    private long[] gainCaps = new long[4];
    private int[] fundingMarkets = new int[4];
    private long[] fundingSizes = new long[4];
    private long[] fundingSettled = new long[4];
    private long[] fundingAccrued = new long[4];
    private int fundingCount;

    private long[] liquidatableView = new long[64];
    private int liquidatableViewCount;
    private boolean liquidatableViewValid;
    private long[] newlyView = new long[64];
    private int newlyViewCount;
    private boolean newlyViewValid;

    /**
     * An index over the engine's state; every subaccount that exists already is checked at the first refresh.
     *
     * @param state the books (the engine's state) whose subaccounts, prices and funding indices it follows. The index is the one reader
     *              of the state's subaccount change channel.
     * @throws IllegalStateException when the state already has a health index (the engine's).
     */
    public HealthIndex(final RiskBooks state)
    {
        this.exact = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        state.accounts().claimChangedSubaccounts();
        this.accounts = state.accounts();
        this.markets = state.markets();
        this.oracles = state.oracles();
        touchAll();
    }

    /**
     * The subaccount changed (trade, deposit, withdrawal, transfer, liquidation, funding settlement): it is checked
     * again at the next refresh. Changes made through {@link Subaccount}'s methods reach the index by themselves.
     *
     * @param subaccount a subaccount of the state.
     */
    public void touched(final Subaccount subaccount)
    {
        ensureCapacity(subaccount.id() + 1);
        schedule(subaccount.id());
    }

    /**
     * Every subaccount is checked again at the next refresh (after a change of margin parameters that the index
     * cannot see, such as a market's liquidity tier or an asset's weights).
     */
    public void touchAll()
    {
        final int count = accounts.subaccountCount();
        ensureCapacity(count);
        for (int id = 0; id < count; id++)
        {
            schedule(id);
        }
        // Every entry is stale now: drop them all at once rather than meeting them one by one.
        for (int i = 0; i < priceBookCount; i++)
        {
            priceBooks[i].clear();
        }
        for (int i = 0; i < fundingBookCount; i++)
        {
            fundingBooks[i].clear();
        }
        storedAfterCompaction = 0;
    }

    /**
     * An oracle round changed an index price; the move is processed at the next refresh, which visits the triggers
     * between the price the oracle's book was last synced to and the current one. The refresh compares every book
     * with the current price whether or not a move was notified, so a move made elsewhere (or a forgotten
     * notification) cannot be missed: this call only marks where moves come from and costs nothing.
     *
     * @param oracleId      the oracle.
     * @param previousPrice the price before the round, price units ({@link OracleBook#NO_PRICE} for the first).
     * @param newPrice      the accepted price, price units.
     */
    public void priceMoved(final int oracleId, final long previousPrice, final long newPrice)
    {
        // Nothing to record: see above.
    }

    /**
     * A funding tick (or, later, a socialized loss) moved a market's cumulative funding index; the holders whose
     * funding band it leaves are checked at the next refresh. As for {@link #priceMoved}, the refresh compares every
     * funding book with the current index whether or not a move was notified.
     *
     * @param marketId the market.
     */
    public void fundingMoved(final int marketId)
    {
        // Nothing to record: see above.
    }

    /**
     * Processes every change and move since the last refresh; afterwards the index holds exactly the subaccounts below
     * maintenance at the current index prices and funding indices. Cheap when nothing changed.
     */
    public void refresh()
    {
        final int changed = accounts.changedSubaccountCount();
        if (changed > 0)
        {
            ensureCapacity(accounts.subaccountCount());
            for (int i = 0; i < changed; i++)
            {
                schedule(accounts.changedSubaccount(i).id());
            }
            accounts.clearChangedSubaccounts();
        }
        scheduleOptionHolders();
        ensureBooks();
        if (scheduledCount == 0 && !anyBookMoved())
        {
            return;
        }
        lastTriggered = 0;
        lastFlips = 0;
        for (int oracleId = 0; oracleId < priceBookCount; oracleId++)
        {
            final long price = oracles.price(oracleId);
            if (price != priceBooks[oracleId].synced())
            {
                priceBooks[oracleId].moveTo(price, sink);
            }
        }
        for (int marketId = 0; marketId < fundingBookCount; marketId++)
        {
            final long index = markets.perpetual(marketId).funding().cumulativeIndex();
            if (index != fundingBooks[marketId].synced())
            {
                fundingBooks[marketId].moveTo(index, sink);
            }
        }
        lastRechecks = scheduledCount;
        for (int i = 0; i < scheduledCount; i++)
        {
            final int id = scheduled[i];
            meta[id * META + FLAGS] &= ~SCHEDULED;
            check(id);
        }
        scheduledCount = 0;
        compactIfStale();
    }

    /**
     * Number of subaccounts below maintenance.
     *
     * @return count.
     */
    public int liquidatableCount()
    {
        refresh();
        return liquidatableCount;
    }

    /**
     * Whether a subaccount is below maintenance at the current index prices.
     *
     * @param subaccount a subaccount of the state.
     * @return true when liquidatable.
     */
    public boolean isLiquidatable(final Subaccount subaccount)
    {
        refresh();
        final int id = subaccount.id();
        return id < capacity && (meta[id * META + STATE] & 1) != 0;
    }

    /**
     * A subaccount below maintenance, in account creation order, then subaccount number.
     *
     * @param index from 0 to {@link #liquidatableCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount liquidatable(final int index)
    {
        refresh();
        buildLiquidatableView();
        return subaccountOf(liquidatableView[index]);
    }

    /**
     * Number of subaccounts that were not below maintenance when {@link #clearNewlyLiquidatable()} was last called (or
     * did not exist) and are now.
     *
     * @return count.
     */
    public int newlyLiquidatableCount()
    {
        refresh();
        buildNewlyView();
        return newlyViewCount;
    }

    /**
     * A subaccount that was not below maintenance at the last {@link #clearNewlyLiquidatable()} and is now, in account
     * creation order, then subaccount number.
     *
     * @param index from 0 to {@link #newlyLiquidatableCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount newlyLiquidatable(final int index)
    {
        refresh();
        buildNewlyView();
        return subaccountOf(newlyView[index]);
    }

    /**
     * Starts a new period for {@link #newlyLiquidatable}.
     */
    public void clearNewlyLiquidatable()
    {
        refresh();
        period = (period + 1) & PERIOD_MASK;
        if (period == 0)
        {
            // The period number wrapped: forget every recorded period so that none is mistaken for the new one.
            for (int id = 0; id < capacity; id++)
            {
                meta[id * META + FLAGS] &= KEPT_FLAGS;
            }
            period = 1;
        }
        flippedCount = 0;
        newlyViewValid = false;
    }

    /**
     * Subaccounts checked in full by the last refresh that had work to do (changed ones and those whose trigger did
     * not decide alone).
     *
     * @return count.
     */
    public int rechecksInLastRefresh()
    {
        return lastRechecks;
    }

    /**
     * Triggers visited by the last refresh that had work to do, live or stale.
     *
     * @return count.
     */
    public int triggersInLastRefresh()
    {
        return lastTriggered;
    }

    /**
     * Subaccounts whose state a trigger changed alone, without a full check, in the last refresh that had work to do.
     *
     * @return count.
     */
    public int flipsInLastRefresh()
    {
        return lastFlips;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Checking one subaccount

    private void check(final int id)
    {
        final Subaccount subaccount = accounts.subaccountById(id);
        try
        {
            index(id, subaccount);
        }
        catch (final ArithmeticException ex)
        {
            // A value does not fit 64 bits at the current prices (margin itself could not be computed): listed as
            // not liquidatable, and checked again at any move of anything it depends on.
            bumpVersion(id);
            setState(id, false);
            indexEveryMove(id, subaccount);
        }
    }

    private void index(final int id, final Subaccount subaccount)
    {
        if (holdsOptions(subaccount) || subaccount.isPortfolioMargin())
        {
            // An option's mark moves with its underlying's price, its volatility surface and time itself, and a
            // portfolio-margin requirement is the worst of a grid of scenarios around the price: no price band
            // bounds either, so option holders and portfolio-margin subaccounts are checked in full at every
            // refresh.
            if (!optionHolder.get(id))
            {
                optionHolder.set(id);
                if (optionHolderCount == optionHolders.length)
                {
                    optionHolders = Arrays.copyOf(optionHolders, optionHolderCount * 2);
                }
                optionHolders[optionHolderCount++] = id;
            }
            setState(id, exact.compute(subaccount, exactFigures) && exactFigures.isBelowMaintenance());
            return;
        }
        optionHolder.clear(id);
        exposureCount = 0;
        fundingCount = 0;
        final int positions = subaccount.positionCount();
        if (positions == 0)
        {
            setState(id, false);
            return;
        }
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            final long balance = subaccount.balance(assetId);
            if (balance != 0)
            {
                final Asset asset = markets.asset(assetId);
                exposure(asset.oracleId()).addCollateral(balance, asset.decimals(), asset.maintenanceWeightPpm());
            }
        }
        for (int i = 0; i < positions; i++)
        {
            final PerpetualMarket market = markets.perpetual(subaccount.positionMarket(i));
            final long size = subaccount.positionSize(i);
            exposure(market.oracleId()).addPosition(size, market.atomicResolution(), market.liquidityTier());
            addFunding(market.id(), size, subaccount.positionFundingIndex(i));
        }

        boolean missingPrice = false;
        for (int e = 0; e < exposureCount; e++)
        {
            missingPrice |= oracles.price(exposures[e].oracleId) == OracleBook.NO_PRICE;
        }
        if (missingPrice)
        {
            // Margin cannot be computed without every price: not liquidatable until the missing one arrives.
            setState(id, false);
            for (int e = 0; e < exposureCount; e++)
            {
                final int oracleId = exposures[e].oracleId;
                if (oracles.price(oracleId) == OracleBook.NO_PRICE)
                {
                    add(priceBooks[oracleId].upper, OracleBook.NO_PRICE, NONE, id);
                }
            }
            return;
        }

        long health = subaccount.balance(Asset.QUOTE_ASSET_ID);
        for (int e = 0; e < exposureCount; e++)
        {
            final OracleExposure exposure = exposures[e];
            exposure.evaluateReference(oracles.price(exposure.oracleId));
            health = Math.addExact(health, Math.addExact(exposure.up0, exposure.down0));
        }
        for (int f = 0; f < fundingCount; f++)
        {
            fundingAccrued[f] = markets.perpetual(fundingMarkets[f]).funding().accrued(fundingSizes[f],
                fundingSettled[f]);
            health = Math.addExact(health, fundingAccrued[f]);
        }
        final boolean liquidatable = health < 0;
        setState(id, liquidatable);
        final long cushion = liquidatable ? -(health + 1) : health;

        final long fundingCap = fundingCount == 0 ? 0 : (cushion >> FUNDING_SHIFT) / fundingCount;
        allocate(cushion - fundingCap * fundingCount, liquidatable);
        long otherSum = Math.multiplyExact(fundingCap, fundingCount);
        int unboundedOthers = 0;
        for (int e = 0; e < exposureCount; e++)
        {
            final long free = liquidatable ? lossCaps[e] : gainCaps[e];
            if (free == UNBOUNDED)
            {
                unboundedOthers++;
            }
            else
            {
                otherSum = Math.addExact(otherSum, free);
            }
        }

        for (int e = 0; e < exposureCount; e++)
        {
            final OracleExposure exposure = exposures[e];
            final long lossCap = lossCaps[e];
            final long gainCap = gainCaps[e];
            final long free = liquidatable ? lossCap : gainCap;
            final boolean othersBounded = unboundedOthers - (free == UNBOUNDED ? 1 : 0) == 0;
            final long others = free == UNBOUNDED ? otherSum : otherSum - free;
            final long lowerEdge = PriceBands.lowerEdge(exposure, lossCap, gainCap);
            final long upperEdge = PriceBands.upperEdge(exposure, lossCap, gainCap);
            long lowerCertain = NONE;
            long upperCertain = NONE;
            if (othersBounded)
            {
                if (!liquidatable)
                {
                    // Healthy: h + (the others' gains) is what a fall must exceed to make it liquidatable.
                    final long target = Math.addExact(health, others);
                    if (lowerEdge != NONE && !exposure.hasDown)
                    {
                        lowerCertain = PriceBands.certainFallBelow(exposure, target, lowerEdge);
                    }
                    if (upperEdge != NONE && !exposure.hasUp)
                    {
                        upperCertain = PriceBands.certainFallAbove(exposure, target, upperEdge);
                    }
                }
                else
                {
                    // Below: −h + (the others' losses) is what a rise must reach to make it healthy.
                    final long target = Math.addExact(cushion + 1, others);
                    if (upperEdge != NONE && !exposure.hasDown)
                    {
                        upperCertain = PriceBands.certainRiseAbove(exposure, target, upperEdge);
                    }
                    if (lowerEdge != NONE && !exposure.hasUp)
                    {
                        lowerCertain = PriceBands.certainRiseBelow(exposure, target, lowerEdge);
                    }
                }
            }
            if (exposureCount > 1)
            {
                // The free direction of each value: where it only moves in the state's favour, and beyond the edge the
                // state still holds whatever the value does (no shorts and no size premium going up, no longs going
                // down; below maintenance the mirror).
                if (!liquidatable)
                {
                    if (!exposure.hasDown && !exposure.sizePremium && lossCap >= exposure.longPositions)
                    {
                        upperCertain = DISARM;
                    }
                    if (!exposure.hasUp)
                    {
                        lowerCertain = DISARM;
                    }
                }
                else
                {
                    if (!exposure.hasDown && exposure.sigmaBelowReferenceBound() <= gainCap)
                    {
                        lowerCertain = DISARM;
                    }
                    if (!exposure.hasUp)
                    {
                        upperCertain = DISARM;
                    }
                }
            }
            final TriggerBook book = priceBooks[exposure.oracleId];
            if (lowerEdge != NONE)
            {
                add(book.lower, lowerEdge, lowerCertain, id);
            }
            if (upperEdge != NONE)
            {
                add(book.upper, upperEdge, upperCertain, id);
            }
        }

        for (int f = 0; f < fundingCount; f++)
        {
            final TriggerBook book = fundingBooks[fundingMarkets[f]];
            final long index = markets.perpetual(fundingMarkets[f]).funding().cumulativeIndex();
            final long lowerEdge = FundingBands.lowerEdge(fundingSizes[f], fundingSettled[f], index,
                fundingAccrued[f], fundingCap, fundingCap);
            final long upperEdge = FundingBands.upperEdge(fundingSizes[f], fundingSettled[f], index,
                fundingAccrued[f], fundingCap, fundingCap);
            // Accrued funding is monotone in the index: beyond the edge in the state's favour the state holds.
            final boolean longPosition = fundingSizes[f] > 0;
            if (lowerEdge != NONE)
            {
                add(book.lower, lowerEdge, longPosition != liquidatable ? DISARM : NONE, id);
            }
            if (upperEdge != NONE)
            {
                add(book.upper, upperEdge, longPosition == liquidatable ? DISARM : NONE, id);
            }
        }
    }

    /**
     * Splits the price share of the cushion between the oracles in proportion to their gross exposure, so that each
     * may move by about the same fraction of its price; that split binds the losses of a healthy subaccount (the
     * gains of one below). The other direction is free: unbounded when one oracle alone prices the subaccount, else a
     * quarter of the binding cap, so that the others' moves stay bounded for the certain-flip thresholds.
     */
    private void allocate(final long budget, final boolean liquidatable)
    {
        if (lossCaps.length < exposureCount)
        {
            lossCaps = new long[exposures.length];
            gainCaps = new long[exposures.length];
        }
        long total = 0;
        for (int e = 0; e < exposureCount; e++)
        {
            total += Math.min(exposures[e].gross0, EXPOSURE_CAP);
        }
        for (int e = 0; e < exposureCount; e++)
        {
            final long binding = total == 0 ? budget / exposureCount :
                FixedPoint.mulDiv(budget, Math.min(exposures[e].gross0, EXPOSURE_CAP), total, Rounding.DOWN);
            final long free = exposureCount == 1 ? UNBOUNDED : binding >> FREE_SHIFT;
            lossCaps[e] = liquidatable ? free : binding;
            gainCaps[e] = liquidatable ? binding : free;
        }
    }

    private static boolean holdsOptions(final Subaccount subaccount)
    {
        // Positions are kept in id order and option series ids come after every perpetual's.
        final int count = subaccount.positionCount();
        return count > 0 && Markets.isOptionId(subaccount.positionMarket(count - 1));
    }

    private void scheduleOptionHolders()
    {
        int kept = 0;
        for (int i = 0; i < optionHolderCount; i++)
        {
            final int id = optionHolders[i];
            if (optionHolder.get(id))
            {
                optionHolders[kept++] = id;
                schedule(id);
            }
        }
        optionHolderCount = kept;
    }

    private void indexEveryMove(final int id, final Subaccount subaccount)
    {
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0)
            {
                addBothWays(priceBooks[markets.asset(assetId).oracleId()], id);
            }
        }
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            if (Markets.isOptionId(subaccount.positionMarket(i)))
            {
                continue;
            }
            final PerpetualMarket market = markets.perpetual(subaccount.positionMarket(i));
            addBothWays(priceBooks[market.oracleId()], id);
            addBothWays(fundingBooks[market.id()], id);
        }
    }

    private void addBothWays(final TriggerBook book, final int id)
    {
        add(book.lower, book.synced(), NONE, id);
        add(book.upper, book.synced(), NONE, id);
    }

    private OracleExposure exposure(final int oracleId)
    {
        for (int e = 0; e < exposureCount; e++)
        {
            if (exposures[e].oracleId == oracleId)
            {
                return exposures[e];
            }
        }
        if (exposureCount == exposures.length)
        {
            exposures = Arrays.copyOf(exposures, exposureCount * 2);
        }
        OracleExposure exposure = exposures[exposureCount];
        if (exposure == null)
        {
            exposure = new OracleExposure();
            exposures[exposureCount] = exposure;
        }
        exposureCount++;
        exposure.reset(oracleId, oracles.priceExponent(oracleId));
        return exposure;
    }

    private void addFunding(final int marketId, final long size, final long settled)
    {
        if (fundingCount == fundingMarkets.length)
        {
            final int length = fundingCount * 2;
            fundingMarkets = Arrays.copyOf(fundingMarkets, length);
            fundingSizes = Arrays.copyOf(fundingSizes, length);
            fundingSettled = Arrays.copyOf(fundingSettled, length);
            fundingAccrued = Arrays.copyOf(fundingAccrued, length);
        }
        fundingMarkets[fundingCount] = marketId;
        fundingSizes[fundingCount] = size;
        fundingSettled[fundingCount] = settled;
        fundingCount++;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Per-subaccount bookkeeping

    private void add(final TriggerLadder ladder, final long threshold, final long certain, final int id)
    {
        ladder.add(threshold, certain, packed(id));
    }

    private long packed(final int id)
    {
        return ((long)id << 32) | (meta[id * META + STATE] & 0xFFFF_FFFFL);
    }

    private boolean isLive(final long packed)
    {
        final int id = (int)(packed >>> 32);
        return (meta[id * META + STATE] >>> 1) == ((int)packed >>> 1);
    }

    private void schedule(final int id)
    {
        final int base = id * META;
        if ((meta[base + FLAGS] & SCHEDULED) != 0)
        {
            return;
        }
        meta[base + FLAGS] |= SCHEDULED;
        if (scheduledCount == scheduled.length)
        {
            scheduled = Arrays.copyOf(scheduled, scheduledCount * 2);
        }
        scheduled[scheduledCount++] = id;
        bumpVersion(id);
    }

    private void bumpVersion(final int id)
    {
        final int base = id * META;
        final int state = meta[base + STATE];
        final int version = ((state >>> 1) + 1) & VERSION_MASK;
        meta[base + STATE] = (version << 1) | (state & 1);
        meta[base + FLAGS] &= ~DISARMED;
    }

    private void setState(final int id, final boolean liquidatable)
    {
        final int base = id * META;
        if (((meta[base + STATE] & 1) != 0) != liquidatable)
        {
            flip(id);
        }
    }

    private void flip(final int id)
    {
        final int base = id * META;
        final int flags = meta[base + FLAGS];
        final boolean wasLiquidatable = (meta[base + STATE] & 1) != 0;
        if ((flags >>> PERIOD_SHIFT) != period)
        {
            // First flip in this period: remember the state it started the period in.
            meta[base + FLAGS] = (flags & KEPT_FLAGS) | (wasLiquidatable ? WAS_LIQUIDATABLE : 0) |
                (period << PERIOD_SHIFT);
            if (flippedCount == flipped.length)
            {
                flipped = Arrays.copyOf(flipped, flippedCount * 2);
            }
            flipped[flippedCount++] = id;
        }
        meta[base + STATE] ^= 1;
        liquidatableCount += wasLiquidatable ? -1 : 1;
        liquidatableViewValid = false;
        newlyViewValid = false;
    }

    private void ensureCapacity(final int count)
    {
        if (count > capacity)
        {
            int grown = capacity;
            while (grown < count)
            {
                grown *= 2;
            }
            meta = Arrays.copyOf(meta, grown * META);
            capacity = grown;
        }
    }

    private void ensureBooks()
    {
        final int oracleCount = oracles.count();
        if (oracleCount > priceBookCount)
        {
            if (oracleCount > priceBooks.length)
            {
                priceBooks = Arrays.copyOf(priceBooks, Math.max(oracleCount, priceBooks.length * 2));
            }
            for (int i = priceBookCount; i < oracleCount; i++)
            {
                priceBooks[i] = new TriggerBook();
            }
            priceBookCount = oracleCount;
        }
        final int marketCount = markets.perpetualCount();
        if (marketCount > fundingBookCount)
        {
            if (marketCount > fundingBooks.length)
            {
                fundingBooks = Arrays.copyOf(fundingBooks, Math.max(marketCount, fundingBooks.length * 2));
            }
            for (int i = fundingBookCount; i < marketCount; i++)
            {
                fundingBooks[i] = new TriggerBook();
            }
            fundingBookCount = marketCount;
        }
    }

    private boolean anyBookMoved()
    {
        for (int oracleId = 0; oracleId < priceBookCount; oracleId++)
        {
            if (oracles.price(oracleId) != priceBooks[oracleId].synced())
            {
                return true;
            }
        }
        for (int marketId = 0; marketId < fundingBookCount; marketId++)
        {
            if (markets.perpetual(marketId).funding().cumulativeIndex() != fundingBooks[marketId].synced())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Stale entries are dropped when met; the rest are swept once the books have doubled since the last sweep, which
     * keeps the work per stale entry constant.
     */
    private void compactIfStale()
    {
        long stored = 0;
        for (int i = 0; i < priceBookCount; i++)
        {
            stored += priceBooks[i].entries();
        }
        for (int i = 0; i < fundingBookCount; i++)
        {
            stored += fundingBooks[i].entries();
        }
        if (stored > 2 * storedAfterCompaction + COMPACTION_FLOOR)
        {
            for (int i = 0; i < priceBookCount; i++)
            {
                stored -= priceBooks[i].compact(sink);
            }
            for (int i = 0; i < fundingBookCount; i++)
            {
                stored -= fundingBooks[i].compact(sink);
            }
            storedAfterCompaction = stored;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading in a deterministic order

    private void buildLiquidatableView()
    {
        if (liquidatableViewValid)
        {
            return;
        }
        if (liquidatableView.length < liquidatableCount)
        {
            liquidatableView = new long[Math.max(liquidatableCount, liquidatableView.length * 2)];
        }
        int count = 0;
        final int subaccounts = Math.min(capacity, accounts.subaccountCount());
        for (int id = 0; id < subaccounts; id++)
        {
            if ((meta[id * META + STATE] & 1) != 0)
            {
                liquidatableView[count++] = orderKey(id);
            }
        }
        Arrays.sort(liquidatableView, 0, count);
        liquidatableViewCount = count;
        liquidatableViewValid = true;
    }

    private void buildNewlyView()
    {
        if (newlyViewValid)
        {
            return;
        }
        if (newlyView.length < flippedCount)
        {
            newlyView = new long[Math.max(flippedCount, newlyView.length * 2)];
        }
        int count = 0;
        for (int i = 0; i < flippedCount; i++)
        {
            final int id = flipped[i];
            final int base = id * META;
            if ((meta[base + STATE] & 1) != 0 && (meta[base + FLAGS] & WAS_LIQUIDATABLE) == 0)
            {
                newlyView[count++] = orderKey(id);
            }
        }
        Arrays.sort(newlyView, 0, count);
        newlyViewCount = count;
        newlyViewValid = true;
    }

    private long orderKey(final int id)
    {
        final Subaccount subaccount = accounts.subaccountById(id);
        return ((long)subaccount.account().index() << 8) | subaccount.number();
    }

    private Subaccount subaccountOf(final long key)
    {
        return accounts.at((int)(key >>> 8)).subaccount((int)(key & 0xFF));
    }

    /**
     * Receives triggered entries: a stale one is dropped; a live one whose certain-flip threshold was crossed and that
     * was made for the subaccount's current state flips the subaccount and files the reverse trigger (crossing back
     * over the certain threshold, certain again past the old band edge); any other has the subaccount checked in full.
     * <p>
     * Why a flip is right even when several values moved since the last refresh: the entries of a subaccount encode
     * the claims of its last check, each valid while the other values stay in their bands. In the state of that check
     * every band edge has an entry; after a flip through value d, only d's reverse entry has the new state, and the
     * edges of the other values keep theirs. An entry of the current state therefore flips only when every other
     * value whose band it relies on is either in that band or has its own edge entry drained in the same refresh;
     * such an entry, of the other state by then, has the subaccount checked in full.
     */
    private final class Sink implements TriggerSink
    {
        @Override
        public void triggered(final TriggerBook book, final boolean lower, final long value, final long threshold,
            final long certain, final long packed)
        {
            lastTriggered++;
            final int id = (int)(packed >>> 32);
            final int state = meta[id * META + STATE];
            if ((state >>> 1) != ((int)packed >>> 1))
            {
                return;
            }
            final boolean stateMatches = ((int)packed & 1) == (state & 1);
            if (certain == DISARM && stateMatches)
            {
                meta[id * META + FLAGS] |= DISARMED;
                return;
            }
            final boolean certainFlip = certain != NONE && certain != DISARM &&
                (lower ? value <= certain : value >= certain);
            if (!certainFlip || !stateMatches || (meta[id * META + FLAGS] & DISARMED) != 0)
            {
                schedule(id);
                return;
            }
            flip(id);
            lastFlips++;
            add(lower ? book.upper : book.lower, certain, threshold, id);
        }

        @Override
        public boolean isLive(final long packed)
        {
            return HealthIndex.this.isLive(packed);
        }

        @Override
        public void dropped()
        {
        }
    }
}
