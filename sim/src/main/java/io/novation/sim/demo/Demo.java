package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.node.json.Json;
import io.novation.node.server.Genesis;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.sim.keeper.Keeper;
import io.novation.sim.keeper.KeeperReport;
import io.novation.sim.keeper.KeeperSettings;
import io.novation.sim.keeper.NodeClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * {@code novation demo}: replays the 2025-10-10 crash through a live node. It starts an embedded node (replay
 * clock, journal and snapshots under {@code OUT/node}) and drives it over HTTP as a venue's participants would: five
 * oracle publishers, one faulty, sign each minute's BTC and ETH prices; a population of traders, long-skewed, trades
 * through a crossing matcher against two market makers, the matcher sending both signed orders of every fill as
 * {@code settleTrade}; the operator samples funding every minute (impact prices from the book) and ticks it every
 * hour; three keepers running the keeper program compete for every liquidation and unwind what they took over on the
 * book; batches are sealed every ten simulated minutes. Then it stops the node, re-executes its journal in a fresh
 * engine ({@link JournalAudit}) and writes {@code report.json} and {@code report.html}.
 * <p>
 * Simulated time runs at most {@code speed} times faster than real time, and after every oracle round it waits until
 * the keepers have swept (minute data leaves real keepers the better part of a minute).
 */
public final class Demo
{
    private static final long SETUP_LEAD_MS = 600_000;
    private static final long OPENING_LEAD_MS = 60_000;
    private static final long IMPACT_NOTIONAL_USD = 25_000;
    private static final double TAKER_SLIPPAGE = 0.01;
    private static final double UNWIND_SLIPPAGE = 0.02;

    private final DemoSettings settings;
    private final PrintStream console;
    private final boolean interactive;
    private final List<DemoMarket> markets = List.of(DemoMarket.btc(), DemoMarket.eth());
    private final PublisherPanel publishers = new PublisherPanel();
    private final Random random;
    private final List<CrossingMatcher> books = new ArrayList<>();
    private final List<MarketMaker> makers = new ArrayList<>();
    private final List<Participant> desks = new ArrayList<>();
    private final List<Keeper> keepers = new ArrayList<>();
    private final List<BatchSealer.Batch> batches = new ArrayList<>();
    private final long windowStart;
    private final Semaphore signingAhead = new Semaphore(120);
    private final long[] roundsSent;
    private final long[] faultyRounds = new long[PublisherPanel.Behaviour.values().length];
    private List<Trader> traders;
    private List<List<Trader>> tradersByMarket;
    private Node node;
    private NodeClient client;
    private Operator operator;
    private StreamTap tap;
    private BatchSealer sealer;
    private byte[] domain;
    private long lastSequence;
    private long keeperTimeouts;
    private long takerOrders;
    private long fillsSent;
    private long lastProgressNanos;
    private long loopStartNanos;
    private long loopStartSequence;

    private Demo(final DemoSettings settings, final PrintStream console, final boolean interactive)
    {
        this.settings = settings;
        this.console = console;
        this.interactive = interactive;
        this.random = new Random(settings.seed());
        this.windowStart = DemoMarket.DAY_START + settings.fromMinute() * MinuteSeries.MINUTE_MS;
        for (int i = 0; i < markets.size(); i++)
        {
            books.add(new CrossingMatcher());
        }
        this.roundsSent = new long[markets.size()];
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
        return new Demo(settings, console, interactive).run();
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
            client = new NodeClient(URI.create("http://127.0.0.1:" + node.port()));
            final JsonNode devKeys = Json.MAPPER.readTree(nodeDir.resolve(Genesis.DEV_KEYS).toFile());
            operator = new Operator(client, node.genesis().engineConfig(),
                Hex.decode(devKeys.get("governancePrivateKey").asText()),
                Hex.decode(devKeys.get("bridgePrivateKey").asText()));
            domain = operator.domain();
            sealer = new SealedBatches(client);
            final List<CompletableFuture<OraclePrice[][]>> rounds = presignRounds(signers);

            say("novation demo: node on port " + node.port() + ", " + settings.accounts() + " traders, " +
                hhmm(settings.fromMinute()) + " to " + hhmm(settings.toMinute()) +
                " UTC of 2025-10-10, speed " + (Double.isInfinite(settings.speed()) ? "unpaced" :
                String.format("%,.0f×", settings.speed())));
            setUp();
            final long setupDone = System.nanoTime();
            report.phase("setup", setupDone - start);
            final long openingFills = openPositions();
            final long openingDone = System.nanoTime();
            report.phase("opening", openingDone - setupDone);
            report.opening(openingFills, openingDone - setupDone);
            startKeepers();
            loopStartNanos = System.nanoTime();
            loopStartSequence = lastSequence;
            List<ObjectNode> carried = List.of();
            for (int minute = settings.fromMinute(); minute < settings.toMinute(); minute++)
            {
                final OraclePrice[][] signed = rounds.get(minute - settings.fromMinute()).join();
                signingAhead.release();
                replayMinute(minute, signed, carried);
                carried = restOfMinute(minute, signed);
                progress(minute, false);
                pace(minute);
            }
            send(carried);
            awaitKeepers(lastSequence);
            addBatch(sealer.seal(batches.size() + 1, operator.simulatedTime()));
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
                takerOrders, fillsSent, keeperTimeouts, traders.size());
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
        final JournalAudit audit = new JournalAudit(node.genesis().engineConfig(), markets.size(), windowStart,
            settings.minutes(), publishers.faulty(), this::honestPrice)
            .run(nodeDir.resolve("journal"), batches, nodeRoot);
        report.phase("audit", System.nanoTime() - auditStart);
        report.audit(audit, nodeRoot);
        report.phase("total", System.nanoTime() - start);
        final DemoOutcome outcome = report.write(settings.out());
        summary(outcome, audit);
        return outcome;
    }

    // ---------------------------------------------------------------- setup

    /**
     * Signs the publishers' rounds of every minute on one background thread, at most two hours of simulated time ahead
     * of the replay, so that signing overlaps the replay's waits instead of the setup. A round not due (an extreme
     * that did not deviate) is null.
     */
    private List<CompletableFuture<OraclePrice[][]>> presignRounds(final ExecutorService signer)
    {
        final List<CompletableFuture<OraclePrice[][]>> rounds = new ArrayList<>();
        for (int minute = settings.fromMinute(); minute < settings.toMinute(); minute++)
        {
            rounds.add(new CompletableFuture<>());
        }
        signer.execute(() ->
        {
            for (int i = 0; i < rounds.size(); i++)
            {
                try
                {
                    signingAhead.acquire();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                final int m = settings.fromMinute() + i;
                final OraclePrice[][] signed = new OraclePrice[markets.size()][PublisherPanel.ROUND_OFFSETS_MS.length];
                for (final DemoMarket market : markets)
                {
                    if (PublisherPanel.extremeDue(market, m))
                    {
                        signed[market.id()][0] = publishers.round(market, m, 0, domain);
                    }
                    signed[market.id()][1] = publishers.round(market, m, 1, domain);
                }
                rounds.get(i).complete(signed);
            }
        });
        return rounds;
    }

    /** Markets, publishers, the population and its deposits. */
    private void setUp() throws IOException
    {
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

        traders = Population.draw(settings.accounts(), markets, settings.seed());
        tradersByMarket = new ArrayList<>();
        for (int m = 0; m < markets.size(); m++)
        {
            tradersByMarket.add(new ArrayList<>());
        }
        double targetNotional = 0;
        for (final Trader trader : traders)
        {
            tradersByMarket.get(trader.market().id()).add(trader);
            targetNotional += trader.collateral() / 1e6 * trader.leverage();
        }
        final double level = Math.max(20_000, targetNotional / 1_000);
        makers.add(new MarketMaker("market-maker-1", markets.size(), new double[] {3, 8, 20}, level,
            targetNotional * 0.2));
        makers.add(new MarketMaker("market-maker-2", markets.size(), new double[] {5, 12, 30}, level * 0.75,
            targetNotional * 0.2));
        for (int k = 1; k <= settings.keepers(); k++)
        {
            desks.add(new Participant("keeper-" + k, markets.size()));
        }
        final List<Address> accounts = new ArrayList<>();
        final long[] amounts = new long[traders.size() + makers.size() + desks.size()];
        int i = 0;
        for (final Trader trader : traders)
        {
            accounts.add(trader.address());
            amounts[i++] = trader.collateral();
        }
        for (final MarketMaker maker : makers)
        {
            accounts.add(maker.address());
            amounts[i++] = usdc(Math.max(1_000_000, targetNotional * 0.25));
        }
        for (final Participant desk : desks)
        {
            accounts.add(desk.address());
            amounts[i++] = usdc(Math.max(250_000, targetNotional * 0.01));
        }
        send(operator.deposits(accounts, amounts, windowStart - SETUP_LEAD_MS / 2));
        final List<Participant> everyone = new ArrayList<>(traders);
        everyone.addAll(makers);
        everyone.addAll(desks);
        tap = new StreamTap(markets.size(), everyone);
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
        for (final DemoMarket market : markets)
        {
            for (final MarketMaker maker : makers)
            {
                maker.quote(market, books.get(market.id()), index[market.id()], domain, expiry);
            }
        }
        final Order[] orders = traders.parallelStream().map(trader ->
        {
            final DemoMarket market = trader.market();
            final long price = index[market.id()];
            final double scale = 0.8 + 0.2 * unit(trader.name().hashCode());
            final long size = market.sizeFor(trader.collateral() / 1e6 * trader.leverage() * scale, price);
            if (size == 0)
            {
                return null;
            }
            final boolean buy = trader.bull();
            return trader.sign(domain, market.id(), buy, size, market.shifted(price, buy ? TAKER_SLIPPAGE :
                -TAKER_SLIPPAGE, buy), expiry, false);
        }).toArray(Order[]::new);
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < orders.length; i++)
        {
            order.add(i);
        }
        Collections.shuffle(order, random);
        final List<CrossingMatcher.Fill> fills = new ArrayList<>();
        for (final int i : order)
        {
            if (orders[i] == null)
            {
                continue;
            }
            final int marketId = orders[i].market();
            final DemoMarket market = markets.get(marketId);
            for (final MarketMaker maker : makers)
            {
                if (maker.due(market, books.get(marketId), index[marketId]))
                {
                    record(fills, maker.quote(market, books.get(marketId), index[marketId], domain, expiry));
                }
            }
            takerOrders++;
            record(fills, books.get(marketId).submit(orders[i], true));
        }
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
        for (final Participant desk : desks)
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
            final int id = market.id();
            final CrossingMatcher book = books.get(id);
            final long index = market.series().close(minute);
            for (final MarketMaker maker : makers)
            {
                maker.syncInventory(id);
                if (maker.due(market, book, index))
                {
                    record(fills, maker.quote(market, book, index, domain, expiry));
                }
            }
            for (final Participant desk : desks)
            {
                final long position = desk.position(id);
                if (position != 0)
                {
                    final boolean buy = position < 0;
                    final Order unwind = desk.sign(domain, id, buy, Math.abs(position),
                        market.shifted(index, buy ? UNWIND_SLIPPAGE : -UNWIND_SLIPPAGE, buy), expiry, true);
                    takerOrders++;
                    record(fills, book.submit(unwind, true));
                }
            }
            final double move = Math.abs((double)market.series().close(minute) / market.series().open(minute) - 1);
            final double rate = Math.max(1, tradersByMarket.get(id).size() / 2_500.0) *
                (1 + Math.min(6, move / 0.001));
            final int actions = poisson(rate);
            final Set<Trader> acted = new HashSet<>();
            for (int a = 0; a < actions && !tradersByMarket.get(id).isEmpty(); a++)
            {
                final List<Trader> candidates = tradersByMarket.get(id);
                final Trader trader = candidates.get(random.nextInt(candidates.size()));
                if (trader.liquidated() || !acted.add(trader))
                {
                    continue;
                }
                final Order order = decide(trader, market, minute, index, expiry);
                if (order != null)
                {
                    for (final MarketMaker maker : makers)
                    {
                        if (maker.due(market, book, index))
                        {
                            record(fills, maker.quote(market, book, index, domain, expiry));
                        }
                    }
                    takerOrders++;
                    record(fills, book.submit(order, true));
                }
            }
            final long impactSize = market.sizeFor(IMPACT_NOTIONAL_USD, index);
            samples.add(operator.governance(new FundingSample(minuteStart + 59_000, id,
                book.impactPrice(false, impactSize), book.impactPrice(true, impactSize))));
        }
        final List<ObjectNode> commands = new ArrayList<>(fills.size() + samples.size());
        final long first = minuteStart + PublisherPanel.ROUND_OFFSETS_MS[1] + 1_000;
        for (int i = 0; i < fills.size(); i++)
        {
            commands.add(settle(fills.get(i), first + Math.min(i, 7_000)));
        }
        commands.addAll(samples);
        fillsSent += fills.size();
        return commands;
    }

    /**
     * A trader's order this minute, or null: open toward its side; close all or part (more likely when the minute
     * went against it: panic); or, when in profit, top up to its leverage on its equity (deposit plus unrealized
     * profit, fees and funding left out).
     */
    private Order decide(final Trader trader, final DemoMarket market, final int minute, final long index,
        final long expiry)
    {
        final long position = trader.position();
        final double ret = (double)market.series().close(minute) / market.series().open(minute) - 1;
        final double target = trader.collateral() / 1e6 * trader.leverage();
        final boolean buy;
        final long size;
        final boolean reduceOnly;
        if (position == 0)
        {
            buy = random.nextDouble() < 0.15 != trader.bull();
            size = market.sizeFor(target * (0.3 + 0.7 * random.nextDouble()), index);
            reduceOnly = false;
        }
        else
        {
            final boolean isLong = position > 0;
            final boolean against = isLong ? ret < -0.004 : ret > 0.004;
            if (random.nextDouble() < (against ? 0.8 : 0.3))
            {
                buy = !isLong;
                final double part = random.nextDouble() < 0.5 ? 1.0 : 0.3 + 0.6 * random.nextDouble();
                size = Math.max(market.stepSize(), market.onStep((long)(Math.abs(position) * part)));
                reduceOnly = true;
            }
            else
            {
                final double held = Math.abs(market.notionalUsd(position, index));
                final double unrealized = market.notionalUsd(position, index) -
                    trader.costBasis(market.id()) / 1e6;
                if (unrealized < 0)
                {
                    return null;
                }
                final double equity = trader.collateral() / 1e6 + unrealized;
                final double topUp = equity * trader.leverage() * (0.9 + 0.1 * random.nextDouble()) - held;
                if (topUp < 0.05 * target)
                {
                    return null;
                }
                buy = isLong;
                size = market.sizeFor(topUp, index);
                reduceOnly = false;
            }
        }
        if (size <= 0)
        {
            return null;
        }
        return trader.sign(domain, market.id(), buy, Math.min(size, reduceOnly ? Math.abs(position) : size),
            market.shifted(index, buy ? TAKER_SLIPPAGE : -TAKER_SLIPPAGE, buy), expiry, reduceOnly);
    }

    private void record(final List<CrossingMatcher.Fill> into, final List<CrossingMatcher.Fill> fills)
    {
        for (final CrossingMatcher.Fill fill : fills)
        {
            for (final MarketMaker maker : makers)
            {
                if (maker.owns(fill.maker()))
                {
                    maker.filled(fill.maker().market(), fill.maker().isBuy() ? fill.size() : -fill.size());
                }
                if (maker.owns(fill.taker()))
                {
                    maker.filled(fill.taker().market(), fill.taker().isBuy() ? fill.size() : -fill.size());
                }
            }
        }
        into.addAll(fills);
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
            lastSequence = Math.max(lastSequence, operator.send(commands).lastSequence());
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

    // ---------------------------------------------------------------- prices of the report

    /** The honest publishers' price of the round at a time (0 when no round was due then). */
    private long honestPrice(final int oracleId, final long time)
    {
        final long offset = time - DemoMarket.DAY_START;
        final int minute = (int)Math.floorDiv(offset, MinuteSeries.MINUTE_MS);
        final long within = Math.floorMod(offset, MinuteSeries.MINUTE_MS);
        if (oracleId >= markets.size() || minute < settings.fromMinute() || minute >= settings.toMinute())
        {
            return 0;
        }
        for (int r = 0; r < PublisherPanel.ROUND_OFFSETS_MS.length; r++)
        {
            if (within == PublisherPanel.ROUND_OFFSETS_MS[r])
            {
                return PublisherPanel.marketPrice(markets.get(oracleId), minute, r);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- the console

    private void progress(final int minute, final boolean last)
    {
        final long now = System.nanoTime();
        final boolean hourly = (minute + 1) % 60 == 0;
        if (interactive ? !last && now - lastProgressNanos < 200_000_000L : !last && !hourly)
        {
            return;
        }
        lastProgressNanos = now;
        final double seconds = Math.max(1e-9, (now - loopStartNanos) / 1e9);
        final StringBuilder line = new StringBuilder();
        line.append(clock(DemoMarket.DAY_START + (minute + 1) * MinuteSeries.MINUTE_MS)).append(" UTC");
        long liquidations = 0;
        for (final DemoMarket market : markets)
        {
            line.append("  ").append(market.ticker(), 0, 3).append(' ')
                .append(String.format("%,.0f", market.usd(market.series().close(minute))));
            liquidations += tap.liquidations(market.id());
        }
        line.append(String.format("  liquidations %,d  insurance fund %,.0f USDC  %,.0f cmd/s", liquidations,
            tap.insuranceFund() / 1e6, (lastSequence - loopStartSequence) / seconds));
        if (interactive)
        {
            console.print("\r" + line + "   ");
            if (last)
            {
                console.println();
            }
        }
        else
        {
            console.println(line);
        }
        console.flush();
    }

    private void say(final String line)
    {
        console.println(line);
        console.flush();
    }

    private void summary(final DemoOutcome outcome, final JournalAudit audit)
    {
        say("report: " + outcome.json() + " and " + outcome.html());
        if (audit.failures().isEmpty())
        {
            say("invariants hold: conservation after each of " + audit.batchesChecked() + " batches, no negative " +
                "net collateral, replayed root " + audit.finalRoot() + " equals the node's");
        }
        else
        {
            audit.failures().forEach(failure -> say("INVARIANT FAILED: " + failure));
        }
    }

    private static String hhmm(final int minuteOfDay)
    {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    private static String clock(final long time)
    {
        return Instant.ofEpochMilli(time).toString().substring(11, 16);
    }

    // ---------------------------------------------------------------- small helpers

    private int poisson(final double mean)
    {
        final double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit && count < 1_000)
        {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private static double unit(final int hash)
    {
        final long mixed = Long.rotateLeft(hash * 0x9E3779B97F4A7C15L, 31) * 0xBF58476D1CE4E5B9L;
        return (mixed >>> 11) / (double)(1L << 53);
    }

    private static long usdc(final double amount)
    {
        return Math.round(amount) * 1_000_000L;
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
