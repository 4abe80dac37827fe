package io.novation.sim.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.novation.client.NovationClient;
import io.novation.core.command.Deposit;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.sim.bench.BenchVenue.address;
import static io.novation.sim.bench.BenchVenue.key;

/**
 * The node under abuse: starts a node in this JVM (as {@link WholeNodeBench} does), then runs each abuse the node
 * is hardened against in turn with raw sockets (none, slowloris, chunked flood, slow readers, a non-reading
 * WebSocket subscriber, a badly signed withdrawal flood) and, while it runs, samples a legitimate client's
 * {@code GET /health}, {@code GET /v1/state} and signed deposits sequentially, measuring their latency. For the
 * chunked flood the heap's high-water mark (sum of the heap pools' peak usage, reset before the abuse) is reported.
 */
public final class AbuseBench
{
    private static final long USD = BenchVenue.USD;

    /** The abuses, run in this order. */
    public enum Abuse
    {
        /** Baseline. */
        NONE,
        /** Connections trickling a body byte every second. */
        SLOWLORIS,
        /** Parallel clients streaming large chunked bodies. */
        CHUNKED_FLOOD,
        /** Raw sockets pipelining large GETs without reading. */
        SLOW_READER,
        /** A WebSocket subscriber from sequence 0 that never reads. */
        SLOW_SUBSCRIBER,
        /** Batches of withdrawals with bad signatures from one client. */
        SIGNATURE_FLOOD
    }

    /**
     * Parameters of a run.
     *
     * @param samples          legitimate requests of each kind (health, state, command) per abuse.
     * @param warmupMillis     how long each abuse runs before sampling starts.
     * @param slowloris        slowloris connections.
     * @param chunkedClients   chunked flood clients.
     * @param chunkedBytes     bytes of each chunked body a flood client streams (bodies repeat while the abuse runs).
     * @param slowReaders      slow reader sockets.
     * @param floodBatch       withdrawals per bad-signature batch.
     * @param dataRoot         where the node's temporary data directory is made.
     */
    public record Settings(int samples, long warmupMillis, int slowloris, int chunkedClients, long chunkedBytes,
        int slowReaders, int floodBatch, Path dataRoot)
    {
        /** @return the defaults (about 1 to 2 minutes in all). */
        public static Settings defaults()
        {
            return new Settings(200, 3_000, 300, 4, 300L << 20, 20, 1_000, Path.of("target/bench"));
        }
    }

    /**
     * The figures of one abuse.
     *
     * @param abuse         the abuse.
     * @param health        /health latencies, ms, sorted.
     * @param state         /v1/state latencies, ms, sorted.
     * @param command       signed deposit latencies, ms, sorted.
     * @param not200        legitimate requests not answered 200.
     * @param abuseUnits    what the abuse did (connections opened, bytes or commands sent).
     * @param heapPeakBytes heap high-water mark during the abuse (sum of heap pools' peaks).
     */
    public record Result(Abuse abuse, double[] health, double[] state, double[] command, int not200,
        long abuseUnits, long heapPeakBytes)
    {
        /**
         * @param sorted latencies.
         * @param q      the quantile.
         * @return the quantile, ms.
         */
        public static double quantile(final double[] sorted, final double q)
        {
            return sorted.length == 0 ? Double.NaN
                : sorted[(int)Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
        }
    }

    /**
     * The bounds legitimate traffic keeps under each abuse, as published in {@code docs/operations.md} §13 and
     * {@code docs/benchmarks.md} (ms of latency at the 99th percentile, bytes of heap high-water mark).
     *
     * @param healthP99Ms          {@code GET /health}.
     * @param stateP99Ms           {@code GET /v1/state}.
     * @param commandP99Ms         a signed command, sent to durably applied.
     * @param chunkedHeapPeakBytes the heap's high-water mark under the chunked flood.
     */
    public record Bounds(double healthP99Ms, double stateP99Ms, double commandP99Ms, long chunkedHeapPeakBytes)
    {
        /**
         * The documented bounds: 250 ms for {@code /health} and {@code /v1/state}, 500 ms for a signed command,
         * 1 GiB of heap high-water mark under the chunked flood.
         *
         * @return the bounds.
         */
        public static Bounds documented()
        {
            return new Bounds(250, 250, 500, 1L << 30);
        }

        /**
         * Whether each figure of a result is within its bound.
         *
         * @param result an abuse's figures.
         * @return one line per figure: name, value, bound and {@code within} or {@code OVER}.
         */
        public List<String> verdicts(final Result result)
        {
            final List<String> lines = new ArrayList<>();
            lines.add(verdict("/health p99", Result.quantile(result.health(), 0.99), healthP99Ms, "ms"));
            lines.add(verdict("/v1/state p99", Result.quantile(result.state(), 0.99), stateP99Ms, "ms"));
            lines.add(verdict("signed command p99", Result.quantile(result.command(), 0.99), commandP99Ms, "ms"));
            if (result.abuse() == Abuse.CHUNKED_FLOOD)
            {
                lines.add(verdict("heap peak", result.heapPeakBytes() >> 20, chunkedHeapPeakBytes >> 20, "MiB"));
            }
            return lines;
        }

        /**
         * Whether every figure of a result is within its bound.
         *
         * @param result an abuse's figures.
         * @return true when all are.
         */
        public boolean within(final Result result)
        {
            return verdicts(result).stream().allMatch(line -> line.endsWith("within"));
        }

        private static String verdict(final String name, final double value, final double bound, final String unit)
        {
            return String.format(Locale.ROOT, "%s %.2f %s (bound %.0f): %s", name, value, unit, bound,
                value <= bound ? "within" : "OVER");
        }
    }

    private AbuseBench()
    {
    }

    /**
     * Runs every abuse against one fresh node.
     *
     * @param settings the parameters.
     * @param log      progress lines.
     * @return one result per abuse.
     * @throws Exception when the node cannot start.
     */
    public static List<Result> run(final Settings settings, final PrintStream log) throws Exception
    {
        final BenchVenue venue = new BenchVenue();
        final NodeConfig config = venue.config(settings.dataRoot(), "node-abuse");
        try (Node node = Node.start(config, new PrintStream(OutputStream.nullOutputStream())))
        {
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
            final String base = "http://127.0.0.1:" + node.port();
            final NovationClient api = new NovationClient(URI.create(base));
            final long time = venue.configure(api, System.currentTimeMillis() - 5_000, 1);
            // History for the stream and a few hundred accounts for /v1/state.
            final ArrayNode funding = Json.MAPPER.createArrayNode();
            for (int t = 0; t < 500; t++)
            {
                funding.add(venue.deposit(new Deposit(time, address(key("trader-" + t)), 0, 0, 10_000_000 * USD,
                    t + 1), true));
            }
            BenchVenue.post(api, "/v1/commands/batch", funding.toString());

            final Legit legit = new Legit(client, base, venue, 1_000_000);
            final String floodBody = floodBody(venue.encoder, venue.domain, settings.floodBatch());
            final List<Result> results = new ArrayList<>();
            for (final Abuse abuse : Abuse.values())
            {
                log.println("abuse " + abuse + " ...");
                results.add(runOne(abuse, settings, node.port(), legit, floodBody, log));
            }
            return results;
        }
    }

    private static Result runOne(final Abuse abuse, final Settings settings, final int port, final Legit legit,
        final String floodBody, final PrintStream log) throws Exception
    {
        final Attack attack = new Attack(port);
        final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        switch (abuse)
        {
            case NONE -> { }
            case SLOWLORIS -> attack.slowloris(settings.slowloris());
            case CHUNKED_FLOOD -> attack.chunked(settings.chunkedClients(), settings.chunkedBytes());
            case SLOW_READER -> attack.slowReaders(settings.slowReaders());
            case SLOW_SUBSCRIBER -> attack.subscriber();
            case SIGNATURE_FLOOD -> attack.signatureFlood(floodBody, settings.floodBatch(), log);
            default -> throw new IllegalStateException();
        }
        try
        {
            Thread.sleep(abuse == Abuse.NONE ? 0 : settings.warmupMillis());
            final double[] health = new double[settings.samples()];
            final double[] state = new double[settings.samples()];
            final double[] command = new double[settings.samples()];
            int not200 = 0;
            for (int i = 0; i < settings.samples(); i++)
            {
                not200 += legit.get("/health", health, i);
                not200 += legit.get("/v1/state", state, i);
                not200 += legit.deposit(command, i);
            }
            long peak = 0;
            for (final MemoryPoolMXBean pool : heap)
            {
                peak += pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed();
            }
            Arrays.sort(health);
            Arrays.sort(state);
            Arrays.sort(command);
            return new Result(abuse, health, state, command, not200, attack.units.get(), peak);
        }
        finally
        {
            attack.close();
        }
    }

    /** Builds a batch of withdrawals whose last signature does not match its amount (as the admission test does). */
    private static String floodBody(final CommandEncoder encoder, final byte[] domain, final int size)
    {
        final ArrayNode flood = Json.MAPPER.createArrayNode();
        final byte[] owner = key("trader-0");
        for (int i = 0; i < size; i++)
        {
            final Withdraw unsigned = new Withdraw(0, address(owner), 0, 0, USD, 1_000_000 + i, null);
            final Withdraw signed = new Withdraw(0, address(owner), 0, 0, USD, 1_000_000 + i,
                Secp256k1.sign(unsigned.digest(domain), owner));
            // Only the last is tampered, so the node recovers every signature before refusing the batch.
            flood.add(encoder.encode(i < size - 1 ? signed
                : new Withdraw(0, address(owner), 0, 0, USD + 1, 1_000_000 + i, signed.signature()), false));
        }
        return flood.toString();
    }

    /** The legitimate client: sequential requests, latency recorded in ms. */
    private static final class Legit
    {
        private final HttpClient client;
        private final String base;
        private final BenchVenue venue;
        private long depositId;

        Legit(final HttpClient client, final String base, final BenchVenue venue, final long firstDepositId)
        {
            this.client = client;
            this.base = base;
            this.venue = venue;
            this.depositId = firstDepositId;
        }

        int get(final String path, final double[] into, final int index)
        {
            return timed(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                into, index);
        }

        int deposit(final double[] into, final int index)
        {
            final Deposit deposit = new Deposit(0, address(key("legit")), 0, 0, USD, ++depositId);
            final String body = venue.deposit(deposit, false).toString();
            return timed(HttpRequest.newBuilder(URI.create(base + "/v1/commands")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                into, index);
        }

        private int timed(final HttpRequest request, final double[] into, final int index)
        {
            final long start = System.nanoTime();
            int status;
            try
            {
                status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            }
            catch (final IOException ex)
            {
                status = -1;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                status = -1;
            }
            into[index] = (System.nanoTime() - start) / 1e6;
            return status == 200 ? 0 : 1;
        }
    }

    /** One abuse's raw sockets and threads; {@link #close} stops them. */
    private static final class Attack implements AutoCloseable
    {
        private final int port;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong units = new AtomicLong();
        private volatile boolean running = true;

        Attack(final int port)
        {
            this.port = port;
        }

        private Socket open(final int receiveBuffer) throws IOException
        {
            final Socket socket = new Socket();
            if (receiveBuffer > 0)
            {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            sockets.add(socket);
            return socket;
        }

        private void spawn(final String name, final ThrowingRunnable body)
        {
            final Thread thread = new Thread(() ->
            {
                while (running)
                {
                    try
                    {
                        body.run();
                    }
                    catch (final Exception ex)
                    {
                        // The node closed the connection (a timeout or a limit): start again.
                        pause(50);
                    }
                }
            }, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        /** Connections sending a body's headers, then one byte a second; reopened when the node closes them. */
        void slowloris(final int connections)
        {
            final Socket[] open = new Socket[connections];
            spawn("slowloris", () ->
            {
                for (int i = 0; i < connections && running; i++)
                {
                    try
                    {
                        if (open[i] == null || open[i].isClosed())
                        {
                            open[i] = open(0);
                            units.incrementAndGet();
                            write(open[i], ("POST /v1/commands HTTP/1.1\r\nHost: node\r\nContent-Type: " +
                                "application/json\r\nContent-Length: 100000\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                        }
                        else
                        {
                            write(open[i], new byte[] {' '});
                        }
                    }
                    catch (final IOException ex)
                    {
                        closeQuietly(open[i]);
                    }
                }
                pause(1_000);
            });
        }

        /**
         * Clients each streaming a chunked body of {@code bytesEach} in 64 KiB chunks, then another, until the abuse
         * ends (the node answers 413 at its body limit and closes; the client reconnects).
         */
        void chunked(final int clients, final long bytesEach)
        {
            final byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int c = 0; c < clients; c++)
            {
                spawn("chunked-" + c, () ->
                {
                    try (Socket socket = open(0))
                    {
                        write(socket, ("POST /v1/commands HTTP/1.1\r\nHost: node\r\n" +
                            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                        for (long sent = 0; running && sent < bytesEach; sent += 0x10000)
                        {
                            socket.getOutputStream().write(chunk);
                            units.addAndGet(0x10000);
                        }
                    }
                });
            }
        }

        /** Sockets with small receive buffers pipelining large GETs and never reading. */
        void slowReaders(final int count)
        {
            final byte[] requests = ("GET /v1/state HTTP/1.1\r\nHost: node\r\n\r\n" +
                "GET /v1/markets HTTP/1.1\r\nHost: node\r\n\r\n").repeat(50).getBytes(StandardCharsets.US_ASCII);
            for (int s = 0; s < count; s++)
            {
                spawn("slow-reader-" + s, () ->
                {
                    final Socket socket = open(4096);
                    units.incrementAndGet();
                    while (running)
                    {
                        socket.getOutputStream().write(requests);
                    }
                });
            }
        }

        /** A WebSocket subscriber from sequence 0 that never reads. */
        void subscriber()
        {
            spawn("non-reading-subscriber", () ->
            {
                final Socket socket = open(4096);
                units.incrementAndGet();
                write(socket, ("GET /v1/stream?from=0 HTTP/1.1\r\nHost: node\r\nUpgrade: websocket\r\n" +
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                    "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                // Never read; wait until the node closes it (its write fails only on our side when we close).
                while (running && !socket.isClosed())
                {
                    pause(200);
                }
            });
        }

        /** One client posting batches of badly signed withdrawals back to back. */
        void signatureFlood(final String body, final int size, final PrintStream log)
        {
            final HttpClient flooder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            spawn("signature-flood", () ->
            {
                final HttpResponse<String> answer = flooder.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/commands/batch")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (units.getAndAdd(size) == 0)
                {
                    final String text = answer.body();
                    log.println("signature flood, first answer: " + answer.statusCode() + " " +
                        text.substring(0, Math.min(300, text.length())));
                }
            });
        }

        @Override
        public void close() throws InterruptedException
        {
            running = false;
            sockets.forEach(AbuseBench::closeQuietly);
            for (final Thread thread : threads)
            {
                thread.interrupt();
                thread.join(5_000);
            }
            sockets.forEach(AbuseBench::closeQuietly);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable
    {
        void run() throws Exception;
    }

    private static void write(final Socket socket, final byte[] bytes) throws IOException
    {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    private static void closeQuietly(final Socket socket)
    {
        if (socket != null)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // closing
            }
        }
    }

    private static void pause(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
