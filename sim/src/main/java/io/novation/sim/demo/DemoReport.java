package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import io.novation.sim.keeper.KeeperReport;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of a demo run, built as the run goes and written as {@code report.json} (and, through
 * {@link ReportPage}, {@code report.html}). Money is in USDC as decimal strings (exact), except in the per-minute
 * series that the charts draw, which are plain numbers (USD, rounded to cents); sizes in base units; times ISO-8601
 * UTC; durations in seconds.
 */
public final class DemoReport
{
    private final DemoSettings settings;
    private final List<DemoMarket> markets;
    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private final ObjectNode timings;
    private final List<String> failures = new ArrayList<>();
    private long[] roundsSent;

    /**
     * An empty report of a run.
     *
     * @param settings the run's settings.
     * @param markets  its markets.
     */
    public DemoReport(final DemoSettings settings, final List<DemoMarket> markets)
    {
        this.settings = settings;
        this.markets = markets;
        final ObjectNode demo = root.putObject("demo");
        demo.put("what", "the 2025-10-10 crash replayed through a live node over HTTP");
        demo.put("from", time(DemoMarket.DAY_START + settings.fromMinute() * MinuteSeries.MINUTE_MS));
        demo.put("to", time(DemoMarket.DAY_START + settings.toMinute() * MinuteSeries.MINUTE_MS));
        demo.put("accounts", settings.accounts());
        demo.put("speed", Double.isInfinite(settings.speed()) ? "unpaced" : String.valueOf(settings.speed()));
        demo.put("seed", settings.seed());
        demo.put("keepers", settings.keepers());
        demo.put("oraclePublishers", PublisherPanel.PUBLISHERS);
        demo.put("faultyPublisher", "publisher-5: reports 25 % below the market 06:00-08:00 and 19:00-19:30 UTC, " +
            "silent 20:50-21:40 UTC");
        demo.put("batchMinutes", settings.batchMinutes());
        demo.put("batchSealing", "sealBatch by the node's sequencer every " + settings.batchMinutes() +
            " simulated minutes; each sealed header's state root checked against the replay");
        final ArrayNode data = demo.putArray("data");
        for (final DemoMarket market : markets)
        {
            data.addObject().put("market", market.ticker()).put("file", market.series().name())
                .put("source", market.ticker().startsWith("BTC") ?
                    "Binance COIN-M BTCUSD_PERP mark price 1m, aaronwu2017/TheGlory " +
                        "analysis/timeline/BTCUSD_PERP-1m-2025-10-10.zip @929fd9c" :
                    market.ticker().startsWith("ETH") ?
                    "Gemini ETHUSD spot 1m aggregated from trades, derived from aaronwu2017/TheGlory @929fd9c" :
                    "Binance COIN-M AVAXUSD_PERP 1m OHLCV from trades, derived from aaronwu2017/TheGlory @929fd9c " +
                        "analysis/spotandFutures/coin_margined/");
        }
        timings = root.putObject("timings");
    }

    /**
     * Records a phase's wall-clock duration.
     *
     * @param name  e.g. {@code setup}.
     * @param nanos its duration.
     */
    public void phase(final String name, final long nanos)
    {
        timings.put(name + "Seconds", seconds(nanos));
    }

    /**
     * Records the opening of positions.
     *
     * @param fills fills sent.
     * @param nanos how long signing, matching and settling them took.
     */
    public void opening(final long fills, final long nanos)
    {
        final ObjectNode opening = root.putObject("opening");
        opening.put("fills", fills);
        opening.put("fillsPerSecond", Math.round(fills / Math.max(1e-9, nanos / 1e9)));
    }

    /**
     * Records the run's counts and throughput.
     *
     * @param commands        commands the node sequenced in all.
     * @param replayCommands  commands sequenced during the replay of the minutes.
     * @param replayNanos     the replay's wall-clock duration.
     * @param operator        the operator (requests, rejections).
     * @param takerOrders     taker orders the traders, keepers and makers sent to the matcher.
     * @param fills           fills the matcher sent.
     * @param keeperTimeouts  waits for the keepers that timed out.
     * @param traders         traders.
     */
    public void run(final long commands, final long replayCommands, final long replayNanos, final Operator operator,
        final long takerOrders, final long fills, final long keeperTimeouts, final int traders)
    {
        final ObjectNode throughput = root.putObject("throughput");
        throughput.put("commands", commands);
        throughput.put("replayCommands", replayCommands);
        throughput.put("replayCommandsPerSecond", Math.round(replayCommands / Math.max(1e-9, replayNanos / 1e9)));
        throughput.put("simulatedMinutesPerSecond",
            Math.round(settings.minutes() / Math.max(1e-9, replayNanos / 1e9) * 10) / 10.0);
        throughput.put("operatorBatchRequests", operator.requests());
        throughput.put("operatorCommandsApplied", operator.applied());
        throughput.put("operatorCommandsRejected", operator.rejected());
        throughput.put("takerOrders", takerOrders);
        throughput.put("fills", fills);
        throughput.put("keeperWaitTimeouts", keeperTimeouts);
        throughput.put("traders", traders);
        final ObjectNode rejections = root.putObject("operatorRejections");
        operator.rejections().forEach(rejections::put);
    }

    /**
     * Records the signatures the participants made (the node verified each once more) and the oracle rounds sent.
     *
     * @param reports    oracle reports.
     * @param orders     orders of traders, market makers and keepers' desks.
     * @param envelopes  governance and bridge envelopes.
     * @param roundsSent oracle rounds sent per market.
     */
    public void signatures(final long reports, final long orders, final long envelopes, final long[] roundsSent)
    {
        root.putObject("signatures").put("oracleReports", reports).put("orders", orders)
            .put("governanceAndBridgeEnvelopes", envelopes)
            .put("note", "keepers sign one liquidate per attempt on top (keepers[].attempts)");
        this.roundsSent = roundsSent.clone();
    }

    /**
     * Records what the faulty publisher did in the rounds sent.
     *
     * @param rounds rounds per {@link PublisherPanel.Behaviour}, by ordinal.
     */
    public void faultyPublisher(final long[] rounds)
    {
        final ObjectNode faulty = (root.has("oracle") ? (ObjectNode)root.get("oracle") : root.putObject("oracle"))
            .putObject("faultyPublisherRounds");
        for (final PublisherPanel.Behaviour behaviour : PublisherPanel.Behaviour.values())
        {
            faulty.put(behaviour.name().toLowerCase(java.util.Locale.ROOT), rounds[behaviour.ordinal()]);
        }
    }

    /**
     * Records what the keepers did (without the list of each liquidation).
     *
     * @param reports one per keeper.
     */
    public void keepers(final List<KeeperReport> reports)
    {
        final ArrayNode keepers = root.putArray("keepers");
        for (final KeeperReport report : reports)
        {
            final ObjectNode json = report.toJson();
            json.remove("liquidations");
            json.put("note", "markToOracle counts the positions taken over, not the desk's unwinding trades");
            keepers.add(json);
        }
    }

    /**
     * Records the batches.
     *
     * @param batches as sealed.
     */
    public void batches(final List<BatchSealer.Batch> batches)
    {
        final ObjectNode node = root.putObject("batches");
        node.put("count", batches.size());
        final ArrayNode list = node.putArray("list");
        for (final BatchSealer.Batch batch : batches)
        {
            list.addObject().put("number", batch.number()).put("time", time(batch.time()))
                .put("sequence", batch.sequence()).put("stateRoot", batch.stateRoot())
                .put("conservation", batch.conservation());
        }
    }

    /**
     * Records the audit's figures and invariants.
     *
     * @param audit    the replay of the journal.
     * @param nodeRoot the node's final state root.
     */
    public void audit(final JournalAudit audit, final String nodeRoot)
    {
        final ObjectNode batches = root.has("batches") ? (ObjectNode)root.get("batches") : root.putObject("batches");
        batches.put("finalRoot", nodeRoot);
        batches.put("replayedRoot", audit.finalRoot());
        long liquidations = 0;
        long commandsApplied = 0;
        long withFee = 0;
        long withPayment = 0;
        long deleveragings = 0;
        long socializations = 0;
        long fundFees = 0;
        long fundPayments = 0;
        long deleveragedQuote = 0;
        long socialized = 0;
        long fundingPaid = 0;
        long fundingReceived = 0;
        final ArrayNode perMarket = root.putArray("markets");
        final ObjectNode series = Json.MAPPER.createObjectNode();
        final ObjectNode price = series.putObject("price");
        final ObjectNode openInterest = series.putObject("openInterestUsd");
        final ObjectNode liquidationsPerMinute = series.putObject("liquidationsPerMinute");
        for (final DemoMarket market : markets)
        {
            final JournalAudit.MarketTotals t = audit.totals(market.id());
            liquidations += t.liquidations;
            commandsApplied += t.liquidateCommands;
            withFee += t.liquidationsWithFundFee;
            withPayment += t.liquidationsWithFundPayment;
            deleveragings += t.deleveragings;
            socializations += t.socializations;
            fundFees += t.fundFees;
            fundPayments += t.fundPayments;
            deleveragedQuote += t.deleveragedQuote;
            socialized += t.socialized;
            fundingPaid += t.fundingPaid;
            fundingReceived += t.fundingReceived;
            final ObjectNode m = perMarket.addObject();
            m.put("market", market.ticker());
            final ObjectNode liq = m.putObject("liquidations");
            liq.put("count", t.liquidations);
            liq.put("liquidateCommandsApplied", t.liquidateCommands);
            liq.put("size", size(market, t.liquidatedSize));
            liq.put("fillQuote", StateReport.quote(t.liquidatedQuote));
            final ObjectNode waterfall = m.putObject("waterfall");
            waterfall.putObject("keeperFillFundKeptFee").put("count", t.liquidationsWithFundFee)
                .put("amount", StateReport.quote(t.fundFees));
            waterfall.putObject("insuranceFundPaidDeficit").put("count", t.liquidationsWithFundPayment)
                .put("amount", StateReport.quote(t.fundPayments));
            waterfall.putObject("deleveraged").put("count", t.deleveragings)
                .put("size", size(market, t.deleveragedSize)).put("amount", StateReport.quote(t.deleveragedQuote));
            waterfall.putObject("socialized").put("count", t.socializations)
                .put("amount", StateReport.quote(t.socialized));
            final ObjectNode funding = m.putObject("funding");
            funding.put("ticks", t.fundingTicks);
            funding.put("meanRate8h", t.fundingTicks == 0 ? "0" : BigDecimal.valueOf(t.fundingRateSumPpb)
                .divide(BigDecimal.valueOf(t.fundingTicks), 0, java.math.RoundingMode.HALF_EVEN)
                .movePointLeft(9).toPlainString());
            funding.put("paid", StateReport.quote(t.fundingPaid));
            funding.put("received", StateReport.quote(t.fundingReceived));
            m.putObject("trades").put("count", t.trades).put("quote", StateReport.quote(t.tradedQuote));
            m.putObject("oracle").put("roundsSent", roundsSent == null ? 0 : roundsSent[market.id()])
                .put("indexUpdates", t.oracleUpdates).put("roundsHeld", t.oracleHeld)
                .put("maxIndexDistanceFromHonestPrice", BigDecimal.valueOf(t.maxIndexDeviationPpm).movePointLeft(6)
                    .toPlainString());
            final long[] prices = audit.prices(market.id());
            final long[] oi = audit.openInterest(market.id());
            final long[] liquidated = audit.liquidationsPerMinute(market.id());
            final ArrayNode p = price.putArray(market.ticker());
            final ArrayNode o = openInterest.putArray(market.ticker());
            final ArrayNode l = liquidationsPerMinute.putArray(market.ticker());
            long low = Long.MAX_VALUE;
            long high = 0;
            for (int i = 0; i < prices.length; i++)
            {
                p.add(cents(market.usd(prices[i])));
                o.add(Math.round(Math.abs(market.notionalUsd(oi[i], prices[i]))));
                l.add(liquidated[i]);
                if (prices[i] > 0)
                {
                    low = Math.min(low, prices[i]);
                    high = Math.max(high, prices[i]);
                }
            }
            m.put("indexLow", cents(market.usd(low == Long.MAX_VALUE ? 0 : low)));
            m.put("indexHigh", cents(market.usd(high)));
        }
        final ObjectNode total = root.putObject("liquidations");
        total.put("count", liquidations);
        total.put("liquidateCommandsApplied", commandsApplied);
        final ObjectNode steps = total.putObject("byWaterfallStep");
        steps.put("keeperFillFundKeptFee", withFee);
        steps.put("insuranceFundPaidDeficit", withPayment);
        steps.put("deleveragingOffsets", deleveragings);
        steps.put("lossesSocialized", socializations);
        final long[] fund = audit.insuranceFund();
        final ObjectNode insurance = root.putObject("insuranceFund");
        insurance.put("feesKept", StateReport.quote(fundFees));
        insurance.put("deficitsPaid", StateReport.quote(fundPayments));
        insurance.put("end", StateReport.quote(fund.length == 0 ? 0 : fund[fund.length - 1]));
        long fundLow = Long.MAX_VALUE;
        long fundHigh = Long.MIN_VALUE;
        final ArrayNode fundPath = series.putArray("insuranceFund");
        for (final long balance : fund)
        {
            fundLow = Math.min(fundLow, balance);
            fundHigh = Math.max(fundHigh, balance);
            fundPath.add(cents(balance / 1e6));
        }
        insurance.put("low", StateReport.quote(fund.length == 0 ? 0 : fundLow));
        insurance.put("high", StateReport.quote(fund.length == 0 ? 0 : fundHigh));
        insurance.put("path", "series.insuranceFund: USDC at the end of each minute (series.minutes: its start)");
        root.putObject("deleveraged").put("offsets", deleveragings).put("amount", StateReport.quote(deleveragedQuote));
        root.putObject("socialized").put("losses", socializations).put("amount", StateReport.quote(socialized));
        root.putObject("funding").put("paid", StateReport.quote(fundingPaid))
            .put("received", StateReport.quote(fundingReceived))
            .put("note", "settled when positions are touched; the rest is accrued in the index");
        final ObjectNode oracle = root.has("oracle") ? (ObjectNode)root.get("oracle") : root.putObject("oracle");
        final ObjectNode leftOut = oracle.putObject("reportsLeftOut");
        audit.reportsLeftOut().forEach(leftOut::put);
        oracle.put("faultyPublisherReportsLeftOut", audit.faultyReportsLeftOut());
        final ObjectNode rejections = root.putObject("engineRejections");
        audit.rejections().forEach(rejections::put);

        final ObjectNode invariants = root.putObject("invariants");
        invariants.put("conservationExactAfterEveryBatch", audit.conservationFailures() == 0);
        invariants.put("batchesChecked", audit.batchesChecked());
        invariants.put("batchRootsEqualReplay", audit.rootMismatches() == 0);
        invariants.put("noNegativeNetCollateral", audit.negativeNetCollateral() == 0);
        invariants.put("subaccountsWithNegativeNetCollateral", audit.negativeNetCollateral());
        invariants.put("rootEqualsIndependentReplay", audit.finalRootMatches());
        invariants.put("commandsReplayed", audit.commands());
        final ArrayNode failed = invariants.putArray("failures");
        audit.failures().forEach(failed::add);
        failures.addAll(audit.failures());
        invariants.put("hold", failures.isEmpty());

        final ArrayNode minutes = series.putArray("minutes");
        for (int i = 0; i < settings.minutes(); i++)
        {
            minutes.add(time(DemoMarket.DAY_START + (settings.fromMinute() + i) * MinuteSeries.MINUTE_MS)
                .substring(11, 16));
        }
        root.set("series", series);
    }

    /**
     * Records the market makers' spread packages: what the desk sent, what the node answered, and what the journal's
     * replay settled (its {@code BlockTradeSettled} events). A refused package is listed with its reason code; a count
     * that differs from the journal's is a failure.
     *
     * @param quotes the packages sent, in time order.
     * @param audit  the journal's replay.
     */
    public void blockTrades(final List<SpreadDesk.Quote> quotes, final JournalAudit audit)
    {
        final ObjectNode blocks = root.putObject("blockTrades");
        blocks.put("schedule", "every " + SpreadDesk.EVERY_MINUTES + " minutes of the replay (minute " +
            SpreadDesk.OFFSET_MINUTES + " of each period), one market maker signs a BTC/ETH pair package (long one " +
            "perpetual, short the other, about " + Math.round(SpreadDesk.LEG_NOTIONAL_USD) + " USD a leg at the " +
            "closing index) that the other accepts; settleBlockTrade, fees " +
            StateReport.quote(SpreadDesk.FEE) + " USDC a side");
        long settled = 0;
        long legs = 0;
        double notional = 0;
        final ArrayNode list = Json.MAPPER.createArrayNode();
        final ArrayNode refused = Json.MAPPER.createArrayNode();
        for (final SpreadDesk.Quote quote : quotes)
        {
            final ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("time", time(quote.time())).put("maker", quote.maker()).put("taker", quote.taker())
                .put("package", quote.digest()).put("notionalUsd", cents(quote.notionalUsd()));
            final ArrayNode legList = json.putArray("legs");
            for (final SpreadDesk.Leg leg : quote.legs())
            {
                legList.addObject().put("market", leg.market().ticker()).put("makerSide", leg.makerBuys() ? "buy" :
                    "sell").put("size", size(leg.market(), leg.size()))
                    .put("price", BigDecimal.valueOf(leg.price()).movePointRight(leg.market().priceExponent())
                        .stripTrailingZeros().toPlainString())
                    .put("notionalUsd", cents(leg.notionalUsd()));
            }
            if (quote.answered() && quote.code() == null)
            {
                json.put("status", "settled");
                settled++;
                legs += quote.legs().size();
                notional += quote.notionalUsd();
            }
            else
            {
                final String code = quote.answered() ? quote.code() : "NOT_ANSWERED";
                json.put("status", "refused").put("code", code);
                refused.add(json.deepCopy());
            }
            list.add(json);
        }
        blocks.put("sent", quotes.size());
        blocks.put("count", settled);
        blocks.put("legs", legs);
        blocks.put("notionalUsd", cents(notional));
        blocks.put("settledInJournal", audit.blockTrades());
        blocks.put("legsInJournal", audit.blockTradeLegs());
        blocks.set("refused", refused);
        blocks.set("packages", list);
        if (audit.blockTrades() != settled || audit.blockTradeLegs() != legs)
        {
            failures.add("block trades: " + settled + " settled by the node, " + audit.blockTrades() +
                " in the journal's replay");
        }
        final ObjectNode invariants = (ObjectNode)root.get("invariants");
        if (invariants != null)
        {
            invariants.put("blockTradesEqualJournal", audit.blockTrades() == settled);
            final ArrayNode failed = invariants.putArray("failures");
            failures.forEach(failed::add);
            invariants.put("hold", failures.isEmpty());
        }
    }

    /**
     * Adds a section of the report under its own key, its invariants to the invariant list and its failures.
     *
     * @param key         the section's top-level key.
     * @param section     the section.
     * @param invariants  invariant name to whether it holds.
     * @param newFailures what failed.
     */
    public void section(final String key, final ObjectNode section, final Map<String, Boolean> invariants,
        final List<String> newFailures)
    {
        root.set(key, section);
        failures.addAll(newFailures);
        final ObjectNode list = root.has("invariants") ? (ObjectNode)root.get("invariants") :
            root.putObject("invariants");
        invariants.forEach(list::put);
        final ArrayNode failed = list.putArray("failures");
        failures.forEach(failed::add);
        list.put("hold", failures.isEmpty());
    }

    /**
     * Records the bankruptcy waterfall and the risk controls ({@link RiskReport}).
     *
     * @param audit the journal's replay.
     * @param desk  the risk desk.
     */
    void risk(final JournalAudit audit, final MarketRiskDesk desk)
    {
        RiskReport.write(root, failures, markets, settings, audit, desk);
    }

    /**
     * Writes {@code report.json} and {@code report.html}.
     *
     * @param out the directory.
     * @return the outcome.
     * @throws IOException when the files cannot be written.
     */
    public DemoOutcome write(final Path out) throws IOException
    {
        final Path json = out.resolve("report.json");
        final Path html = out.resolve("report.html");
        Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root),
            StandardCharsets.UTF_8);
        Files.writeString(html, ReportPage.render(root), StandardCharsets.UTF_8);
        return new DemoOutcome(json, html, root, List.copyOf(failures));
    }

    /**
     * The report so far.
     *
     * @return the JSON object.
     */
    public ObjectNode json()
    {
        return root;
    }

    private static String size(final DemoMarket market, final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointRight(market.atomicResolution()).stripTrailingZeros()
            .toPlainString();
    }

    private static double cents(final double usd)
    {
        return Math.round(usd * 100) / 100.0;
    }

    private static double seconds(final long nanos)
    {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static String time(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
