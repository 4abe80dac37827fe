package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.clearing.CostBasis;
import io.novation.core.command.SettleMarket;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;

import java.util.ArrayList;
import java.util.List;

/**
 * Delisting and final settlement of a perpetual market ({@code settleMarket}, docs/protocol.md "Delisting, treasury
 * and hard caps"): an announcement turns the market reduce-only and schedules its settlement at least
 * {@link #MIN_NOTICE_MS} later; at or after that time every position closes at the oracle's 30-minute TWAP ending at
 * the settlement time's last whole minute (the window option expiry uses), each holder's funding settled first. A
 * long receives its notional rounded down and a short pays it rounded up, the remainder going to the fee pool. A
 * holder whose last position this is and who is left below zero equity has a deficit: its insurance fund (cross or
 * the market's isolated fund) covers it as far as it can, then the settlement's winners pay the rest pro rata to what
 * they can give (their realized PnL, at most their equity), each share rounded up, and what they cannot is bad debt.
 * Quote quantums throughout.
 */
final class MarketSettlement
{
    /** The shortest notice between a delisting's announcement and its settlement: 24 hours, in ms. */
    static final long MIN_NOTICE_MS = 24L * 60 * 60 * 1000;

    private final ClearingState state;
    private final OptionExpirySettlement expiries;
    private final FundingSettlement funding;
    private final CostBasis costBasis = new CostBasis();

    MarketSettlement(final ClearingState state, final OptionExpirySettlement expiries)
    {
        this.state = state;
        this.expiries = expiries;
        this.funding = new FundingSettlement(state);
    }

    /**
     * Fixes the final price of every delisting market on an oracle whose settlement time has come, before a round at
     * {@code now} is recorded (so the TWAP's checkpoints around the settlement time still exist).
     *
     * @param state      the engine state.
     * @param oracleId   the oracle whose round is being accepted.
     * @param roundPrice the round's price, used when the TWAP has no whole minute before the settlement time.
     * @param now        the round's time, epoch ms.
     * @param sequence   the command's sequence number.
     * @param events     receives {@code MarketSettlementFixed}.
     */
    static void fixDue(final ClearingState state, final int oracleId, final long roundPrice, final long now,
        final long sequence, final EventSink events)
    {
        final Markets markets = state.markets();
        for (int m = 0; m < markets.perpetualCount(); m++)
        {
            final PerpetualMarket market = markets.perpetual(m);
            if (market.isDelisting() && market.oracleId() == oracleId && market.delistingTime() <= now &&
                market.finalSettlementPrice() == PerpetualMarket.NO_FINAL_PRICE)
            {
                final long twap = state.oracles().feed(oracleId).twap().averageIfKept(market.delistingTime());
                market.finalSettlementPrice(twap != OracleBook.NO_PRICE ? twap : roundPrice);
                state.markGlobalChanged();
                events.marketSettlementFixed(sequence, market.id(), market.finalSettlementPrice());
            }
        }
    }

    boolean settleMarket(final SettleMarket command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final PerpetualMarket market = state.markets().perpetual(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no perpetual market " + command.marketId());
        }
        if (market.isSettled())
        {
            return rejection.reject(RejectReason.MARKET_SETTLED, market.ticker() + " was settled at " +
                market.finalSettlementPrice());
        }
        return market.isDelisting() ? settle(market, command, sequence, events, rejection) :
            announce(market, command, sequence, events, rejection);
    }

    private boolean announce(final PerpetualMarket market, final SettleMarket command, final long sequence,
        final EventSink events, final Rejection rejection)
    {
        // Compared without a subtraction that could overflow (a settlement time far in the past).
        if (command.settlementTime() <= command.time() || command.settlementTime() - command.time() < MIN_NOTICE_MS)
        {
            return rejection.reject(RejectReason.NOTICE_TOO_SHORT, market.ticker() + " would settle at " +
                command.settlementTime() + ", less than " + MIN_NOTICE_MS + " ms after " + command.time());
        }
        for (int i = 0; i < state.markets().optionCount(); i++)
        {
            final OptionSeries series = state.markets().optionAt(i);
            if (series.oracleId() == market.oracleId() && !series.isSettled() &&
                series.openInterestBaseQuantums() > 0)
            {
                return rejection.reject(RejectReason.OPEN_OPTIONS, market.ticker() + " underlies " +
                    series.ticker() + ", which has open interest");
            }
        }
        market.announceDelisting(command.settlementTime());
        events.marketDelistingAnnounced(sequence, market.id(), command.settlementTime());
        if (market.status() == MarketStatus.ACTIVE)
        {
            market.status(MarketStatus.REDUCE_ONLY);
            events.marketStatusChanged(sequence, market.id(), MarketStatus.REDUCE_ONLY);
        }
        state.markGlobalChanged();
        return true;
    }

    private boolean settle(final PerpetualMarket market, final SettleMarket command, final long sequence,
        final EventSink events, final Rejection rejection)
    {
        if (command.settlementTime() != market.delistingTime())
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, market.ticker() + " settles at " +
                market.delistingTime() + ", not " + command.settlementTime());
        }
        if (command.time() < market.delistingTime())
        {
            return rejection.reject(RejectReason.SETTLEMENT_NOT_DUE, market.ticker() + " settles at " +
                market.delistingTime() + ", after " + command.time());
        }
        final boolean fixedNow = market.finalSettlementPrice() == PerpetualMarket.NO_FINAL_PRICE;
        final long price = fixedNow ?
            state.oracles().feed(market.oracleId()).twap().averageIfKept(market.delistingTime()) :
            market.finalSettlementPrice();
        if (price == OracleBook.NO_PRICE)
        {
            return rejection.reject(RejectReason.NO_SETTLEMENT_PRICE, state.oracles().name(market.oracleId()) +
                " has no 30-minute TWAP at " + market.delistingTime());
        }
        final int priceExponent = state.oracles().priceExponent(market.oracleId());

        // Every holder, in account creation order.
        final List<Subaccount> holders = new ArrayList<>();
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                final int index = subaccount.positionIndex(market.id());
                if (index >= 0 && subaccount.positionSize(index) != 0)
                {
                    holders.add(subaccount);
                }
            }
        }
        final int n = holders.size();
        // Each position's credit (a long's notional rounded down, a short's payment rounded up), its PnL, and the
        // deficit it leaves when it is the holder's last position.
        final long[] credit = new long[n];
        final long[] deficit = new long[n];
        final long[] weight = new long[n];
        final long[] covered = new long[n];
        long credits = 0;
        long weights = 0;
        long crossLeft = state.insuranceFund();
        long isolatedLeft = market.isolatedInsuranceFund();
        long fromCross = 0;
        long fromIsolated = 0;
        long uncovered = 0;
        for (int h = 0; h < n; h++)
        {
            final Subaccount subaccount = holders.get(h);
            final int index = subaccount.positionIndex(market.id());
            final long size = subaccount.positionSize(index);
            credit[h] = PerpetualMath.notionalQuoteQuantums(size, price, priceExponent, market.atomicResolution(),
                Rounding.DOWN);
            credits = Math.addExact(credits, credit[h]);
            final long equity = expiries.equityAfter(subaccount, market.id(), credit[h]);
            deficit[h] = subaccount.positionCount() == 1 ? Math.max(0, -equity) : 0;
            final long pnl = costBasis.apply(size, subaccount.positionCostBasis(index), 0, -credit[h]).realizedPnl();
            weight[h] = deficit[h] == 0 && pnl > 0 ? Math.min(pnl, Math.max(0, equity)) : 0;
            weights = Math.addExact(weights, weight[h]);
            if (subaccount.isIsolated())
            {
                covered[h] = Math.min(deficit[h], isolatedLeft);
                isolatedLeft -= covered[h];
                fromIsolated += covered[h];
            }
            else
            {
                covered[h] = Math.min(deficit[h], crossLeft);
                crossLeft -= covered[h];
                fromCross += covered[h];
            }
            uncovered = Math.addExact(uncovered, deficit[h] - covered[h]);
        }
        // The winners pay what the funds could not, pro rata to what they can give, each share rounded up (the
        // excess goes to the fee pool); what they cannot pay is bad debt.
        final long taken = Math.min(uncovered, weights);
        final long[] share = new long[n];
        long shares = 0;
        for (int h = 0; h < n; h++)
        {
            share[h] = taken == 0 || weight[h] == 0 ? 0 : FixedPoint.mulDiv(taken, weight[h], weights, Rounding.UP);
            shares += share[h];
        }
        final long toBadDebt = uncovered - taken;
        final long feePoolDelta = Math.addExact(-credits, shares - taken);
        Math.addExact(state.feePool(), feePoolDelta);
        Math.addExact(state.badDebt(), toBadDebt);
        // What the commit credits must fit: the amount as paid, the cover, and the realized PnL.
        final long[] realized = new long[n];
        for (int h = 0; h < n; h++)
        {
            final Subaccount subaccount = holders.get(h);
            final int index = subaccount.positionIndex(market.id());
            realized[h] = costBasis.apply(subaccount.positionSize(index), subaccount.positionCostBasis(index), 0,
                share[h] - credit[h]).realizedPnl();
            Math.addExact(Math.addExact(Math.addExact(subaccount.balance(0), funding.accrued(subaccount)),
                credit[h] - share[h]), deficit[h]);
            Math.addExact(subaccount.realizedPnl(), realized[h]);
        }

        // Commit: nothing below can fail.
        if (fixedNow)
        {
            market.finalSettlementPrice(price);
            events.marketSettlementFixed(sequence, market.id(), price);
        }
        for (int h = 0; h < n; h++)
        {
            final Subaccount subaccount = holders.get(h);
            funding.settle(subaccount, sequence, events);
            final int index = subaccount.positionIndex(market.id());
            final long size = subaccount.positionSize(index);
            final long amount = credit[h] - share[h];
            subaccount.addBalance(0, amount);
            subaccount.addRealizedPnl(realized[h]);
            subaccount.setPosition(market.id(), 0, 0, 0);
            events.positionSettled(sequence, subaccount.account().owner(), subaccount.number(), market.id(), size,
                amount, share[h], realized[h]);
            events.positionChanged(sequence, subaccount.account().owner(), subaccount.number(), market.id(), 0, 0,
                realized[h]);
            if (deficit[h] > 0)
            {
                subaccount.addBalance(0, deficit[h]);
                events.deficitCovered(sequence, subaccount.account().owner(), subaccount.number(), market.id(),
                    deficit[h]);
            }
        }
        InsuranceFunds.add(state, InsuranceFunds.CROSS, -fromCross, sequence, events);
        InsuranceFunds.add(state, market.id(), -fromIsolated, sequence, events);
        if (feePoolDelta != 0)
        {
            state.addToFeePool(feePoolDelta);
        }
        if (toBadDebt > 0)
        {
            state.addToBadDebt(toBadDebt);
        }
        market.adjustOpenInterest(-market.openInterestBaseQuantums());
        market.markSettled();
        if (market.status() != MarketStatus.HALTED)
        {
            market.status(MarketStatus.HALTED);
            events.marketStatusChanged(sequence, market.id(), MarketStatus.HALTED);
        }
        state.markGlobalChanged();
        events.marketSettled(sequence, market.id(), price, n, fromCross + fromIsolated + uncovered,
            fromCross + fromIsolated, taken, toBadDebt, feePoolDelta);
        return true;
    }
}
