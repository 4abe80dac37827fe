package io.novation.sim.demo;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.command.Liquidate;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.event.Event;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.Asset;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.Rounding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bankruptcy waterfall as the journal's replay shows it, per market, in quote quantums (1e-6 USDC): every deficit
 * of a liquidation and what covered it, from the node's own events (docs/protocol.md §12). A liquidation's deficit is
 * what its bankruptcy price asks beyond what the position fetched: for the part the keeper took, the bankruptcy quote
 * less the keeper's fill ({@code Liquidated}); for a part closed by auto-deleveraging, the quote the counterparty paid
 * at the bankruptcy price less the part's value at the oracle price, floored as the engine values a position
 * ({@code Deleveraged}). It is covered by the insurance fund ({@code Liquidated}'s negative fund delta: the market's
 * own fund for an isolated subaccount, else the cross fund), by the deleveraged counterparties (that same excess over
 * the oracle value) and by the loss socialized to the opposite side ({@code LossSocialized}). An offset of a target
 * still above water at the oracle (deleveraged because the fund could not pay the keeper's discount) absorbs nothing
 * and is counted apart. The deleveraged amount is counted a second time from other figures: per counterparty, what
 * its quote balance fell by over the command (less the funding the command settled to it, {@code FundingPaid}) less
 * the value at the oracle of the change of its position, both read from the replayed state before and after the
 * command; the sum of the positive ones is the market's deleveraged amount. Three checks: per liquidate command,
 * the fund's payment plus the socialized loss equals the keeper part's deficit; per deleveraged counterparty, the
 * amount from its balance and position equals the one from its {@code Deleveraged} events; and, at every batch, no
 * subaccount is left with negative net collateral and no position (a loss nobody covered).
 */
final class Waterfall implements ReplayListener
{
    /** One market's waterfall, quote quantums. */
    static final class Steps
    {
        /** Liquidations whose fill fell short of the bankruptcy price, or that were deleveraged. */
        long deficits;
        /** The sum of those deficits. */
        long deficitAmount;
        /** Liquidations whose deficit the insurance fund paid (in part or in full). */
        long fundPayments;
        /** What the fund paid. */
        long fundPaid;
        /** Deleveraging offsets. */
        long offsets;
        /**
         * The deficit the deleveraged counterparties absorbed, from their balances and positions before and after
         * each command (not from the {@code Deleveraged} events that count into {@link #deficitAmount}).
         */
        long deleveragedAmount;
        /** What counterparties gained over the oracle in offsets of targets still above water at it. */
        long deleveragedBelowOracle;
        /** Losses socialized. */
        long socializations;
        /** What was socialized. */
        long socialized;
        /** The first time (epoch ms) the fund could not pay and deleveraging fired, or 0. */
        long firstDeleveragedAt;
        /** The first time a loss was socialized, or 0. */
        long firstSocializedAt;
        /**
         * The balance of the fund that backs the target (the market's own for an isolated subaccount, else the
         * cross fund) before the liquidate command that first deleveraged, or -1.
         */
        long fundBeforeDeleveraging = -1;
    }

    /** A subaccount, by owner and number. */
    record Key(Address owner, int subaccount)
    {
    }

    /** A subaccount's quote balance (quote quantums) and position in one market (base quantums). */
    record Holding(long balance, long size)
    {
    }

    /** What the replayed state shows: holdings, a part's value at the oracle and the insurance funds. */
    interface Ledger
    {
        /** The subaccount's holding in a market; zeros when it has none. */
        Holding holding(Key key, int marketId);

        /** A part of {@code size} base quantums at the oracle's index price, floored as the engine values it. */
        long valueAtOracle(int marketId, long size);

        /** The balance of the fund backing a subaccount of the market: the market's own if isolated, else cross. */
        long insuranceFund(int marketId, boolean isolated);
    }

    private final List<DemoMarket> markets;
    private final Steps[] steps;
    private final List<String> failures = new ArrayList<>();
    private long commandTime;
    private long keeperDeficit;
    private long keeperFundPaid;
    private long keeperSocialized;
    private int commandMarket = -1;
    private Ledger before;
    private Liquidate liquidation;
    private final Map<Key, long[]> counterparties = new LinkedHashMap<>();
    private final Map<Key, Long> fundingSettled = new HashMap<>();
    private long counterpartyChecks;
    private long uncoveredChecks;
    private long uncovered;

    Waterfall(final List<DemoMarket> markets)
    {
        this.markets = markets;
        this.steps = new Steps[markets.size()];
        for (int m = 0; m < steps.length; m++)
        {
            steps[m] = new Steps();
        }
    }

    @Override
    public void beforeCommand(final long sequence, final Command command, final ClearingEngine engine)
    {
        final Liquidate liquidate = command instanceof Liquidate l && l.marketId() < steps.length ? l : null;
        beforeCommand(command.time(), new StateLedger(engine.state()), liquidate,
            liquidate == null ? null : Frozen.of(engine.state(), liquidate.marketId()));
    }

    @Override
    public void onEvent(final long sequence, final Event event, final ClearingEngine engine)
    {
        onEvent(event, new StateLedger(engine.state()));
    }

    @Override
    public void onBatchSealed(final BatchSealer.Batch batch, final ClearingEngine engine)
    {
        checkBatch(engine.state(), batch.number());
    }

    @Override
    public void onFinished(final ClearingEngine engine, final List<String> auditFailures)
    {
        end(new StateLedger(engine.state()));
        auditFailures.addAll(failures);
    }

    /**
     * A command starts: closes the previous one's reconciliation.
     *
     * @param time      the command's time, epoch ms.
     * @param now       the state now: after the previous command.
     * @param liquidate the command if it is a liquidation of a market of the demo, else null.
     * @param frozen    for a liquidation, the state now as it stays while the command applies, else null.
     */
    void beforeCommand(final long time, final Ledger now, final Liquidate liquidate, final Ledger frozen)
    {
        reconcile(now);
        commandTime = time;
        liquidation = liquidate;
        before = frozen;
    }

    /**
     * An event of the replay.
     *
     * @param event the event.
     * @param state the replayed state after the command.
     */
    void onEvent(final Event event, final Ledger state)
    {
        if (event instanceof Event.FundingPaid e && before != null)
        {
            fundingSettled.merge(new Key(e.owner(), e.subaccount()), e.amount(), Long::sum);
        }
        if (event instanceof Event.Liquidated e && e.marketId() < steps.length)
        {
            final Steps s = steps[e.marketId()];
            commandMarket = e.marketId();
            final long deficit = Math.max(0, e.bankruptcyQuote() - e.fillQuote());
            if (deficit > 0)
            {
                s.deficits++;
                s.deficitAmount += deficit;
                keeperDeficit += deficit;
            }
            if (e.insuranceFundDelta() < 0)
            {
                s.fundPayments++;
                s.fundPaid -= e.insuranceFundDelta();
                keeperFundPaid -= e.insuranceFundDelta();
            }
        }
        else if (event instanceof Event.Deleveraged e && e.marketId() < steps.length)
        {
            final Steps s = steps[e.marketId()];
            commandMarket = e.marketId();
            if (s.firstDeleveragedAt == 0)
            {
                s.firstDeleveragedAt = commandTime;
                // The fund that could not pay, before this command: the market's own for an isolated target, else
                // the cross fund.
                s.fundBeforeDeleveraging = before == null ? -1 : before.insuranceFund(e.marketId(),
                    e.targetSubaccount() >= DemoMarket.ISOLATED_SUBACCOUNT);
            }
            // The target's part at the oracle: a long target sells (size < 0) and is owed its value.
            final long atOracle = state.valueAtOracle(e.marketId(), -e.size());
            final long absorbed = e.quoteAmount() - atOracle;
            s.offsets++;
            // Per counterparty: the quote it paid and the change of its position, as the events tell them.
            final long[] told = counterparties.computeIfAbsent(new Key(e.counterparty(), e.counterpartySubaccount()),
                k -> new long[3]);
            told[0] += e.quoteAmount();
            told[1] -= e.size();
            told[2] = e.marketId();
            if (absorbed > 0)
            {
                s.deficits++;
                s.deficitAmount += absorbed;
            }
            else
            {
                // The target was still above water at the oracle (only the keeper's discount made a deficit): the
                // counterparty closed at a price better than the oracle's and absorbed nothing.
                s.deleveragedBelowOracle -= absorbed;
            }
        }
        else if (event instanceof Event.LossSocialized e && e.marketId() < steps.length)
        {
            final Steps s = steps[e.marketId()];
            commandMarket = e.marketId();
            if (s.firstSocializedAt == 0)
            {
                s.firstSocializedAt = commandTime;
            }
            s.socializations++;
            s.socialized += e.amount();
            keeperSocialized += e.amount();
        }
    }

    /**
     * After the last command.
     *
     * @param now the state after it.
     */
    void end(final Ledger now)
    {
        reconcile(now);
    }

    private void reconcile(final Ledger now)
    {
        reconcileDeleveraging(now);
        if (commandMarket >= 0 && keeperFundPaid + keeperSocialized != keeperDeficit)
        {
            failures.add("waterfall: in " + markets.get(commandMarket).ticker() + " a liquidation's deficit of " +
                keeperDeficit + " was covered by " + keeperFundPaid + " from the fund and " + keeperSocialized +
                " socialized");
        }
        commandMarket = -1;
        keeperDeficit = 0;
        keeperFundPaid = 0;
        keeperSocialized = 0;
    }

    /**
     * The deleveraged counterparties of the command that ended, from their balances and positions before and after
     * it: what each paid less the value at the oracle of the change of its position must equal what its
     * {@code Deleveraged} events tell; the positive ones are the deleveraged amount.
     */
    private void reconcileDeleveraging(final Ledger now)
    {
        if (before != null && !counterparties.isEmpty())
        {
            final Key keeper = new Key(liquidation.keeper(), liquidation.keeperSubaccount());
            for (final Map.Entry<Key, long[]> entry : counterparties.entrySet())
            {
                final Key key = entry.getKey();
                final long[] told = entry.getValue();
                final int marketId = (int)told[2];
                final Steps s = steps[marketId];
                if (key.equals(keeper))
                {
                    // The keeper's own fill (and a loss it paid) moves its balance and position too: only its events
                    // can tell its deleveraged part, which is therefore counted from them and not checked.
                    final long absorbed = told[0] - now.valueAtOracle(marketId, told[1]);
                    if (absorbed > 0)
                    {
                        s.deleveragedAmount += absorbed;
                    }
                    continue;
                }
                final Holding was = before.holding(key, marketId);
                final Holding is = now.holding(key, marketId);
                final long paid = was.balance() - is.balance() + fundingSettled.getOrDefault(key, 0L);
                final long change = is.size() - was.size();
                final long absorbed = paid - now.valueAtOracle(marketId, change);
                if (absorbed > 0)
                {
                    s.deleveragedAmount += absorbed;
                }
                counterpartyChecks++;
                if (paid != told[0] || change != told[1])
                {
                    failures.add("waterfall: in " + markets.get(marketId).ticker() + " counterparty " +
                        key.owner() + "/" + key.subaccount() + " paid " + paid + " for a change of " + change +
                        " by its balance and position, but " + told[0] + " for " + told[1] + " by its events");
                }
            }
        }
        counterparties.clear();
        fundingSettled.clear();
        before = null;
        liquidation = null;
    }

    /**
     * At a batch: every subaccount with no position left has non-negative net collateral (a negative one would be a
     * loss that nobody covered).
     *
     * @param state the replayed state at the batch.
     * @param batch the batch's number, for the message.
     */
    void checkBatch(final ClearingStateView state, final long batch)
    {
        uncoveredChecks++;
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles());
        final MarginFigures figures = new MarginFigures();
        long found = 0;
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                if (subaccount.positionCount() == 0 && calculator.compute(subaccount, figures) &&
                    figures.netCollateralMaintenance() < 0)
                {
                    found++;
                }
            }
        }
        if (found > 0)
        {
            uncovered += found;
            failures.add("waterfall: " + found + " subaccounts without a position have negative net collateral " +
                "after batch " + batch);
        }
    }

    /** The replayed state as it is, read when asked. */
    private record StateLedger(ClearingStateView state) implements Ledger
    {
        @Override
        public Holding holding(final Key key, final int marketId)
        {
            final Subaccount subaccount = state.accounts().findSubaccount(key.owner(), key.subaccount());
            return subaccount == null ? new Holding(0, 0) :
                new Holding(subaccount.balance(Asset.QUOTE_ASSET_ID), subaccount.positionSizeIn(marketId));
        }

        /**
         * A part's value at the oracle's index price, rounded as the engine values a position: floored (a long's
         * value down, a short's liability up), {@link PerpetualMath#notionalQuoteQuantums}.
         */
        @Override
        public long valueAtOracle(final int marketId, final long size)
        {
            final PerpetualMarket market = state.markets().perpetual(marketId);
            final int oracle = market.oracleId();
            return PerpetualMath.notionalQuoteQuantums(size, state.oracles().price(oracle),
                state.oracles().priceExponent(oracle), market.atomicResolution(), Rounding.DOWN);
        }

        @Override
        public long insuranceFund(final int marketId, final boolean isolated)
        {
            return isolated ? state.markets().perpetual(marketId).isolatedInsuranceFund() : state.insuranceFund();
        }
    }

    /** A copy of the holdings in one market and of its funds, taken before a liquidation applies. */
    private record Frozen(Map<Key, Holding> holdings, long isolatedFund, long crossFund) implements Ledger
    {
        static Frozen of(final ClearingStateView state, final int marketId)
        {
            final Map<Key, Holding> holdings = new HashMap<>();
            for (int a = 0; a < state.accounts().count(); a++)
            {
                final Account account = state.accounts().at(a);
                for (int s = 0; s < account.subaccountCount(); s++)
                {
                    final Subaccount subaccount = account.subaccountAt(s);
                    final long size = subaccount.positionSizeIn(marketId);
                    if (size != 0)
                    {
                        holdings.put(new Key(account.owner(), subaccount.number()),
                            new Holding(subaccount.balance(Asset.QUOTE_ASSET_ID), size));
                    }
                }
            }
            return new Frozen(holdings, state.markets().perpetual(marketId).isolatedInsuranceFund(),
                state.insuranceFund());
        }

        @Override
        public Holding holding(final Key key, final int marketId)
        {
            return holdings.getOrDefault(key, new Holding(0, 0));
        }

        @Override
        public long valueAtOracle(final int marketId, final long size)
        {
            throw new UnsupportedOperationException("valued at the state after the command");
        }

        @Override
        public long insuranceFund(final int marketId, final boolean isolated)
        {
            return isolated ? isolatedFund : crossFund;
        }
    }

    /** One market's steps. */
    Steps steps(final int marketId)
    {
        return steps[marketId];
    }

    /** What failed. */
    List<String> failures()
    {
        return failures;
    }

    /** Batches checked for uncovered negative net collateral. */
    long uncoveredChecks()
    {
        return uncoveredChecks;
    }

    /** Deleveraged counterparties whose balance and position were checked against their events. */
    long counterpartyChecks()
    {
        return counterpartyChecks;
    }

    /** Subaccounts found with uncovered negative net collateral, over all batches. */
    long uncovered()
    {
        return uncovered;
    }
}
