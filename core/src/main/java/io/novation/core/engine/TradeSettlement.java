package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.clearing.OrderCancelBook;
import io.novation.core.command.FillParts;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.Instrument;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;
import io.novation.core.clearing.CostBasis;

/**
 * Settles one matched fill between two signed orders, of a perpetual or an option series (whose quote amount is the
 * premium, paid by the buyer to the seller, and which trades only before its expiry and with a volatility surface
 * to mark it): checks both orders (signature, market, side, limit price,
 * expiry, size left, reduce-only), moves both positions, moves the trade's quote value from buyer to seller,
 * charges maker and taker fees into the fee pool, and requires each party to end at or above initial margin or, if
 * it was already below, to have reduced its risk ({@link MarginFigures#isAllowedTransition}). All checks run before any
 * state changes, so a refusal leaves the state untouched.
 */
public final class TradeSettlement
{
    private final ClearingState state;
    private final SignatureCheck signatures;
    private final MarginCalculator margin;
    private final FundingSettlement funding;
    /** The record path's fill, held as its fields while it settles. */
    private final FillParts fill = new FillParts();
    private final Party maker = new Party();
    private final Party taker = new Party();
    private final Subaccount[] parties = new Subaccount[2];
    private final long[][] rows = new long[2][];
    private final int[] rowBases = new int[2];
    private final int[] positionIndexes = new int[2];
    // What the read-ahead of the parties' rows loaded, kept so that the loads are not elided; it means nothing.
    private long readAhead;

    /**
     * A settlement handler over the engine's state.
     *
     * @param state      the state.
     * @param signatures the signature check.
     */
    public TradeSettlement(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        this.funding = new FundingSettlement(state);
    }

    /**
     * Settles the fill or records why not.
     *
     * @param command   the fill.
     * @param sequence  the command's sequence number.
     * @param events    receives the events.
     * @param rejection receives the reason for a refusal.
     * @return true when settled.
     */
    public boolean settle(final SettleTrade command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        try
        {
            return settle(fill.set(command), sequence, events, rejection);
        }
        finally
        {
            fill.clear();
        }
    }

    /**
     * Settles a fill held as its fields, without a record: what {@link #settle(SettleTrade, long, EventSink,
     * Rejection)} does for the record of the same fields.
     *
     * @param command   the fill; only read.
     * @param sequence  the command's sequence number.
     * @param events    receives the events.
     * @param rejection receives the reason for a refusal.
     * @return true when settled.
     */
    public boolean settle(final FillParts command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final Instrument market = state.markets().instrument(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market " + command.marketId());
        }
        final PerpetualMarket perpetual = market instanceof PerpetualMarket ? (PerpetualMarket)market : null;
        if (perpetual == null && !checkSeries((OptionSeries)market, command, rejection))
        {
            return false;
        }
        if (perpetual != null && perpetual.isSettled())
        {
            return rejection.reject(RejectReason.MARKET_SETTLED, market.ticker() + " was settled at its final price");
        }
        if (market.status() == MarketStatus.HALTED)
        {
            return rejection.reject(RejectReason.MARKET_HALTED, market.ticker() + " is halted");
        }
        if (state.oracles().status(market.oracleId(), command.time()) == MarketStatus.HALTED)
        {
            return rejection.reject(RejectReason.MARKET_HALTED, market.ticker() + " is halted: its oracle price is " +
                "older than the halt delay");
        }
        final Order makerOrder = command.maker();
        final Order takerOrder = command.taker();
        if (makerOrder == null || takerOrder == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a fill needs a maker and a taker order");
        }
        final long size = command.fillSize();
        final long price = command.fillPrice();
        if (size <= 0 || price <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "fill size and price must be positive");
        }
        if (size % market.stepSize() != 0)
        {
            return rejection.reject(RejectReason.OFF_STEP, "fill size " + size + " is not a multiple of the step " +
                market.stepSize());
        }
        if (price % market.tickSize() != 0)
        {
            return rejection.reject(RejectReason.OFF_TICK, "fill price " + price + " is not a multiple of the tick " +
                market.tickSize());
        }
        if (makerOrder.market() != market.id() || takerOrder.market() != market.id())
        {
            return rejection.reject(RejectReason.ORDER_MISMATCH, "both orders must be for market " + market.id());
        }
        if (makerOrder.isBuy() == takerOrder.isBuy())
        {
            return rejection.reject(RejectReason.ORDER_MISMATCH, "the orders are on the same side");
        }
        if (makerOrder.account().equals(takerOrder.account()) && makerOrder.subaccount() == takerOrder.subaccount())
        {
            return rejection.reject(RejectReason.SELF_TRADE, "maker and taker are the same subaccount");
        }
        // The two orders' entries and the two parties' rows sit in unrelated parts of large tables: request the
        // parties' rows first, then look both orders up, so that all four cache misses overlap, before the checks
        // below read them one party at a time.
        readAhead = state.accounts().prefetch(makerOrder.account(), makerOrder.subaccount()) +
            state.accounts().prefetch(takerOrder.account(), takerOrder.subaccount());
        state.fills().lookUp(makerOrder.digest(signatures.domainSeparator()),
            takerOrder.digest(signatures.domainSeparator()));
        state.accounts().findParties(makerOrder.account(), makerOrder.subaccount(), takerOrder.account(),
            takerOrder.subaccount(), market.id(), parties, rows, rowBases, positionIndexes);
        maker.subaccount = parties[0];
        maker.row = rows[0];
        maker.rowBase = rowBases[0];
        maker.positionIndex = positionIndexes[0];
        taker.subaccount = parties[1];
        taker.row = rows[1];
        taker.rowBase = rowBases[1];
        taker.positionIndex = positionIndexes[1];
        if (!checkOrder(makerOrder, command, "maker", maker, rejection) ||
            !checkOrder(takerOrder, command, "taker", taker, rejection))
        {
            return false;
        }
        final long oraclePrice = state.oracles().price(market.oracleId());
        if (oraclePrice == OracleBook.NO_PRICE)
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, market.ticker() + " has no oracle price");
        }

        if (!maker.bind(makerOrder, market, size, "maker", state, rejection) ||
            !taker.bind(takerOrder, market, size, "taker", state, rejection))
        {
            return false;
        }

        final int priceExponent = state.oracles().priceExponent(market.oracleId());
        final long quoteAmount = PerpetualMath.notionalQuoteQuantums(
            size, price, priceExponent, market.atomicResolution(), Rounding.DOWN);
        final long takerFee = FixedPoint.mulPpm(quoteAmount, market.takerFeePpm(), Rounding.UP);
        final long makerFee = market.makerFeePpm() >= 0 ?
            FixedPoint.mulPpm(quoteAmount, market.makerFeePpm(), Rounding.UP) :
            -FixedPoint.mulPpm(quoteAmount, -market.makerFeePpm(), Rounding.DOWN);
        maker.price(quoteAmount, makerFee);
        taker.price(quoteAmount, takerFee);

        final long openInterestDelta = Math.addExact(maker.longChange(), taker.longChange());
        if (perpetual != null && !HardCaps.allow(perpetual, openInterestDelta, maker.oldSize, maker.newSize,
            taker.oldSize, taker.newSize, rejection))
        {
            return false;
        }
        if (!maker.checkMargin(margin, openInterestDelta, rejection) ||
            !taker.checkMargin(margin, openInterestDelta, rejection))
        {
            return false;
        }
        if (!maker.checkPositionSlots(rejection) || !taker.checkPositionSlots(rejection))
        {
            return false;
        }
        final long makerFilled = Math.addExact(maker.filledBefore, size);
        final long takerFilled = Math.addExact(taker.filledBefore, size);
        final long feePoolDelta = Math.addExact(makerFee, takerFee);
        Math.addExact(state.feePool(), feePoolDelta);
        maker.checkCommitFits();
        taker.checkCommitFits();

        // Commit: nothing below can fail.
        state.fills().setFilled(makerOrder.digest(signatures.domainSeparator()), makerFilled, makerOrder.expiry());
        state.fills().setFilled(takerOrder.digest(signatures.domainSeparator()), takerFilled, takerOrder.expiry());
        market.adjustOpenInterest(openInterestDelta);
        state.addToFeePool(feePoolDelta);
        if (perpetual != null)
        {
            maker.commit(funding, perpetual.funding().indexFor(maker.newSize), sequence, events, state);
            taker.commit(funding, perpetual.funding().indexFor(taker.newSize), sequence, events, state);
            perpetual.funding().lastTradePrice(price);
        }
        else
        {
            maker.commit(funding, market.funding().indexFor(maker.newSize), sequence, events, state);
            taker.commit(funding, market.funding().indexFor(taker.newSize), sequence, events, state);
        }
        events.tradeSettled(sequence, market.id(), makerOrder.account(), makerOrder.subaccount(),
            takerOrder.account(), takerOrder.subaccount(), takerOrder.isBuy(), size, price, quoteAmount, makerFee,
            takerFee);
        maker.publish(makerOrder, sequence, events);
        taker.publish(takerOrder, sequence, events);
        return true;
    }

    /** An option series trades until its expiry, and only while its underlying has a volatility surface. */
    private boolean checkSeries(final OptionSeries series, final FillParts command, final Rejection rejection)
    {
        if (series.isSettled())
        {
            return rejection.reject(RejectReason.OPTION_SETTLED, series.ticker() + " was settled");
        }
        if (command.time() >= series.expiry())
        {
            return rejection.reject(RejectReason.OPTION_EXPIRED, series.ticker() + " expired at " + series.expiry());
        }
        if (state.volSurfaces().surface(series.oracleId()) == null)
        {
            return rejection.reject(RejectReason.NO_VOL_SURFACE, series.ticker() + " cannot be marked: no volatility " +
                "surface for " + state.oracles().name(series.oracleId()));
        }
        return true;
    }

    private boolean checkOrder(final Order order, final FillParts command, final String role, final Party party,
        final Rejection rejection)
    {
        if (order.size() <= 0 || order.limitPrice() <= 0 || order.nonce() < 0)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, role + " order size, limit price and nonce " +
                "must be positive");
        }
        if (order.expiry() <= command.time())
        {
            return rejection.reject(RejectReason.ORDER_EXPIRED, role + " order expired at " + order.expiry());
        }
        if (order.isBuy() ? command.fillPrice() > order.limitPrice() : command.fillPrice() < order.limitPrice())
        {
            return rejection.reject(RejectReason.LIMIT_PRICE_VIOLATED, role + " order limit " + order.limitPrice() +
                " does not allow price " + command.fillPrice());
        }
        final byte[] digest = order.digest(signatures.domainSeparator());
        final RejectReason refused = party.subaccount == null ?
            signatures.authorizeOrder(order, state.accounts().find(order.account()), command.time()) :
            signatures.authorizeOrder(order, party.subaccount, Subaccount.rowUsesSessionKeys(party.row, party.rowBase),
                command.time());
        if (refused != null)
        {
            return rejection.reject(refused, refused == RejectReason.BAD_SIGNATURE ?
                role + " order is not signed by " + order.account() + " or one of its session keys" :
                role + " order is signed by session key " + signatures.lastSigner() + ": " + refused.code());
        }
        final OrderCancelBook cancels = state.cancels();
        if (!cancels.isEmpty() && (cancels.isCancelled(order.account(), order.subaccount(), digest) ||
            order.nonce() < cancels.nonceFloor(order.account(), order.subaccount())))
        {
            return rejection.reject(RejectReason.ORDER_CANCELLED, role + " order " + order.nonce() + " of " +
                order.account() + "/" + order.subaccount() + " was cancelled or is below its nonce floor");
        }
        final long filled = state.fills().filled(digest);
        party.filledBefore = filled;
        if (command.fillSize() > order.size() - filled)
        {
            return rejection.reject(RejectReason.ORDER_OVERFILLED, role + " order has " + (order.size() - filled) +
                " left, fill is " + command.fillSize());
        }
        return true;
    }

    /**
     * One side of the fill, worked out before anything changes.
     */
    private static final class Party
    {
        private final MarginFigures before = new MarginFigures();
        private final MarginFigures after = new MarginFigures();
        private final CostBasis costBasis = new CostBasis();
        private Subaccount subaccount;
        /** The subaccount's hot row (balances, positions, flags), read without the subaccount object. */
        private long[] row;
        private int rowBase;
        private long filledBefore;
        private int marketId;
        private int positionIndex;
        private long oldSize;
        private long newSize;
        private long oldCostBasis;
        private long newCostBasis;
        private long realizedPnl;
        private long quoteDelta;

        boolean bind(final Order order, final Instrument market, final long size, final String role,
            final ClearingState state, final Rejection rejection)
        {
            if (subaccount == null)
            {
                final Account account = state.accounts().find(order.account());
                return account == null ?
                    rejection.reject(RejectReason.UNKNOWN_ACCOUNT, role + " account " + order.account() +
                        " has no collateral") :
                    rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, role + " subaccount " +
                        order.subaccount() + " does not exist");
            }
            marketId = market.id();
            final int at = Subaccount.rowPosition(row, rowBase, positionIndex);
            oldSize = positionIndex < 0 ? 0 : row[at + 1];
            oldCostBasis = positionIndex < 0 ? 0 : row[at + 2];
            newSize = order.isBuy() ? Math.addExact(oldSize, size) : Math.subtractExact(oldSize, size);
            final boolean reduces = Math.abs(newSize) < Math.abs(oldSize) && (newSize == 0 ||
                Long.signum(newSize) == Long.signum(oldSize));
            if (order.reduceOnly() && !reduces)
            {
                return rejection.reject(RejectReason.REDUCE_ONLY_VIOLATED, role + " order is reduce-only and " +
                    "would take the position from " + oldSize + " to " + newSize);
            }
            if (!reduces && state.oracles().isStale(market.oracleId(), state.oracles().time()))
            {
                return rejection.reject(RejectReason.STALE_ORACLE, market.ticker() + "'s oracle price is stale and " +
                    role + " would go from " + oldSize + " to " + newSize);
            }
            if (!reduces && Markets.isOptionId(market.id()) &&
                state.volSurfaces().isStale(market.oracleId(), state.oracles().time()))
            {
                return rejection.reject(RejectReason.STALE_VOL_SURFACE, market.ticker() + "'s volatility surface " +
                    "is older than its heartbeat and " + role + " would go from " + oldSize + " to " + newSize);
            }
            if (market.status() == MarketStatus.REDUCE_ONLY && !reduces)
            {
                return rejection.reject(RejectReason.MARKET_REDUCE_ONLY, market.ticker() + " is reduce-only and " +
                    role + " would go from " + oldSize + " to " + newSize);
            }
            if (positionIndex < 0 && Subaccount.rowIsIsolated(row, rowBase) &&
                Subaccount.rowPositionCount(row, rowBase) > 0)
            {
                return rejection.reject(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION, role + " subaccount " +
                    subaccount.number() + " is isolated and holds another market");
            }
            return true;
        }

        void price(final long quoteAmount, final long fee)
        {
            final long signedQuote = newSize > oldSize ? quoteAmount : -quoteAmount;
            quoteDelta = Math.subtractExact(-signedQuote, fee);
            costBasis.apply(oldSize, oldCostBasis, newSize, signedQuote);
            newCostBasis = costBasis.newCostBasis();
            realizedPnl = costBasis.realizedPnl();
        }

        long longChange()
        {
            return Math.max(newSize, 0) - Math.max(oldSize, 0);
        }

        boolean checkMargin(final MarginCalculator margin, final long openInterestDelta, final Rejection rejection)
        {
            // The initial figures decide a fill that ends at or above initial margin; the maintenance figures are
            // needed only by the reduced-risk test of one that does not, which computes the full figures.
            if (!margin.computeInitial(row, rowBase, subaccount, marketId, newSize, openInterestDelta, 0, quoteDelta,
                after))
            {
                return rejection.reject(RejectReason.NO_ORACLE_PRICE, "subaccount " + subaccount.number() + " of " +
                    subaccount.account().owner() + " holds something without an oracle price");
            }
            // The figures before the fill matter only when the subaccount ends below initial margin; the fill's
            // market has a price, so they can be computed whenever the figures after could.
            if (after.meetsInitialMargin() ||
                margin.compute(subaccount, marketId, newSize, openInterestDelta, 0, quoteDelta, false, after) &&
                margin.compute(subaccount, before) && MarginFigures.isAllowedTransition(before, after))
            {
                return true;
            }
            return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, "subaccount " + subaccount.number() + " of " +
                subaccount.account().owner() + " would have net collateral " + after.netCollateralInitial() +
                " below its initial margin requirement " + after.initialMarginRequirement());
        }

        boolean checkPositionSlots(final Rejection rejection)
        {
            if (positionIndex < 0 && newSize != 0 &&
                Subaccount.rowPositionCount(row, rowBase) >= Subaccount.MAX_POSITIONS)
            {
                return rejection.reject(RejectReason.TOO_MANY_POSITIONS, "subaccount " + subaccount.number() +
                    " already holds " + Subaccount.MAX_POSITIONS + " positions; market " + marketId + " is one more");
            }
            return true;
        }

        /** Throws ArithmeticException (rejected as OVERFLOW) now, so that {@link #commit} cannot fail later. */
        void checkCommitFits()
        {
            Math.addExact(Math.addExact(Subaccount.rowBalance(row, rowBase, 0), after.accruedFunding()), quoteDelta);
            Math.addExact(Subaccount.rowRealizedPnl(row, rowBase), realizedPnl);
        }

        /**
         * Settles the subaccount's accrued funding (unless the margin check found every position settled at its
         * current index), then moves the position, which settles from the index now.
         */
        void commit(final FundingSettlement funding, final long fundingIndex, final long sequence,
            final EventSink events, final ClearingState state)
        {
            if (!after.isFundingSettled())
            {
                funding.settle(subaccount, sequence, events);
                row = subaccount.rowStore();
                rowBase = subaccount.rowBase();
            }
            Subaccount.settleInRow(subaccount, row, rowBase, quoteDelta, realizedPnl, positionIndex, marketId,
                newSize, newSize == 0 ? 0 : newCostBasis, fundingIndex, state.accounts());
        }

        void publish(final Order order, final long sequence, final EventSink events)
        {
            events.positionChanged(sequence, order.account(), order.subaccount(), marketId, newSize,
                newSize == 0 ? 0 : newCostBasis, realizedPnl);
        }
    }
}
