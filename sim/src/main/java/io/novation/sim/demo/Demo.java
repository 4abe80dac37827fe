package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.node.json.Json;
import io.novation.node.server.Genesis;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.sim.keeper.Keeper;
import io.novation.sim.keeper.KeeperReport;
import io.novation.sim.keeper.KeeperSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * {@code novation demo}: replays the 2025-10-10 crash through a live node. It starts an embedded node (replay
 * clock, journal and snapshots under {@code OUT/node}) and drives it over HTTP as a venue's participants would: five
 * oracle publishers, one faulty, sign each minute's BTC and ETH prices; a population of traders, long-skewed, trades
 * through a crossing matcher against two market makers, the matcher sending both signed orders of every fill as
 * {@code settleTrade}; the operator samples funding every minute (impact prices from the book) and ticks it every
 * hour; three keepers running the keeper program compete for every liquidation and unwind what they took over on the
 * book; every half hour one market maker signs a BTC/ETH pair package that the other accepts, settled as
 * {@code settleBlockTrade} ({@link SpreadDesk}); batches are sealed every ten simulated minutes; governance turns on
 * the margin controller and the depth penalty and the venue reports its book depth ({@link MarketRiskDesk}); AVAX-USD's
 * wick runs the bankruptcy waterfall to its end ({@link Waterfall}). Then it stops the
 * node, re-executes its journal in a fresh engine ({@link JournalAudit}) and writes {@code report.json} and
 * {@code report.html}.
 * <p>
 * Simulated time runs at most {@code speed} times faster than real time, and after every oracle round it waits until
 * the keepers have swept (minute data leaves real keepers the better part of a minute).
 */
public final class Demo
{
    /** Setup starts this long before the window: governance's one-hour delay turns the risk controls on in time. */
    private static final long SETUP_LEAD_MS = 4_500_000;
    private static final long OPENING_LEAD_MS = 60_000;
    private static final long IMPACT_NOTIONAL_USD = 25_000;
    private static final long SPREAD_OFFSET_MS = 58_500;

    private final DemoSettings settings;
    private final ChainSettings chainSettings;
    private BaseChain chain;
    private DemoSolvencyProof proof;
    private ChainOpening chainOpening;
    private final DemoConsole console;
    private final List<DemoMarket> markets;
    private final MarketRiskDesk riskDesk;
    private final PublisherPanel publishers = new PublisherPanel();
    private final TraderDecisions decisions;
    private final SignedRounds signedRounds;
    private final List<Keeper> keepers = new ArrayList<>();
    private final List<BatchSealer.Batch> batches = new ArrayList<>();
    private final long windowStart;
    private final long[] roundsSent;
    private final long[] faultyRounds = new long[PublisherPanel.Behaviour.values().length];
    private final SpreadDesk spreads;
    private final OptionDesk options;
    private final Map<ObjectNode, SpreadDesk.Quote> unanswered = new IdentityHashMap<>();
    private DemoCast cast;
    private OrderFlow flow;
    private Node node;
    private NovationClient client;
    private Operator operator;
    private StreamTap tap;
    private BatchSealer sealer;
    private byte[] domain;
    private byte[] bridgeKey;
    private long lastSequence;
    private long keeperTimeouts;
    private long fillsSent;
    private long loopStartNanos;
    private long loopStartSequence;

    private Demo(final DemoSettings settings, final ChainSettings chainSettings, final PrintStream console,
        final boolean interactive)
    {
        this.settings = settings;
        this.markets = DemoMarket.select(settings.markets());
        this.riskDesk = new MarketRiskDesk(markets);
        this.chainSettings = chainSettings;
        this.console = new DemoConsole(console, interactive, markets);
        this.decisions = new TraderDecisions(settings.seed());
        this.signedRounds = new SignedRounds(settings, markets, publishers);
        this.windowStart = DemoMarket.DAY_START + settings.fromMinute() * MinuteSeries.MINUTE_MS;
        this.roundsSent = new long[markets.size()];
        this.spreads = new SpreadDesk(settings.fromMinute());
        // None without BTC-USD among the markets: the series and the holders' hedges are BTC's.
        this.options = OptionDesk.onUnderlying(markets, publishers, settings.fromMinute());
    }

    /**
     * Runs the demo and writes its report.
     *
     * @param settings    how to run it.
     * @param console     where the progress line and the summary go.
     * @param interactive whether the console is a terminal (one line rewritten in place), else a line per hour.
     * @return the outcome.
     * @throws IOException          when the node or the output directory cannot be used.
     * @throws InterruptedException when interrupted.
     */
    public static DemoOutcome run(final DemoSettings settings, final PrintStream console, final boolean interactive)
        throws IOException, InterruptedException
    {
        return run(settings, ChainSettings.off(), console, interactive);
    }

    /**
     * Runs the demo with a base chain ({@link BaseChain}) and writes its report.
     *
     * @param settings      how to run it.
     * @param chainSettings the base chain's settings.
     * @param console       where the progress line and the summary go.
     * @param interactive   whether the console is a terminal.
     * @return the outcome.
     * @throws IOException          when the node, the chain or the output directory cannot be used
     *                              ({@link LocalEvm.ChainUnavailableException} when the chain cannot be started).
     * @throws InterruptedException when interrupted.
     */
    public static DemoOutcome run(final DemoSettings settings, final ChainSettings chainSettings,
        final PrintStream console, final boolean interactive) throws IOException, InterruptedException
    {
        return run(settings, chainSettings, ProofSettings.off(), console, interactive);
    }

    /**
     * Runs the demo with a base chain and, with {@code --prove}, the final batch's solvency proven and checked on
     * chain ({@link DemoSolvencyProof}), and writes its report.
     *
     * @param settings      how to run it.
     * @param chainSettings the base chain's settings.
     * @param proofSettings whether to prove the final batch, and the prover's tools.
     * @param console       where the progress line and the summary go.
     * @param interactive   whether the console is a terminal.
     * @return the outcome.
     * @throws IOException          when the node, the chain, the prover's tools or the output directory cannot be used
     *                              ({@link DemoSolvencyProof.ProverUnavailableException} before anything starts).
     * @throws InterruptedException when interrupted.
     */
    public static DemoOutcome run(final DemoSettings settings, final ChainSettings chainSettings,
        final ProofSettings proofSettings, final PrintStream console, final boolean interactive)
        throws IOException, InterruptedException
    {
        if (proofSettings.enabled() && !chainSettings.enabled())
        {
            throw new IllegalArgumentException("--prove needs the base chain (drop --no-chain)");
        }
        final Demo demo = new Demo(settings, chainSettings, console, interactive);
        try
        {
            demo.proof = proofSettings.enabled() ? DemoSolvencyProof.prepare(proofSettings) : null;
            return demo.run();
        }
        finally
        {
            if (demo.proof != null)
            {
                demo.proof.close();
            }
            if (demo.chainOpening != null)
            {
                demo.chainOpening.close();
            }
            if (demo.chain != null)
            {
                demo.chain.close();
            }
        }
    }

    private DemoOutcome run() throws IOException, InterruptedException
    {
        final long start = System.nanoTime();
        final Path nodeDir = settings.out().resolve("node");
        deleteRecursively(nodeDir);
        Files.createDirectories(settings.out());
        final ExecutorService signers = Executors.newSingleThreadExecutor(task ->
        {
            final Thread thread = new Thread(task, "demo-oracle-signer");
            thread.setDaemon(true);
            return thread;
        });
        final DemoReport report = new DemoReport(settings, markets);
        String nodeRoot;
        long finalSequence;
        try
        {
            node = Node.start(NodeConfig.defaults().withDataDir(nodeDir).withPort(0).withReplayClock(true)
                .withSealing(0, settings.batchMinutes() * MinuteSeries.MINUTE_MS),
                new PrintStream(OutputStream.nullOutputStream()));
            client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
            final JsonNode devKeys = Json.MAPPER.readTree(nodeDir.resolve(Genesis.DEV_KEYS).toFile());
            operator = new Operator(client, node.genesis().engineConfig(),
                Hex.decode(devKeys.get("governancePrivateKey").asText()),
                Hex.decode(devKeys.get("bridgePrivateKey").asText()));
            bridgeKey = Hex.decode(devKeys.get("bridgePrivateKey").asText());
            domain = operator.domain();
            sealer = new SealedBatches(client);
            signedRounds.start(signers, domain);

            console.say("novation demo: node on port " + node.port() + ", " + settings.accounts() + " traders, " +
                DemoConsole.hhmm(settings.fromMinute()) + " to " + DemoConsole.hhmm(settings.toMinute()) +
                " UTC of 2025-10-10, speed " + (Double.isInfinite(settings.speed()) ? "unpaced" :
                String.format("%,.0f×", settings.speed())));
            setUp();
            final long setupDone = System.nanoTime();
            report.phase("setup", setupDone - start);
            final long openingFills = openPositions();
            final Depositor depositor = chain != null ? chain::depositAndCredit : operator::deposits;
            if (options != null)
            {
                lastSequence = Math.max(lastSequence, options.open(operator, cast.makers(), domain,
                    operator.simulatedTime() + 1, depositor));
            }
            final long openingDone = System.nanoTime();
            report.phase("opening", openingDone - setupDone);
            report.opening(openingFills, openingDone - setupDone);
            startKeepers();
            loopStartNanos = System.nanoTime();
            loopStartSequence = lastSequence;
            List<ObjectNode> carried = List.of();
            for (int minute = settings.fromMinute(); minute < settings.toMinute(); minute++)
            {
                final OraclePrice[][] signed = signedRounds.take(minute);
                replayMinute(minute, signed, carried);
                lastSequence = options == null ? lastSequence :
                    Math.max(lastSequence, options.minute(minute, operator, cast.makers(), domain));
                carried = restOfMinute(minute, signed);
                progress(minute, false);
                pace(minute);
            }
            send(carried);
            awaitKeepers(lastSequence);
            addBatch(sealer.seal(batches.size() + 1, operator.simulatedTime()));
            if (chain != null)
            {
                chain.commitSealed();
            }
            final long loopDone = System.nanoTime();
            progress(settings.toMinute() - 1, true);
            report.phase("replay", loopDone - loopStartNanos);
            final List<KeeperReport> keeperReports = new ArrayList<>();
            for (final Keeper keeper : keepers)
            {
                keeperReports.add(keeper.report());
                keeper.close();
            }
            keepers.clear();
            tap.close();
            final JsonNode state = client.read("/v1/state");
            nodeRoot = state.get("stateRoot").asText();
            finalSequence = state.get("sequence").asLong();
            report.run(finalSequence, finalSequence - loopStartSequence, loopDone - loopStartNanos, operator,
                flow.takerOrders(), fillsSent, keeperTimeouts, cast.traders().size());
            report.signatures(publishers.reportsSigned(), Participant.ordersSigned(), operator.envelopesSigned(),
                roundsSent);
            report.faultyPublisher(faultyRounds);
            report.keepers(keeperReports);
            report.batches(batches);
        }
        finally
        {
            keepers.forEach(Keeper::close);
            if (tap != null)
            {
                tap.close();
            }
            if (node != null)
            {
                node.close();
            }
            signers.shutdownNow();
        }
        final long auditStart = System.nanoTime();
        final OptionLedger optionLedger = options == null ? new OptionLedger(Map.of(), publishers.faulty()) :
            options.ledger(cast.makers(), cast.desks(), publishers.faulty());
        final JournalAudit audit = new JournalAudit(node.genesis().engineConfig(), markets.size(), windowStart,
            settings.minutes(), publishers.faulty(), signedRounds::honestPrice).listen(optionLedger)
            .listen(new Waterfall(markets)).listen(new RiskSeries(markets.size(), settings.minutes()));
        final ChainAudit chainAudit = chain == null ? null : chain.auditor();
        if (chainAudit != null)
        {
            audit.listen(chainAudit);
        }
        audit.run(nodeDir.resolve("journal"), batches, nodeRoot);
        report.phase("audit", System.nanoTime() - auditStart);
        report.audit(audit, nodeRoot);
        report.blockTrades(spreads.quotes(), audit);
        if (options != null)
        {
            OptionsReport.write(report, options, optionLedger, settings);
        }
        else
        {
            OptionsReport.notRun(report, optionLedger, OptionDesk.NOT_RUN_REASON, markets);
        }
        report.risk(audit, riskDesk);
        if (proof != null && chain != null)
        {
            final long proveStart = System.nanoTime();
            proof.prove(nodeDir, chain.forProof(), report, console::say);
            report.phase("prove", System.nanoTime() - proveStart);
        }
        if (chain != null)
        {
            chain.finish(chainAudit, report);
        }
        report.phase("total", System.nanoTime() - start);
        final DemoOutcome outcome = report.write(settings.out());
        console.summary(outcome, audit);
        return outcome;
    }

    // ---------------------------------------------------------------- setup

    /**
     * Markets, publishers, the population and its deposits; with a base chain, its opening (ganache, the contracts,
     * the bridge deposits) runs meanwhile on a thread of its own ({@link ChainOpening}).
     */
    private void setUp() throws IOException, InterruptedException
    {
        cast = DemoCast.draw(settings, markets);
        flow = new OrderFlow(markets.size(), cast, decisions);
        if (chainSettings.enabled())
        {
            chainOpening = ChainOpening.start(chainSettings, settings.out().resolve("chain"), operator, bridgeKey,
                cast, markets.size());
        }
        long time = windowStart - SETUP_LEAD_MS;
        for (final DemoMarket market : markets)
        {
            // One request each: a batch is decoded against the definitions before it, and the next market id is
            // part of what the governance key signs.
            send(List.of(operator.governance(market.definition(time++))));
        }
        final List<ObjectNode> registrations = new ArrayList<>();
        for (final DemoMarket market : markets)
        {
            for (final Address publisher : publishers.addresses())
            {
                registrations.add(operator.governance(new RegisterOraclePublisher(time++, market.id(), publisher)));
            }
        }
        send(registrations);
        final List<ObjectNode> risk = new ArrayList<>();
        for (final Command change : riskDesk.turnOn(time++))
        {
            risk.add(operator.governance(change));
        }
        send(risk);

        if (chainOpening != null)
        {
            chain = chainOpening.await();
            send(chain.credit(windowStart - SETUP_LEAD_MS / 2));
        }
        else
        {
            send(operator.deposits(cast.accounts(), cast.deposits(), windowStart - SETUP_LEAD_MS / 2));
        }
        send(IsolatedMargin.transfers(cast, operator, domain, operator.simulatedTime() + 1));
        tap = new StreamTap(markets.size(), cast.everyone());
        tap.start(client, 0);
    }

    /** The first prices, then every trader opens its position against the market makers. */
    private long openPositions() throws IOException, InterruptedException
    {
        final long priceTime = windowStart - OPENING_LEAD_MS;
        final List<ObjectNode> first = new ArrayList<>();
        final long[] index = new long[markets.size()];
        for (final DemoMarket market : markets)
        {
            index[market.id()] = market.series().open(settings.fromMinute());
            first.add(operator.encode(publishers.honestRound(market, index[market.id()], priceTime, domain)));
            roundsSent[market.id()]++;
        }
        send(first);
        final long expiry = windowStart + 3_600_000;
        final List<CrossingMatcher.Fill> fills = flow.open(markets, index, domain, expiry);
        final List<ObjectNode> commands = new ArrayList<>(fills.size());
        final long span = OPENING_LEAD_MS - 2_000;
        for (int i = 0; i < fills.size(); i++)
        {
            commands.add(settle(fills.get(i), priceTime + 1 + i * span / Math.max(1, fills.size())));
        }
        send(commands);
        fillsSent += fills.size();
        tap.awaitSequence(lastSequence, settings.keeperWaitMs());
        return fills.size();
    }

    private void startKeepers() throws IOException
    {
        for (final Participant desk : cast.desks())
        {
            keepers.add(Keeper.start(KeeperSettings.of(client.base(), desk.privateKey()).withIdleSweepMs(2_000)
                .withClock(operator::simulatedTime)));
        }
    }

    // ---------------------------------------------------------------- one minute

    /**
     * One minute in one request: its extreme's round (and the funding tick on the hour), after which the keepers
     * sweep; then, in the next minute's request, its close's round, the trading of the rest of the minute (decided on
     * the positions the keepers left) and the funding samples. The last minute's close and trading go alone.
     */
    private void replayMinute(final int minute, final OraclePrice[][] rounds, final List<ObjectNode> carried)
        throws IOException, InterruptedException
    {
        final long minuteStart = DemoMarket.DAY_START + minute * MinuteSeries.MINUTE_MS;
        final List<ObjectNode> commands = new ArrayList<>(carried);
        if (minute % 60 == 0 && minute != settings.fromMinute())
        {
            for (final DemoMarket market : markets)
            {
                commands.add(operator.governance(new FundingTick(minuteStart, market.id(), false, 0)));
            }
        }
        for (final Command report : riskDesk.depthReports(minute, minuteStart))
        {
            commands.add(operator.governance(report));
        }
        commands.addAll(roundCommands(rounds, 0));
        if (!commands.isEmpty())
        {
            send(commands);
            awaitKeepers(lastSequence);
        }
    }

    /** The rest of a minute, sent with the next one: the close's round, the trading and the funding samples. */
    private List<ObjectNode> restOfMinute(final int minute, final OraclePrice[][] rounds)
        throws IOException
    {
        final long minuteStart = DemoMarket.DAY_START + minute * MinuteSeries.MINUTE_MS;
        final List<ObjectNode> commands = roundCommands(rounds, 1);
        commands.addAll(trade(minute, minuteStart));
        if ((minute - settings.fromMinute() + 1) % settings.batchMinutes() == 0)
        {
            // The batch ends before the next request: what this minute left (sent now) belongs to the next one.
            addBatch(sealer.seal(batches.size() + 1, operator.simulatedTime()));
            if (chain != null)
            {
                chain.afterSeal(operator.simulatedTime());
            }
        }
        return commands;
    }

    private List<ObjectNode> roundCommands(final OraclePrice[][] rounds, final int round)
    {
        final List<ObjectNode> commands = new ArrayList<>();
        for (final DemoMarket market : markets)
        {
            final OraclePrice signed = rounds[market.id()][round];
            if (signed != null)
            {
                commands.add(operator.encode(signed));
                roundsSent[market.id()]++;
                final int minute = (int)((signed.time() - DemoMarket.DAY_START) / MinuteSeries.MINUTE_MS);
                faultyRounds[PublisherPanel.behaviour(minute).ordinal()]++;
            }
        }
        return commands;
    }

    /** Market makers re-quote, keepers unwind, traders act: the fills and the funding samples for the node. */
    private List<ObjectNode> trade(final int minute, final long minuteStart)
    {
        final List<CrossingMatcher.Fill> fills = new ArrayList<>();
        final List<ObjectNode> samples = new ArrayList<>();
        final long expiry = minuteStart + 3_600_000;
        for (final DemoMarket market : markets)
        {
            final long index = market.series().close(minute);
            flow.trade(market, minute, index, domain, expiry, fills);
            final CrossingMatcher book = flow.book(market.id());
            final long impactSize = market.sizeFor(IMPACT_NOTIONAL_USD, index);
            samples.add(operator.governance(new FundingSample(minuteStart + 59_000, market.id(),
                book.impactPrice(false, impactSize), book.impactPrice(true, impactSize))));
        }
        final List<ObjectNode> commands = new ArrayList<>(fills.size() + samples.size());
        final long first = minuteStart + PublisherPanel.ROUND_OFFSETS_MS[1] + 1_000;
        for (int i = 0; i < fills.size(); i++)
        {
            commands.add(settle(fills.get(i), first + Math.min(i, 7_000)));
        }
        // The package is a BTC/ETH pair: only when both markets are among --markets.
        final DemoMarket btc = DemoMarket.byTicker(markets, "BTC-USD");
        final DemoMarket eth = DemoMarket.byTicker(markets, "ETH-USD");
        if (btc != null && eth != null && spreads.due(minute))
        {
            final long[] closes = new long[markets.size()];
            for (final DemoMarket market : markets)
            {
                closes[market.id()] = market.series().close(minute);
            }
            // After the minute's fills (at most 58 s into it), before its funding samples (59 s).
            final SettleBlockTrade pair = spreads.quote(cast.makers(), btc, eth, closes, domain,
                minuteStart + SPREAD_OFFSET_MS);
            if (pair != null)
            {
                final ObjectNode json = operator.encode(pair);
                unanswered.put(json, spreads.quotes().get(spreads.quotes().size() - 1));
                commands.add(json);
            }
        }
        commands.addAll(samples);
        fillsSent += fills.size();
        return commands;
    }

    private ObjectNode settle(final CrossingMatcher.Fill fill, final long time)
    {
        return operator.encode(new SettleTrade(time, fill.maker().market(), fill.maker(), fill.taker(), fill.size(),
            fill.price()));
    }

    // ---------------------------------------------------------------- the node

    private void send(final List<ObjectNode> commands) throws IOException
    {
        if (!commands.isEmpty())
        {
            final Operator.Answer answer = operator.send(commands);
            lastSequence = Math.max(lastSequence, answer.lastSequence());
            if (!unanswered.isEmpty())
            {
                for (int i = 0; i < commands.size(); i++)
                {
                    final SpreadDesk.Quote quote = unanswered.remove(commands.get(i));
                    if (quote != null)
                    {
                        quote.answer(answer.codes()[i]);
                    }
                }
            }
        }
    }

    /**
     * Waits until every keeper has swept after everything sequenced so far (their own liquidations included), then
     * until the venue's stream has delivered it.
     */
    private void awaitKeepers(final long sequence) throws IOException, InterruptedException
    {
        long target = sequence;
        for (int pass = 0; pass < 100; pass++)
        {
            for (final Keeper keeper : keepers)
            {
                if (!keeper.awaitCaughtUp(target, settings.keeperWaitMs()))
                {
                    keeperTimeouts++;
                }
            }
            long now = target;
            for (final Keeper keeper : keepers)
            {
                now = Math.max(now, keeper.lastSentSequence());
            }
            if (now <= target)
            {
                break;
            }
            target = now;
        }
        tap.awaitSequence(target, settings.keeperWaitMs());
        lastSequence = Math.max(lastSequence, target);
    }

    private void progress(final int minute, final boolean last)
    {
        console.progress(minute, last, tap, loopStartNanos, lastSequence - loopStartSequence);
    }

    private void pace(final int minute) throws InterruptedException
    {
        if (Double.isInfinite(settings.speed()))
        {
            return;
        }
        final double wallMs = (minute - settings.fromMinute() + 1) * MinuteSeries.MINUTE_MS / settings.speed();
        final long due = loopStartNanos + (long)(wallMs * 1e6);
        final long left = due - System.nanoTime();
        if (left > 0)
        {
            Thread.sleep(left / 1_000_000, (int)(left % 1_000_000));
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }

    /** Keeps a batch the node sealed since the last look (none when it has not sealed one since). */
    private void addBatch(final BatchSealer.Batch batch)
    {
        if (batch != null && (batches.isEmpty() || batches.get(batches.size() - 1).sequence() < batch.sequence()))
        {
            batches.add(batch);
        }
    }
}
