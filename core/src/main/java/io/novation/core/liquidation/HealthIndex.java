package io.novation.core.liquidation;

import io.novation.core.account.Accounts;
import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

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
    private static final long UNBOUNDED = PriceBands.UNBOUNDED;
    private static final long NONE = TriggerLadder.NONE;

    /**
     * In place of a certain-flip threshold: beyond this edge the subaccount's state provably holds (the edge only
     * bounded how far this value may move in the subaccount's favour, for the other values' certain thresholds), so
     * crossing it disarms those thresholds instead of having the subaccount checked.
     */
    private static final long DISARM = Long.MAX_VALUE;

    private final Accounts accounts;
    private final Markets markets;
    private final OracleBook oracles;
    private final Sink sink = new Sink();
    private final HealthTable table;
    private final OptionHolders optionHolders = new OptionHolders();
    private final TriggerBooks books;
    private final SubaccountExposures held;

    private final MarginCalculator exact;
    private final MarginFigures exactFigures = new MarginFigures();

    private int lastRechecks;
    private int lastTriggered;
    private int lastFlips;

    /**
     * An index over the engine's state; every subaccount that exists already is checked at the first refresh.
     *
     * @param state the books (the engine's state) whose subaccounts, prices and funding indices it follows. The
     *              index is the one reader of the state's subaccount change channel.
     * @throws IllegalStateException when the state already has a health index (the engine's).
     */
    public HealthIndex(final RiskBooks state)
    {
        this.exact = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        state.accounts().claimChangedSubaccounts();
        this.accounts = state.accounts();
        this.table = new HealthTable(state.accounts());
        this.books = new TriggerBooks(state.markets(), state.oracles());
        this.held = new SubaccountExposures(state.oracles());
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
        table.ensureCapacity(subaccount.id() + 1);
        table.schedule(subaccount.id());
    }

    /**
     * Every subaccount is checked again at the next refresh (after a change of margin parameters that the index
     * cannot see, such as a market's liquidity tier or an asset's weights).
     */
    public void touchAll()
    {
        final int count = accounts.subaccountCount();
        table.ensureCapacity(count);
        for (int id = 0; id < count; id++)
        {
            table.schedule(id);
        }
        // Every entry is stale now: drop them all at once rather than meeting them one by one.
        books.clear();
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
            table.ensureCapacity(accounts.subaccountCount());
            for (int i = 0; i < changed; i++)
            {
                table.schedule(accounts.changedSubaccount(i).id());
            }
            accounts.clearChangedSubaccounts();
        }
        optionHolders.scheduleAll(table);
        books.ensure();
        if (table.scheduledCount() == 0 && !books.anyMoved())
        {
            return;
        }
        lastTriggered = 0;
        lastFlips = 0;
        books.moveAll(sink);
        lastRechecks = table.scheduledCount();
        for (int i = 0; i < table.scheduledCount(); i++)
        {
            check(table.takeScheduled(i));
        }
        table.clearScheduled();
        books.compactIfStale(sink);
    }

    /**
     * Number of subaccounts below maintenance.
     *
     * @return count.
     */
    public int liquidatableCount()
    {
        refresh();
        return table.liquidatableCount();
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
        return table.isLiquidatable(subaccount.id());
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
        return table.liquidatable(index);
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
        return table.newlyLiquidatableCount();
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
        return table.newlyLiquidatable(index);
    }

    /**
     * Starts a new period for {@link #newlyLiquidatable}.
     */
    public void clearNewlyLiquidatable()
    {
        refresh();
        table.newPeriod();
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
            table.bumpVersion(id);
            table.setState(id, false);
            indexEveryMove(id, subaccount);
        }
    }

    private void index(final int id, final Subaccount subaccount)
    {
        if (OptionHolders.holdsOptions(subaccount) || subaccount.isPortfolioMargin())
        {
            // An option's mark moves with its underlying's price, its volatility surface and time itself, and a
            // portfolio-margin requirement is the worst of a grid of scenarios around the price: no price band
            // bounds either, so option holders and portfolio-margin subaccounts are checked in full at every
            // refresh.
            optionHolders.add(id);
            table.setState(id, exact.compute(subaccount, exactFigures) && exactFigures.isBelowMaintenance());
            return;
        }
        optionHolders.remove(id);
        held.reset();
        final int positions = subaccount.positionCount();
        if (positions == 0)
        {
            table.setState(id, false);
            return;
        }
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            final long balance = subaccount.balance(assetId);
            if (balance != 0)
            {
                final Asset asset = markets.asset(assetId);
                held.exposure(asset.oracleId()).addCollateral(balance, asset.decimals(), asset.maintenanceWeightPpm());
            }
        }
        for (int i = 0; i < positions; i++)
        {
            final PerpetualMarket market = markets.perpetual(subaccount.positionMarket(i));
            final long size = subaccount.positionSize(i);
            held.exposure(market.oracleId()).addPosition(size, market.atomicResolution(), market.liquidityTier());
            held.addFunding(market.id(), size, subaccount.positionFundingIndex(i));
        }

        boolean missingPrice = false;
        for (int e = 0; e < held.exposureCount; e++)
        {
            missingPrice |= oracles.price(held.exposures[e].oracleId) == OracleBook.NO_PRICE;
        }
        if (missingPrice)
        {
            // Margin cannot be computed without every price: not liquidatable until the missing one arrives.
            table.setState(id, false);
            for (int e = 0; e < held.exposureCount; e++)
            {
                final int oracleId = held.exposures[e].oracleId;
                if (oracles.price(oracleId) == OracleBook.NO_PRICE)
                {
                    add(books.price(oracleId).upper, OracleBook.NO_PRICE, NONE, id);
                }
            }
            return;
        }

        long health = subaccount.balance(Asset.QUOTE_ASSET_ID);
        for (int e = 0; e < held.exposureCount; e++)
        {
            final OracleExposure exposure = held.exposures[e];
            exposure.evaluateReference(oracles.price(exposure.oracleId));
            health = Math.addExact(health, Math.addExact(exposure.up0, exposure.down0));
        }
        for (int f = 0; f < held.fundingCount; f++)
        {
            held.fundingAccrued[f] = markets.perpetual(held.fundingMarkets[f]).funding().accrued(held.fundingSizes[f],
                held.fundingSettled[f]);
            health = Math.addExact(health, held.fundingAccrued[f]);
        }
        final boolean liquidatable = health < 0;
        table.setState(id, liquidatable);
        final long cushion = liquidatable ? -(health + 1) : health;

        final long fundingCap = held.fundingCount == 0 ? 0 : (cushion >> FUNDING_SHIFT) / held.fundingCount;
        held.allocate(cushion - fundingCap * held.fundingCount, liquidatable);
        long otherSum = Math.multiplyExact(fundingCap, held.fundingCount);
        int unboundedOthers = 0;
        for (int e = 0; e < held.exposureCount; e++)
        {
            final long free = liquidatable ? held.lossCaps[e] : held.gainCaps[e];
            if (free == UNBOUNDED)
            {
                unboundedOthers++;
            }
            else
            {
                otherSum = Math.addExact(otherSum, free);
            }
        }

        for (int e = 0; e < held.exposureCount; e++)
        {
            final OracleExposure exposure = held.exposures[e];
            final long lossCap = held.lossCaps[e];
            final long gainCap = held.gainCaps[e];
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
            if (held.exposureCount > 1)
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
            final TriggerBook book = books.price(exposure.oracleId);
            if (lowerEdge != NONE)
            {
                add(book.lower, lowerEdge, lowerCertain, id);
            }
            if (upperEdge != NONE)
            {
                add(book.upper, upperEdge, upperCertain, id);
            }
        }

        for (int f = 0; f < held.fundingCount; f++)
        {
            final TriggerBook book = books.funding(held.fundingMarkets[f]);
            final long index = markets.perpetual(held.fundingMarkets[f]).funding().cumulativeIndex();
            final long lowerEdge = FundingBands.lowerEdge(held.fundingSizes[f], held.fundingSettled[f], index,
                held.fundingAccrued[f], fundingCap, fundingCap);
            final long upperEdge = FundingBands.upperEdge(held.fundingSizes[f], held.fundingSettled[f], index,
                held.fundingAccrued[f], fundingCap, fundingCap);
            // Accrued funding is monotone in the index: beyond the edge in the state's favour the state holds.
            final boolean longPosition = held.fundingSizes[f] > 0;
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

    private void indexEveryMove(final int id, final Subaccount subaccount)
    {
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0)
            {
                addBothWays(books.price(markets.asset(assetId).oracleId()), id);
            }
        }
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            if (Markets.isOptionId(subaccount.positionMarket(i)))
            {
                continue;
            }
            final PerpetualMarket market = markets.perpetual(subaccount.positionMarket(i));
            addBothWays(books.price(market.oracleId()), id);
            addBothWays(books.funding(market.id()), id);
        }
    }

    private void addBothWays(final TriggerBook book, final int id)
    {
        add(book.lower, book.synced(), NONE, id);
        add(book.upper, book.synced(), NONE, id);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Per-subaccount bookkeeping

    private void add(final TriggerLadder ladder, final long threshold, final long certain, final int id)
    {
        ladder.add(threshold, certain, table.packed(id));
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
            final int state = table.stateWord(id);
            if ((state >>> 1) != ((int)packed >>> 1))
            {
                return;
            }
            final boolean stateMatches = ((int)packed & 1) == (state & 1);
            if (certain == DISARM && stateMatches)
            {
                table.disarm(id);
                return;
            }
            final boolean certainFlip = certain != NONE && certain != DISARM &&
                (lower ? value <= certain : value >= certain);
            if (!certainFlip || !stateMatches || table.isDisarmed(id))
            {
                table.schedule(id);
                return;
            }
            table.flip(id);
            lastFlips++;
            add(lower ? book.upper : book.lower, certain, threshold, id);
        }

        @Override
        public boolean isLive(final long packed)
        {
            return table.isLive(packed);
        }

        @Override
        public void dropped()
        {
        }
    }
}
