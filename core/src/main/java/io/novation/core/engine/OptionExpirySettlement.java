package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.SettleExpiry;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;

import java.util.ArrayList;
import java.util.List;

/**
 * Option expiry: fixes each series' settlement price, the 30-minute TWAP of its index ending at the expiry's last
 * whole minute, and pays it out ({@code settleExpiry}). Each position receives its intrinsic value
 * {@code size · max(±(P − K), 0)} in quote quantums, floored: a long receives it rounded down, a short pays it
 * rounded up, so longs receive exactly what shorts pay less a remainder of less than one quantum per position,
 * which goes to the fee pool. Every position in the series closes; its realized PnL is the payout less its cost basis.
 * <p>
 * A short pays only what its subaccount has: the part of its payment that would take its equity (net collateral with
 * its other collateral at whole value) below zero is a shortfall; what the longs are then owed beyond what the shorts
 * pay the cross insurance fund pays as far as it can, and the rest is socialized to the series' longs, each receiving
 * {@code floor(owed · (paid − socialized) / paid)} (docs/protocol.md §14.5). Each holder's accrued
 * funding and socialized losses settle first.
 * <p>
 * The price is fixed by the first accepted oracle round at or after the expiry, before that round enters the TWAP
 * (so the TWAP's checkpoints around the expiry always exist), or by {@code settleExpiry} itself when no round came
 * since. When the oracle has no price a whole minute before the expiry, the first round at or after the expiry fixes
 * it at its own price.
 */
public final class OptionExpirySettlement
{
    private final ClearingState state;
    private final MarginCalculator margin;
    private final FundingSettlement funding;
    private final MarginFigures after = new MarginFigures();

    /**
     * Settlement over the engine's state.
     *
     * @param state the state.
     */
    public OptionExpirySettlement(final ClearingState state)
    {
        this.state = state;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        this.funding = new FundingSettlement(state);
    }

    /**
     * Fixes the settlement price of every series on an oracle whose expiry has come, before a round at {@code now}
     * is recorded; costs one comparison until the earliest unfixed expiry.
     *
     * @param oracleId   the oracle whose round is being accepted.
     * @param roundPrice the round's price, used when the TWAP has no whole minute before an expiry.
     * @param now        the round's time, epoch ms.
     * @param sequence   the command's sequence number.
     * @param events     receives {@code OptionSettlementFixed}.
     */
    public void fixDue(final int oracleId, final long roundPrice, final long now, final long sequence,
        final EventSink events)
    {
        final Markets markets = state.markets();
        if (now < markets.nextUnfixedExpiry())
        {
            return;
        }
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries series = markets.optionAt(i);
            if (series.oracleId() == oracleId && series.expiry() <= now &&
                series.settlementPrice() == OracleBook.NO_PRICE)
            {
                final long twap = state.oracles().feed(oracleId).twap().averageIfKept(series.expiry());
                fix(series, twap != OracleBook.NO_PRICE ? twap : roundPrice, sequence, events);
            }
        }
        markets.refreshNextUnfixedExpiry();
    }

    private void fix(final OptionSeries series, final long price, final long sequence, final EventSink events)
    {
        series.settlementPrice(price);
        state.markGlobalChanged();
        events.optionSettlementFixed(sequence, series.id(), price);
    }

    /**
     * Pays out an expired series and closes its positions, or records why not.
     *
     * @param command   the request.
     * @param sequence  the command's sequence number.
     * @param events    receives the events.
     * @param rejection receives the reason for a refusal.
     * @return true when settled.
     */
    public boolean settle(final SettleExpiry command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final OptionSeries series = state.markets().option(command.seriesId());
        if (series == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no option series " + command.seriesId());
        }
        if (series.isSettled())
        {
            return rejection.reject(RejectReason.OPTION_SETTLED, series.ticker() + " was settled");
        }
        if (command.time() < series.expiry())
        {
            return rejection.reject(RejectReason.OPTION_NOT_EXPIRED, series.ticker() + " expires at " +
                series.expiry() + ", after " + command.time());
        }
        final boolean fixedNow = series.settlementPrice() == OracleBook.NO_PRICE;
        final long price = fixedNow ?
            state.oracles().feed(series.oracleId()).twap().averageIfKept(series.expiry()) : series.settlementPrice();
        if (price == OracleBook.NO_PRICE)
        {
            return rejection.reject(RejectReason.NO_SETTLEMENT_PRICE, state.oracles().name(series.oracleId()) +
                " has no 30-minute TWAP at " + series.expiry());
        }
        final long payoff = series.intrinsicValue(price);
        final int priceExponent = state.oracles().priceExponent(series.oracleId());

        // Every holder of the series, in account creation order.
        final List<Subaccount> holders = new ArrayList<>();
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                if (account.subaccountAt(s).positionIndex(series.id()) >= 0)
                {
                    holders.add(account.subaccountAt(s));
                }
            }
        }

        // What each position owes or is owed, and what each short cannot pay: the part of its payment that would
        // leave its subaccount's equity below zero.
        final long[] owed = new long[holders.size()];
        long paidToLongs = 0;
        long paidByShorts = 0;
        long shortfall = 0;
        for (int h = 0; h < holders.size(); h++)
        {
            final Subaccount subaccount = holders.get(h);
            owed[h] = payout(series, subaccount.positionSizeIn(series.id()), payoff, priceExponent);
            if (owed[h] > 0)
            {
                paidToLongs = Math.addExact(paidToLongs, owed[h]);
            }
            else
            {
                paidByShorts = Math.subtractExact(paidByShorts, owed[h]);
                shortfall = Math.addExact(shortfall, unpaid(subaccount, series, owed[h]));
            }
        }
        // What the longs are owed beyond what the shorts pay (the shorts' payments round up, so without a shortfall
        // they cover the longs): the fund pays it as far as it can, the rest is taken from the longs pro rata.
        final long paidIn = paidByShorts - shortfall;
        final long uncovered = Math.max(0, paidToLongs - paidIn);
        final long insuranceFundPays = Math.min(uncovered, state.insuranceFund());
        final long socialized = uncovered - insuranceFundPays;
        // Each long receives floor(owed · (paid − socialized) / paid); each short pays what it can.
        final long longsReceive = paidToLongs - socialized;
        final long[] credited = new long[holders.size()];
        long receivedByLongs = 0;
        for (int h = 0; h < holders.size(); h++)
        {
            credited[h] = owed[h] > 0 ? (socialized > 0 ? haircut(owed[h], longsReceive, paidToLongs) : owed[h]) :
                owed[h] + unpaid(holders.get(h), series, owed[h]);
            receivedByLongs += Math.max(0, credited[h]);
        }
        final long toFeePool = paidIn + insuranceFundPays - receivedByLongs;
        Math.addExact(state.feePool(), toFeePool);

        // A holder whose last position this series is, left with equity below zero (a deficit its liquidation did not
        // clear), has nothing left for a keeper: the rest of the insurance fund covers it, then the fee pool, and
        // what neither can is bad debt, owed by the depositors as a whole (every escape claim is then paid pro rata).
        final long[] deficit = new long[holders.size()];
        long deficits = 0;
        for (int h = 0; h < holders.size(); h++)
        {
            final Subaccount subaccount = holders.get(h);
            deficit[h] = subaccount.positionCount() == 1 ? deficit(subaccount, series, credited[h]) : 0;
            deficits = Math.addExact(deficits, deficit[h]);
            // What the commit credits must fit: the payout as paid, the cover, and the realized PnL.
            Math.addExact(Math.addExact(Math.addExact(subaccount.balance(0), funding.accrued(subaccount)),
                credited[h]), deficit[h]);
            Math.addExact(subaccount.realizedPnl(), Math.subtractExact(credited[h],
                subaccount.positionCostBasis(subaccount.positionIndex(series.id()))));
        }
        final long fromInsuranceFund = Math.min(deficits, state.insuranceFund() - insuranceFundPays);
        final long fromFeePool = Math.min(deficits - fromInsuranceFund, Math.max(0, state.feePool() + toFeePool));
        final long toBadDebt = deficits - fromInsuranceFund - fromFeePool;
        Math.addExact(state.badDebt(), toBadDebt);

        // Commit: nothing below can fail.
        if (fixedNow)
        {
            fix(series, price, sequence, events);
            state.markets().refreshNextUnfixedExpiry();
        }
        for (int h = 0; h < holders.size(); h++)
        {
            final Subaccount subaccount = holders.get(h);
            final Address owner = subaccount.account().owner();
            funding.settle(subaccount, sequence, events);
            final int index = subaccount.positionIndex(series.id());
            final long size = subaccount.positionSize(index);
            final long realized = credited[h] - subaccount.positionCostBasis(index);
            subaccount.addBalance(0, credited[h]);
            subaccount.addRealizedPnl(realized);
            subaccount.setPosition(series.id(), 0, 0, 0);
            events.optionSettled(sequence, owner, subaccount.number(), series.id(), size, credited[h]);
            events.positionChanged(sequence, owner, subaccount.number(), series.id(), 0, 0, realized);
            if (deficit[h] > 0)
            {
                subaccount.addBalance(0, deficit[h]);
                events.deficitCovered(sequence, owner, subaccount.number(), series.id(), deficit[h]);
            }
        }
        if (insuranceFundPays + fromInsuranceFund > 0)
        {
            InsuranceFunds.add(state, InsuranceFunds.CROSS, -(insuranceFundPays + fromInsuranceFund), sequence,
                events);
        }
        final long feePoolDelta = toFeePool - fromFeePool;
        if (feePoolDelta != 0)
        {
            state.addToFeePool(feePoolDelta);
        }
        series.adjustOpenInterest(-series.openInterestBaseQuantums());
        series.markSettled();
        state.markGlobalChanged();
        if (toBadDebt > 0)
        {
            state.addToBadDebt(toBadDebt);
        }
        if (shortfall > 0)
        {
            events.optionExpiryShortfall(sequence, series.id(), shortfall, insuranceFundPays, socialized);
        }
        if (deficits > 0)
        {
            events.expiryDeficitsCovered(sequence, series.id(), deficits, fromInsuranceFund, fromFeePool, toBadDebt,
                state.badDebt());
        }
        events.optionSeriesSettled(sequence, series.id(), price, receivedByLongs,
            paidIn + insuranceFundPays, feePoolDelta);
        return true;
    }

    /**
     * What a short cannot pay of its expiry payment: the part that would take its subaccount's equity below zero,
     * equity as {@link #equityAfter} counts it, so that a short whose ETH covers the payment pays it all (its quote
     * balance may go negative: a debt its collateral backs).
     */
    private long unpaid(final Subaccount subaccount, final OptionSeries series, final long amount)
    {
        final long equity = equityAfter(subaccount, series, amount);
        return equity >= 0 ? 0 : Math.min(-equity, -amount);
    }

    /** The deficit a holder is left with once the series closes and it is credited {@code amount}: 0 or more. */
    private long deficit(final Subaccount subaccount, final OptionSeries series, final long amount)
    {
        return Math.max(0, -equityAfter(subaccount, series, amount));
    }

    /**
     * The subaccount's equity with the series closed and {@code amount} credited: net collateral at maintenance
     * weights (every other position at its mark, accrued funding included) with its other collateral assets counted
     * back at their whole value at the oracle price; 0 when a price of another holding is missing (its health is
     * then judged later).
     */
    private long equityAfter(final Subaccount subaccount, final OptionSeries series, final long amount)
    {
        return equityAfter(subaccount, series.id(), amount);
    }

    /**
     * As {@link #equityAfter(Subaccount, OptionSeries, long)} for any instrument closed at a final settlement (a
     * delisted perpetual's too).
     *
     * @param subaccount   the holder.
     * @param instrumentId the series or market whose position is closed.
     * @param amount       quote quantums credited (negative: paid).
     * @return quote quantums, negative for a deficit.
     */
    long equityAfter(final Subaccount subaccount, final int instrumentId, final long amount)
    {
        if (!margin.compute(subaccount, instrumentId, 0, 0, 0, amount, false, after))
        {
            return 0;
        }
        long equity = after.netCollateralMaintenance();
        if (equity >= 0)
        {
            return equity;
        }
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            final long balance = subaccount.balance(assetId);
            final Asset asset = state.markets().asset(assetId);
            final long price = state.oracles().price(asset.oracleId());
            if (balance <= 0 || price == OracleBook.NO_PRICE)
            {
                continue;
            }
            // Margin counted the balance at its weight (and the stale band's low edge): add back the difference.
            final long whole = PerpetualMath.notionalQuoteQuantums(balance, price,
                state.oracles().priceExponent(asset.oracleId()), -asset.decimals(), Rounding.DOWN);
            final long marginPrice = state.oracles().marginPrice(asset.oracleId(), balance);
            final long weighted = marginPrice == OracleBook.NO_PRICE ? 0 : FixedPoint.mulPpm(
                PerpetualMath.notionalQuoteQuantums(balance, marginPrice,
                    state.oracles().priceExponent(asset.oracleId()), -asset.decimals(), Rounding.DOWN),
                asset.maintenanceWeightPpm(), Rounding.DOWN);
            equity = Math.addExact(equity, Math.max(0, whole - weighted));
        }
        return equity;
    }

    /** A long's payout after the socialized loss: floor(owed · receive / paid). */
    private static long haircut(final long owed, final long receive, final long paid)
    {
        return FixedPoint.mulDiv(owed, receive, paid, Rounding.DOWN);
    }

    /** What a position receives at expiry (negative: pays), rounded down: longs down, shorts' payments up. */
    private static long payout(final OptionSeries series, final long size, final long payoff, final int priceExponent)
    {
        return PerpetualMath.notionalQuoteQuantums(size, payoff, priceExponent, series.atomicResolution(),
            Rounding.DOWN);
    }
}
