package io.novation.sim.demo;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.event.Event;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.Rounding;

import java.util.ArrayList;
import java.util.List;

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
 * and is counted apart. Two checks: per liquidate command, the fund's payment plus the socialized loss equals the
 * keeper part's deficit; and, at every batch, no subaccount is left with negative net collateral and no position
 * (a loss nobody covered).
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
        /** The deficit the deleveraged counterparties absorbed (their price beyond the oracle's). */
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
        /** The fund's balance just before the first deleveraging. */
        long fundBeforeDeleveraging = -1;
    }

    private final List<DemoMarket> markets;
    private final Steps[] steps;
    private final List<String> failures = new ArrayList<>();
    private long commandTime;
    private long keeperDeficit;
    private long keeperFundPaid;
    private long keeperSocialized;
    private int commandMarket = -1;
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
        beforeCommand(command.time());
    }

    @Override
    public void onEvent(final long sequence, final Event event, final ClearingEngine engine)
    {
        onEvent(event, engine.state());
    }

    @Override
    public void onBatchSealed(final BatchSealer.Batch batch, final ClearingEngine engine)
    {
        checkBatch(engine.state(), batch.number());
    }

    @Override
    public void onFinished(final ClearingEngine engine, final List<String> auditFailures)
    {
        end();
        auditFailures.addAll(failures);
    }

    /** A command starts: closes the previous one's reconciliation. */
    void beforeCommand(final long time)
    {
        reconcile();
        commandTime = time;
    }

    /**
     * An event of the replay.
     *
     * @param event the event.
     * @param state the replayed state after the command.
     */
    void onEvent(final Event event, final ClearingStateView state)
    {
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
                // The fund that could not pay: the market's own for an isolated target, else the cross fund.
                s.fundBeforeDeleveraging = e.targetSubaccount() >= DemoMarket.ISOLATED_SUBACCOUNT ?
                    state.markets().perpetual(e.marketId()).isolatedInsuranceFund() : state.insuranceFund();
            }
            // The target's part at the oracle: a long target sells (size < 0) and is owed its value.
            final long atOracle = value(state, e.marketId(), -e.size());
            final long absorbed = e.quoteAmount() - atOracle;
            s.offsets++;
            if (absorbed > 0)
            {
                s.deficits++;
                s.deleveragedAmount += absorbed;
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

    /** After the last command. */
    void end()
    {
        reconcile();
    }

    private void reconcile()
    {
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

    /**
     * A part's value at the oracle's index price, rounded as the engine values a position: floored (a long's value
     * down, a short's liability up), {@link PerpetualMath#notionalQuoteQuantums}.
     */
    private static long value(final ClearingStateView state, final int marketId, final long size)
    {
        final PerpetualMarket market = state.markets().perpetual(marketId);
        final int oracle = market.oracleId();
        return PerpetualMath.notionalQuoteQuantums(size, state.oracles().price(oracle),
            state.oracles().priceExponent(oracle), market.atomicResolution(), Rounding.DOWN);
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

    /** Subaccounts found with uncovered negative net collateral, over all batches. */
    long uncovered()
    {
        return uncovered;
    }
}
