package io.novation.sim.demo;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.Conservation;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.ReplayedRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent check of a demo run: it re-executes the node's journal from genesis in a fresh engine (the
 * journal holds every command as sequenced, with its time) and, on the way, checks conservation exactly and compares
 * the state root with the node's at every batch boundary, then compares the final root and looks for any subaccount
 * left with negative net collateral. From the replayed events it also gathers the figures of the report: per minute
 * of the window the oracle prices, open interest, liquidations and the insurance fund; per market the liquidations by
 * waterfall step, deleveraging, socialized losses and funding; the oracle rounds and the reports left out. Amounts
 * are quote quantums (1e-6 USDC), sizes base quantums, prices price units. The replay is the node's
 * {@link JournalReplayer}, observed record by record and event by event; other parts of the demo read the same replay
 * as {@link ReplayListener}s registered with {@link #listen} (the options' ledger, the waterfall, the risk series, the
 * base chain's audit).
 */
public final class JournalAudit
{
    /** Per-market totals. */
    public static final class MarketTotals
    {
        /** Liquidate commands applied (a part closed only by deleveraging has no {@code Liquidated} event). */
        public long liquidateCommands;
        /** Liquidations: {@code Liquidated} events, a keeper taking (part of) a position over. */
        public long liquidations;
        /** Liquidations whose fill left a surplus, of which the insurance fund kept its fee. */
        public long liquidationsWithFundFee;
        /** Liquidations whose deficit the insurance fund paid. */
        public long liquidationsWithFundPayment;
        /** Base quantums taken over by keepers. */
        public long liquidatedSize;
        /** Quote quantums the keepers paid or received (absolute). */
        public long liquidatedQuote;
        /** Fees the insurance fund kept. */
        public long fundFees;
        /** Deficits the insurance fund paid. */
        public long fundPayments;
        /** Deleveraging offsets. */
        public long deleveragings;
        /** Base quantums deleveraged. */
        public long deleveragedSize;
        /** Quote quantums of the offsets (absolute). */
        public long deleveragedQuote;
        /** Losses socialized. */
        public long socializations;
        /** Quote quantums socialized. */
        public long socialized;
        /** Funding paid by settled positions. */
        public long fundingPaid;
        /** Funding received by settled positions. */
        public long fundingReceived;
        /** Funding ticks. */
        public long fundingTicks;
        /** Sum of the ticks' 8-hour rates, ppb (for the mean). */
        public long fundingRateSumPpb;
        /** Trades settled. */
        public long trades;
        /** Quote quantums traded. */
        public long tradedQuote;
        /** Oracle rounds that moved the index. */
        public long oracleUpdates;
        /** Oracle rounds held by the deviation guard. */
        public long oracleHeld;
        /** Largest distance of the index from the honest publishers' price, in millionths. */
        public long maxIndexDeviationPpm;
    }

    /** Tells the honest price of the round at a time, or 0 when none was due. */
    @FunctionalInterface
    public interface HonestPrice
    {
        /**
         * The honest price.
         *
         * @param oracleId the oracle.
         * @param time     the round's time, epoch ms.
         * @return price units, or 0.
         */
        long at(int oracleId, long time);
    }

    private final EngineConfig config;
    private final int markets;
    private final long windowStart;
    private final int minutes;
    private final HonestPrice honest;
    private final MarketTotals[] totals;
    private final long[][] price;
    private final long[][] openInterest;
    private final long[][] liquidationsPerMinute;
    private final long[] insuranceFund;
    private final List<ReplayListener> listeners = new ArrayList<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    private final Map<String, Long> reportsLeftOut = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Address faulty;
    private long faultyReportsLeftOut;
    private long blockTrades;
    private long blockTradeLegs;
    private ClearingEngine engine;
    private int minute = -1;
    private long commands;
    private String finalRoot;
    private int batchesChecked;
    private long negativeNetCollateral;
    private int conservationFailures;
    private int rootMismatches;
    private boolean finalRootMatches;

    /**
     * An audit of a run over a window of the day.
     *
     * @param config      the engine configuration of the node's genesis.
     * @param markets     how many markets.
     * @param windowStart epoch ms of the window's first minute.
     * @param minutes     minutes in the window.
     * @param faulty      the faulty publisher, whose reports left out are counted apart.
     * @param honest      the honest price of each round.
     */
    public JournalAudit(final EngineConfig config, final int markets, final long windowStart, final int minutes,
        final Address faulty, final HonestPrice honest)
    {
        this.config = config;
        this.markets = markets;
        this.windowStart = windowStart;
        this.minutes = minutes;
        this.faulty = faulty;
        this.honest = honest;
        this.totals = new MarketTotals[markets];
        for (int m = 0; m < markets; m++)
        {
            totals[m] = new MarketTotals();
        }
        this.price = new long[markets][minutes];
        this.openInterest = new long[markets][minutes];
        this.liquidationsPerMinute = new long[markets][minutes];
        this.insuranceFund = new long[minutes];
    }

    /**
     * Registers a reader of the replay, called after those registered before it (see {@link ReplayListener}).
     *
     * @param listener the listener (the options' ledger, the waterfall, the risk series, the base chain's audit).
     * @return this audit.
     */
    public JournalAudit listen(final ReplayListener listener)
    {
        listeners.add(listener);
        return this;
    }

    /**
     * The first listener registered of a type.
     *
     * @param type the listener's class.
     * @param <T>  its type.
     * @return the listener, or null when none of that type is registered.
     */
    <T extends ReplayListener> T listener(final Class<T> type)
    {
        for (final ReplayListener listener : listeners)
        {
            if (type.isInstance(listener))
            {
                return type.cast(listener);
            }
        }
        return null;
    }

    /** The waterfall's ledger, or null. */
    Waterfall waterfall()
    {
        return listener(Waterfall.class);
    }

    /** The risk controls' series, or null. */
    RiskSeries riskSeries()
    {
        return listener(RiskSeries.class);
    }

    /**
     * Replays the journal and checks every batch boundary and the end.
     *
     * @param journal   the node's journal directory (the node stopped).
     * @param batches   the batches as the node sealed them, in order.
     * @param nodeRoot  the node's final state root, hex.
     * @return this audit, with its figures and failures.
     */
    public JournalAudit run(final Path journal, final List<BatchSealer.Batch> batches, final String nodeRoot)
    {
        engine = new ClearingEngine(config, EventSink.NONE);
        final int[] next = {0};
        JournalReplayer.applyingTo(engine).observe(new JournalObserver()
        {
            @Override
            public void beforeCommand(final ReplayedRecord record, final ClearingEngine replayed)
            {
                advanceTo(record.command().time());
                for (final ReplayListener listener : listeners)
                {
                    listener.beforeCommand(record.sequence(), record.command(), engine);
                }
            }

            @Override
            public void onEvent(final ReplayedRecord record, final Event event)
            {
                JournalAudit.this.onEvent(event);
                for (final ReplayListener listener : listeners)
                {
                    listener.onEvent(record.sequence(), event, engine);
                }
            }

            @Override
            public void afterCommand(final ReplayedRecord record, final boolean applied,
                final ClearingEngine replayed)
            {
                if (applied && record.command() instanceof Liquidate liquidate && liquidate.marketId() < markets)
                {
                    totals[liquidate.marketId()].liquidateCommands++;
                }
                commands++;
                if (engine.state().sequence() != record.sequence())
                {
                    failures.add("journal record " + record.sequence() + " replayed as " + engine.state().sequence());
                }
                while (next[0] < batches.size() && batches.get(next[0]).sequence() == record.sequence())
                {
                    check(batches.get(next[0]++));
                }
                for (final ReplayListener listener : listeners)
                {
                    listener.afterCommand(record.sequence(), record.command(), applied, engine);
                }
            }
        }).replay(journal, 0, Long.MAX_VALUE);
        advanceTo(Long.MAX_VALUE);
        for (final ReplayListener listener : listeners)
        {
            listener.onFinished(engine, failures);
        }
        for (int i = next[0]; i < batches.size(); i++)
        {
            failures.add("batch " + batches.get(i).number() + " ends at sequence " + batches.get(i).sequence() +
                ", beyond the journal (" + engine.state().sequence() + ")");
        }
        finalRoot = Hex.encode(engine.stateRoot());
        finalRootMatches = finalRoot.equals(nodeRoot);
        if (!finalRootMatches)
        {
            failures.add("the replayed root " + finalRoot + " differs from the node's " + nodeRoot);
        }
        if (!Conservation.holds(engine.state()))
        {
            conservationFailures++;
            failures.add("conservation fails at the end of the replay");
        }
        final MarginCalculator calculator = new MarginCalculator(engine.state().markets(), engine.state().oracles());
        final MarginFigures figures = new MarginFigures();
        for (int a = 0; a < engine.state().accounts().count(); a++)
        {
            final Account account = engine.state().accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                if (calculator.compute(subaccount, figures) && figures.netCollateralMaintenance() < 0)
                {
                    negativeNetCollateral++;
                }
            }
        }
        if (negativeNetCollateral > 0)
        {
            failures.add(negativeNetCollateral + " subaccounts end with negative net collateral");
        }
        return this;
    }

    private void check(final BatchSealer.Batch batch)
    {
        batchesChecked++;
        if (!Conservation.holds(engine.state()))
        {
            conservationFailures++;
            failures.add("conservation fails after batch " + batch.number() + " (sequence " + batch.sequence() + ")");
        }
        if (!batch.conservation())
        {
            conservationFailures++;
            failures.add("the node reported conservation failing after batch " + batch.number());
        }
        final String root = Hex.encode(engine.stateRoot());
        if (!root.equals(batch.stateRoot()))
        {
            rootMismatches++;
            failures.add("batch " + batch.number() + ": replayed root " + root + " differs from the node's " +
                batch.stateRoot());
        }
        for (final ReplayListener listener : listeners)
        {
            listener.onBatchSealed(batch, engine);
        }
    }

    /** Records the state at the end of every window minute before the one {@code time} falls in. */
    private void advanceTo(final long time)
    {
        final long raw = time == Long.MAX_VALUE ? minutes : Math.floorDiv(time - windowStart, MinuteSeries.MINUTE_MS);
        final int target = (int)Math.min(minutes, raw);
        while (minute < target)
        {
            if (minute >= 0)
            {
                for (int m = 0; m < markets; m++)
                {
                    final var market = engine.state().markets().perpetual(m);
                    price[m][minute] = engine.state().oracles().price(market.oracleId());
                    openInterest[m][minute] = market.openInterestBaseQuantums();
                }
                insuranceFund[minute] = engine.state().insuranceFund();
                for (final ReplayListener listener : listeners)
                {
                    listener.onMinuteEnd(minute, engine.state());
                }
            }
            minute++;
        }
    }

    private int currentMinute()
    {
        return minute >= 0 && minute < minutes ? minute : -1;
    }

    // ---------------------------------------------------------------- events

    private void onEvent(final Event event)
    {
        for (final ReplayListener listener : listeners)
        {
            if (listener.claims(event))
            {
                return;
            }
        }
        if (event instanceof Event.Liquidated e && e.marketId() < markets)
        {
            liquidated(e);
        }
        else if (event instanceof Event.Deleveraged e && e.marketId() < markets)
        {
            final MarketTotals t = totals[e.marketId()];
            t.deleveragings++;
            t.deleveragedSize += Math.abs(e.size());
            t.deleveragedQuote += Math.abs(e.quoteAmount());
        }
        else if (event instanceof Event.LossSocialized e && e.marketId() < markets)
        {
            totals[e.marketId()].socializations++;
            totals[e.marketId()].socialized += e.amount();
        }
        else if (event instanceof Event.FundingPaid e && e.marketId() < markets)
        {
            if (e.amount() < 0)
            {
                totals[e.marketId()].fundingPaid -= e.amount();
            }
            else
            {
                totals[e.marketId()].fundingReceived += e.amount();
            }
        }
        else if (event instanceof Event.FundingTicked e && e.marketId() < markets)
        {
            totals[e.marketId()].fundingTicks++;
            totals[e.marketId()].fundingRateSumPpb += e.rate8hPpb();
        }
        else if (event instanceof Event.TradeSettled e && e.marketId() < markets)
        {
            totals[e.marketId()].trades++;
            totals[e.marketId()].tradedQuote += Math.abs(e.quoteAmount());
        }
        else if (event instanceof Event.OraclePriceUpdated e)
        {
            oraclePriceUpdated(e);
        }
        else if (event instanceof Event.OraclePriceHeld e && e.oracleId() < markets)
        {
            totals[e.oracleId()].oracleHeld++;
        }
        else if (event instanceof Event.OracleReportRejected e)
        {
            reportsLeftOut.merge(e.reason().name(), 1L, Long::sum);
            if (e.publisher() != null && e.publisher().equals(faulty))
            {
                faultyReportsLeftOut++;
            }
        }
        else if (event instanceof Event.BlockTradeSettled e)
        {
            blockTrades++;
            blockTradeLegs += e.legs();
        }
        else if (event instanceof Event.Rejected e)
        {
            rejections.merge(e.code().code(), 1L, Long::sum);
        }
    }

    private void liquidated(final Event.Liquidated e)
    {
        final MarketTotals t = totals[e.marketId()];
        t.liquidations++;
        t.liquidatedSize += Math.abs(e.size());
        t.liquidatedQuote += Math.abs(e.fillQuote());
        if (e.insuranceFundDelta() > 0)
        {
            t.liquidationsWithFundFee++;
            t.fundFees += e.insuranceFundDelta();
        }
        else if (e.insuranceFundDelta() < 0)
        {
            t.liquidationsWithFundPayment++;
            t.fundPayments -= e.insuranceFundDelta();
        }
        if (currentMinute() >= 0)
        {
            liquidationsPerMinute[e.marketId()][minute]++;
        }
    }

    private void oraclePriceUpdated(final Event.OraclePriceUpdated e)
    {
        if (e.oracleId() >= markets)
        {
            return;
        }
        final MarketTotals t = totals[e.oracleId()];
        t.oracleUpdates++;
        final long expected = honest.at(e.oracleId(), e.time());
        if (expected > 0)
        {
            t.maxIndexDeviationPpm = Math.max(t.maxIndexDeviationPpm,
                Math.abs(e.price() - expected) * 1_000_000 / expected);
        }
    }

    // ---------------------------------------------------------------- results

    /**
     * What the checks found wrong; empty when every invariant holds.
     *
     * @return sentences.
     */
    public List<String> failures()
    {
        return List.copyOf(failures);
    }

    /**
     * Commands replayed.
     *
     * @return a count.
     */
    public long commands()
    {
        return commands;
    }

    /**
     * Batch boundaries checked.
     *
     * @return a count.
     */
    public int batchesChecked()
    {
        return batchesChecked;
    }

    /**
     * The replayed final root.
     *
     * @return hex.
     */
    public String finalRoot()
    {
        return finalRoot;
    }

    /**
     * Batch boundaries (and the end) where conservation failed, in the replay or as the node reported it.
     *
     * @return a count.
     */
    public int conservationFailures()
    {
        return conservationFailures;
    }

    /**
     * Batch boundaries where the replayed root differs from the node's.
     *
     * @return a count.
     */
    public int rootMismatches()
    {
        return rootMismatches;
    }

    /**
     * Whether the replayed final root equals the node's.
     *
     * @return true when equal.
     */
    public boolean finalRootMatches()
    {
        return finalRootMatches;
    }

    /**
     * Subaccounts left with negative net collateral.
     *
     * @return a count.
     */
    public long negativeNetCollateral()
    {
        return negativeNetCollateral;
    }

    /**
     * A market's totals.
     *
     * @param marketId the market.
     * @return totals.
     */
    public MarketTotals totals(final int marketId)
    {
        return totals[marketId];
    }

    /**
     * The oracle price at the end of each window minute.
     *
     * @param marketId the market.
     * @return price units per minute.
     */
    public long[] prices(final int marketId)
    {
        return price[marketId].clone();
    }

    /**
     * Open interest at the end of each window minute.
     *
     * @param marketId the market.
     * @return base quantums per minute.
     */
    public long[] openInterest(final int marketId)
    {
        return openInterest[marketId].clone();
    }

    /**
     * Liquidations in each window minute.
     *
     * @param marketId the market.
     * @return counts per minute.
     */
    public long[] liquidationsPerMinute(final int marketId)
    {
        return liquidationsPerMinute[marketId].clone();
    }

    /**
     * The cross-margin insurance fund at the end of each window minute.
     *
     * @return quote quantums per minute.
     */
    public long[] insuranceFund()
    {
        return insuranceFund.clone();
    }

    /**
     * Rejected commands by engine reason.
     *
     * @return reason to count.
     */
    public Map<String, Long> rejections()
    {
        return new TreeMap<>(rejections);
    }

    /**
     * Oracle reports left out of their rounds, by reason.
     *
     * @return reason to count.
     */
    public Map<String, Long> reportsLeftOut()
    {
        return new TreeMap<>(reportsLeftOut);
    }

    /**
     * Reports of the faulty publisher left out of their rounds.
     *
     * @return a count.
     */
    public long faultyReportsLeftOut()
    {
        return faultyReportsLeftOut;
    }

    /**
     * Block trade packages settled in the journal ({@code BlockTradeSettled} events of the replay).
     *
     * @return a count.
     */
    public long blockTrades()
    {
        return blockTrades;
    }

    /**
     * Legs of the block trade packages settled in the journal.
     *
     * @return a count.
     */
    public long blockTradeLegs()
    {
        return blockTradeLegs;
    }

    /**
     * The replayed engine, for further reads.
     *
     * @return the engine.
     */
    public ClearingEngine engine()
    {
        return engine;
    }
}
