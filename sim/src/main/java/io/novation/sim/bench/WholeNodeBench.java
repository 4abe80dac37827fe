package io.novation.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.novation.client.NovationClient;
import io.novation.client.feed.FeedAck;
import io.novation.client.feed.FeedBatch;
import io.novation.client.feed.FeedClient;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;

import java.io.OutputStream;
import java.io.PrintStream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.novation.sim.bench.BenchVenue.address;
import static io.novation.sim.bench.BenchVenue.key;

/**
 * Whole-node throughput and latency: starts a node in this JVM (journal with fsync, snapshots, the HTTP API on
 * 127.0.0.1), configures BTC-USD and funds the traders, then sends pre-signed {@code settleTrade} commands in batches
 * from several client threads, as JSON over HTTP, as SBE frames over the binary feed ({@link FeedClient}, one
 * connection per client thread), or in process through {@link Node#submitCommands} (signature checks on the worker
 * threads, sequencing and group fsync, without HTTP and JSON), and measures commands per second and the per-batch
 * latency (batch sent to durable acknowledgement) in milliseconds. Each order is filled {@code fillsPerOrder} times,
 * one step at a time, as a matching engine does with partial fills, so a fill carries {@code 2 / fillsPerOrder}
 * distinct signatures to recover ({@link SignatureBound}).
 */
public final class WholeNodeBench
{
    private static final long USD = BenchVenue.USD;
    private static final long STEP = BenchVenue.STEP;
    private static final int TRADERS = 1_000;
    /** Fills per order of {@link #run(Transport, int, int, int, Path)}. */
    public static final int FILLS_PER_ORDER = 500;

    /** How commands reach the node. */
    public enum Transport
    {
        /** JSON batches over HTTP. */
        HTTP,
        /** {@link Node#submitCommands} in the same JVM. */
        IN_PROCESS,
        /** SBE frames over the binary feed's WebSocket. */
        FEED
    }

    /**
     * One run's figures.
     *
     * @param transport   how commands reached the node.
     * @param commands    commands sent.
     * @param batchSize   commands per batch.
     * @param clients     client threads.
     * @param seconds     wall time of the load, seconds.
     * @param perSecond   commands per second.
     * @param p50Millis   median batch latency, ms.
     * @param p99Millis   99th percentile batch latency, ms.
     * @param maxMillis   slowest batch, ms.
     * @param notApplied  measured commands not applied (should be 0).
     * @param warmupNotApplied warm-up commands not applied (should be 0; not part of the measurement).
     * @param cpuMicrosPerCommand CPU time of the whole process (node, client threads, JIT and GC) during the load
     *                    per command, µs: what a command costs, whatever share of the cores other load left.
     * @param cpuMicrosByThread the same for each group of threads (the thread's name without its digits: the
     *                    node's verifiers, sequencer, history follower, HTTP threads, the client threads; and the
     *                    JVM's JIT compiler, garbage collector and VM threads where the kernel tells them, named in
     *                    parentheses), largest first, µs per command; threads that ended during the load are left
     *                    out (their CPU after the load began is unknown), never subtracted.
     * @param endedJvmThreads number of the JVM's own threads of each group that ended during the load (the JVM
     *                    removes idle compiler threads), so whose CPU is missing from {@code cpuMicrosByThread}.
     */
    public record Result(Transport transport, int commands, int batchSize, int clients, double seconds,
        double perSecond, double p50Millis, double p99Millis, double maxMillis, int notApplied, int warmupNotApplied,
        double cpuMicrosPerCommand, Map<String, Double> cpuMicrosByThread, Map<String, Integer> endedJvmThreads)
    {
    }

    /** The commands not applied, counted apart for the warm-up's batches and the measured ones. */
    static final class NotApplied
    {
        private final int warmBatches;
        private final AtomicInteger warmup = new AtomicInteger();
        private final AtomicInteger measured = new AtomicInteger();

        /**
         * @param warmBatches the number of warm-up batches, sent first (batch indexes below it).
         */
        NotApplied(final int warmBatches)
        {
            this.warmBatches = warmBatches;
        }

        /**
         * Counts commands of one batch that were not applied.
         *
         * @param batchIndex the batch's index among all batches, warm-up first.
         * @param count      commands of it not applied.
         */
        void add(final int batchIndex, final int count)
        {
            (batchIndex < warmBatches ? warmup : measured).addAndGet(count);
        }

        int warmup()
        {
            return warmup.get();
        }

        int measured()
        {
            return measured.get();
        }
    }

    /** How long the history follower may take to apply the fills sent, ms. */
    static final long HISTORY_TIMEOUT_MILLIS = 120_000;

    /**
     * Fails the run when the history follower had not applied every fill sent within the wait: its CPU would be
     * undercounted (after the measured load) or counted in the measurement (after the warm-up).
     *
     * @param caughtUp what {@link Node#awaitHistory} returned.
     * @param after    the load it waited for ("warm-up" or "measured load").
     * @throws IllegalStateException when it had not caught up.
     */
    static void requireHistoryCaughtUp(final boolean caughtUp, final String after)
    {
        if (!caughtUp)
        {
            throw new IllegalStateException("the history follower had not applied the " + after + "'s fills after "
                + HISTORY_TIMEOUT_MILLIS / 1_000 + " s (or it failed): the CPU per fill would be wrong; run fewer"
                + " fills or with --history-db none");
        }
    }

    private WholeNodeBench()
    {
    }

    /**
     * Runs one load against a fresh node in a temporary directory.
     *
     * @param transport how to send.
     * @param commands  number of fills.
     * @param batchSize fills per batch.
     * @param clients   client threads.
     * @param dataRoot  where the node's temporary data directory is made.
     * @return the figures.
     * @throws Exception when the node cannot start or a request fails.
     */
    public static Result run(final Transport transport, final int commands, final int batchSize, final int clients,
        final Path dataRoot) throws Exception
    {
        return run(transport, commands, batchSize, clients, FILLS_PER_ORDER, dataRoot);
    }

    /**
     * Runs one load against a fresh node in a temporary directory.
     *
     * @param transport     how to send.
     * @param commands      number of fills.
     * @param batchSize     fills per batch.
     * @param clients       client threads.
     * @param fillsPerOrder fills of each signed order (1: every fill carries two new signatures).
     * @param dataRoot      where the node's temporary data directory is made.
     * @return the figures.
     * @throws Exception when the node cannot start or a request fails.
     */
    public static Result run(final Transport transport, final int commands, final int batchSize, final int clients,
        final int fillsPerOrder, final Path dataRoot) throws Exception
    {
        return run(transport, commands, batchSize, clients, fillsPerOrder, dataRoot, true);
    }

    /**
     * Runs one load against a fresh node in a temporary directory, with or without its history database.
     *
     * @param transport     how to send.
     * @param commands      number of fills.
     * @param batchSize     fills per batch.
     * @param clients       client threads.
     * @param fillsPerOrder fills of each signed order (1: every fill carries two new signatures).
     * @param dataRoot      where the node's temporary data directory is made.
     * @param history       true for the node's default history (SQLite in its data directory, followed by the
     *                      {@code novation-history} thread), false for none ({@code novation node --history-db none},
     *                      a matching-engine deployment).
     * @return the figures.
     * @throws Exception when the node cannot start or a request fails.
     */
    public static Result run(final Transport transport, final int commands, final int batchSize, final int clients,
        final int fillsPerOrder, final Path dataRoot, final boolean history) throws Exception
    {
        return run(transport, commands, batchSize, clients, fillsPerOrder, dataRoot, history, 0);
    }

    /**
     * Runs one load against a fresh node in a temporary directory, after a warm-up load that is not measured.
     *
     * @param transport     how to send.
     * @param commands      number of fills measured.
     * @param batchSize     fills per batch.
     * @param clients       client threads.
     * @param fillsPerOrder fills of each signed order (1: every fill carries two new signatures).
     * @param dataRoot      where the node's temporary data directory is made.
     * @param history       true for the node's default history, false for none.
     * @param warmupFills   fills sent the same way before the measurement (rounded up to whole batches), so that the
     *                      JIT has compiled the path the measured fills take; 0 for none.
     * @return the figures.
     * @throws Exception when the node cannot start or a request fails.
     */
    public static Result run(final Transport transport, final int commands, final int batchSize, final int clients,
        final int fillsPerOrder, final Path dataRoot, final boolean history, final int warmupFills) throws Exception
    {
        final BenchVenue venue = new BenchVenue();
        final NodeConfig config = venue.config(dataRoot, "node-bench").withLimits(64 << 20, 20_000);
        final CommandEncoder encoder = venue.encoder;
        final byte[] domain = venue.domain;
        final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        // Signed before the node starts (and framed for the feed), so that its oracle price is fresh when the load
        // begins, however long the signing of a large warm-up takes.
        final int warmBatches = (warmupFills + batchSize - 1) / batchSize;
        final List<List<Command>> batches = fills(warmBatches * batchSize + commands, batchSize, fillsPerOrder,
            domain);
        final List<String> jsonBatches = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        if (transport == Transport.FEED)
        {
            long correlationId = 0;
            for (final List<Command> batch : batches)
            {
                final FeedBatch frame = new FeedBatch();
                for (final Command command : batch)
                {
                    frame.settleTrade(++correlationId, (SettleTrade)command);
                }
                frames.add(frame.toBytes());
            }
        }

        try (Node node = history ? Node.start(config, quiet) : Node.start(config, null, quiet))
        {
            final String base = "http://127.0.0.1:" + node.port();
            final NovationClient api = new NovationClient(URI.create(base));
            long time = venue.configure(api, System.currentTimeMillis() - 5_000, 3);
            if (transport == Transport.HTTP)
            {
                // As the node's JSON, which needs the market the venue just defined; before the price is posted.
                for (final List<Command> batch : batches)
                {
                    final ArrayNode array = Json.MAPPER.createArrayNode();
                    for (final Command command : batch)
                    {
                        array.add(encoder.encode(command, false));
                    }
                    jsonBatches.add(array.toString());
                }
            }
            final ArrayNode funding = Json.MAPPER.createArrayNode();
            for (int t = 0; t < TRADERS; t++)
            {
                final Deposit deposit = new Deposit(time, address(key("trader-" + t)), 0, 0, 10_000_000_000_000L,
                    t + 1);
                funding.add(venue.deposit(deposit, true));
            }
            funding.add(price(encoder, domain, ++time));
            BenchVenue.post(api, "/v1/commands/batch", funding.toString());

            final long[] latencies = new long[batches.size() - warmBatches];
            final NotApplied notApplied = new NotApplied(warmBatches);
            final FeedClient[] feeds = new FeedClient[transport == Transport.FEED ? clients : 0];
            for (int c = 0; c < feeds.length; c++)
            {
                feeds[c] = FeedClient.connect(URI.create(base));
            }
            final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            final BatchSender send = (client, index) ->
            {
                final long sent = System.nanoTime();
                if (transport == Transport.FEED)
                {
                    try
                    {
                        for (final FeedAck ack : feeds[client].send(frames.get(index)).get(120, TimeUnit.SECONDS))
                        {
                            notApplied.add(index, ack.applied() ? 0 : 1);
                        }
                    }
                    catch (final Exception ex)
                    {
                        failures.add(ex);
                        notApplied.add(index, batches.get(index).size());
                    }
                }
                else if (transport == Transport.HTTP)
                {
                    final JsonNode response = BenchVenue.post(api, "/v1/commands/batch", jsonBatches.get(index));
                    notApplied.add(index, response.get("rejected").asInt() + response.get("refused").asInt());
                }
                else
                {
                    for (final CommandOutcome outcome : node.submitCommands(batches.get(index)).join())
                    {
                        notApplied.add(index, outcome.applied() ? 0 : 1);
                    }
                }
                if (index >= warmBatches)
                {
                    latencies[index - warmBatches] = System.nanoTime() - sent;
                }
            };
            // The warm-up: the same load on the same node, not measured, so that the JIT has compiled the path.
            drive(clients, 0, warmBatches, send);
            if (warmBatches > 0)
            {
                // The history's and the JIT's work on the warm-up done before the measurement starts.
                requireHistoryCaughtUp(node.awaitHistory(HISTORY_TIMEOUT_MILLIS), "warm-up");
                awaitQuietCompiler(30_000);
                // A fresh price, so that a long warm-up on a loaded machine cannot leave the measured fills on a
                // stale one (reduce-only).
                final ArrayNode fresh = Json.MAPPER.createArrayNode();
                fresh.add(price(encoder, domain, System.currentTimeMillis()));
                BenchVenue.post(api, "/v1/commands/batch", fresh.toString());
            }
            final Map<Long, Long> threadsAtStart = threadCpuNanos();
            final Map<Long, JvmThreadCpu.Sample> jvmAtStart = JvmThreadCpu.read();
            final long cpuStart = processCpuNanos();
            final long start = System.nanoTime();
            drive(clients, warmBatches, batches.size(), send);
            final double seconds = (System.nanoTime() - start) / 1e9;
            // The history follows the journal a pass behind: its CPU on the measured fills is counted whole (the
            // rate stays the clients' own: to the last durable acknowledgement).
            final boolean historyCaughtUp = node.awaitHistory(HISTORY_TIMEOUT_MILLIS);
            final double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / commands;
            final JvmThreadCpu.Spent jvm = JvmThreadCpu.spent(jvmAtStart, JvmThreadCpu.read());
            final Map<String, Double> byThread = byThreadGroup(threadsAtStart, threadCpuNanos(), jvm.nanosByGroup(),
                commands);
            for (final FeedClient feed : feeds)
            {
                feed.close();
            }
            if (!failures.isEmpty())
            {
                throw new IllegalStateException("feed frames failed: " + failures.get(0), failures.get(0));
            }
            requireHistoryCaughtUp(historyCaughtUp, "measured load");
            Arrays.sort(latencies);
            return new Result(transport, commands, batchSize, clients, seconds, commands / seconds,
                latencies[latencies.length / 2] / 1e6,
                latencies[(int)Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
                latencies[latencies.length - 1] / 1e6, notApplied.measured(), notApplied.warmup(), cpuMicros, byThread,
                jvm.endedByGroup());
        }
    }

    /** BTC-USD at 60,000 USD from the three publishers, at a time, as the node's JSON. */
    private static com.fasterxml.jackson.databind.node.ObjectNode price(final CommandEncoder encoder,
        final byte[] domain, final long at)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (int p = 0; p < 3; p++)
        {
            final PriceReport unsigned = new PriceReport(0, 60_000 * USD, at, address(key("publisher-" + p)), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key("publisher-" + p))));
        }
        return encoder.encode(new OraclePrice(at, 0, reports), true);
    }

    /** Waits, at most a while, until the JIT compilers have been idle for half a second. */
    private static void awaitQuietCompiler(final long maxMillis) throws InterruptedException
    {
        final java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported())
        {
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long compiled = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline)
        {
            Thread.sleep(500);
            final long now = jit.getTotalCompilationTime();
            if (now == compiled)
            {
                return;
            }
            compiled = now;
        }
    }

    /** Sends one batch on behalf of a client thread. */
    @FunctionalInterface
    private interface BatchSender
    {
        void send(int client, int index);
    }

    /** Client threads that send the batches of indexes {@code [from, to)}, each taking the next, until none is left. */
    private static void drive(final int clients, final int from, final int to, final BatchSender sender)
        throws InterruptedException
    {
        final AtomicInteger cursor = new AtomicInteger(from);
        final Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++)
        {
            final int client = c;
            threads[c] = new Thread(() ->
            {
                int index;
                while ((index = cursor.getAndIncrement()) < to)
                {
                    sender.send(client, index);
                }
            });
            threads[c].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    /** Each live thread's CPU time so far, ns, by thread id (empty where the JVM does not tell it). */
    private static Map<Long, Long> threadCpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<Long, Long> times = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled())
        {
            return times;
        }
        for (final long id : threads.getAllThreadIds())
        {
            final long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0)
            {
                times.put(id, nanos);
            }
        }
        return times;
    }

    /**
     * The CPU time each group of threads spent between two readings, µs per command, largest first: the Java threads
     * by name, and the JVM's own (JIT compilers, garbage collector, VM thread) as {@link JvmThreadCpu} groups them.
     */
    private static Map<String, Double> byThreadGroup(final Map<Long, Long> before, final Map<Long, Long> after,
        final Map<String, Long> jvmSpent, final int commands)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> nanos = new HashMap<>(jvmSpent);
        for (final Map.Entry<Long, Long> each : after.entrySet())
        {
            final ThreadInfo info = threads.getThreadInfo(each.getKey());
            final long spent = each.getValue() - before.getOrDefault(each.getKey(), 0L);
            if (info != null && spent > 0)
            {
                nanos.merge(info.getThreadName().replaceAll("[0-9]+", "N"), spent, Long::sum);
            }
        }
        final Map<String, Double> micros = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(each -> micros.put(each.getKey(), each.getValue() / 1e3 / commands));
        return micros;
    }

    /** The CPU time of every thread of this process so far, ns, or 0 where the JVM does not tell it. */
    private static long processCpuNanos()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    private static List<List<Command>> fills(final int commands, final int batchSize, final int fillsPerOrder,
        final byte[] domain)
    {
        final Random random = new Random(7);
        final List<List<Command>> batches = new ArrayList<>();
        List<Command> batch = new ArrayList<>(batchSize);
        Order maker = null;
        Order taker = null;
        long orderNonce = 0;
        for (int i = 0; i < commands; i++)
        {
            if (i % fillsPerOrder == 0)
            {
                final int a = random.nextInt(TRADERS);
                final int b = (a + 1 + random.nextInt(TRADERS - 1)) % TRADERS;
                final boolean makerBuys = random.nextBoolean();
                maker = order(key("trader-" + a), makerBuys, (makerBuys ? 80_000 : 40_000) * USD, ++orderNonce,
                    fillsPerOrder, domain);
                taker = order(key("trader-" + b), !makerBuys, (makerBuys ? 40_000 : 80_000) * USD, ++orderNonce,
                    fillsPerOrder, domain);
            }
            batch.add(new SettleTrade(0, 0, maker, taker, STEP, (60_000 + random.nextInt(11) - 5) * USD));
            if (batch.size() == batchSize)
            {
                batches.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty())
        {
            batches.add(batch);
        }
        return batches;
    }

    private static Order order(final byte[] key, final boolean buy, final long limit, final long nonce,
        final int fillsPerOrder, final byte[] domain)
    {
        final Order unsigned = Order.of(address(key), 0, 0, buy, fillsPerOrder * STEP, limit, nonce,
            System.currentTimeMillis() + 86_400_000L, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key));
    }
}
