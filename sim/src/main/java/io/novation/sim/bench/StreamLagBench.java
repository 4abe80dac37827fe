package io.novation.sim.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.node.admission.AdmissionLimits;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event stream's end-to-end lag: a node in this JVM receives paced batches of signed fills in process (orders
 * reused across fills, as a matching engine sends them, so each signature is recovered once) at a target rate of
 * events per second; a public subscriber and a private one (one trader's account) over WebSocket time each event's
 * arrival; the lag of an event is its arrival minus the moment its batch was submitted (both {@link System#nanoTime}).
 */
public final class StreamLagBench
{
    private static final long USD = 100_000L;
    private static final long STEP = 1_000_000L;
    private static final int TRADERS = 100;
    private static final int FILLS_PER_ORDER = 1_000_000;
    /** Events a fill produces: TradeSettled and two PositionChanged. */
    private static final int EVENTS_PER_FILL = 3;
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    /**
     * One run's figures.
     *
     * @param targetEventsPerSecond the offered rate.
     * @param eventsPerSecond       the rate achieved (public events received over the load's duration).
     * @param publicEvents          events received by the public subscriber.
     * @param publicLagMillis       p50, p99 and max of the public subscriber's lag, ms.
     * @param privateEvents         events received by the private subscriber.
     * @param privateLagMillis      p50, p99 and max of the private subscriber's lag, ms.
     */
    public record Result(int targetEventsPerSecond, double eventsPerSecond, int publicEvents,
        double[] publicLagMillis, int privateEvents, double[] privateLagMillis)
    {
    }

    private StreamLagBench()
    {
    }

    /**
     * Runs the load against a fresh node.
     *
     * @param eventsPerSecond target events per second.
     * @param seconds         how long the load runs.
     * @param batchesPerSecond batches submitted per second.
     * @param warmupSeconds   the first seconds of the load, whose events are not timed (JIT warm-up).
     * @param dataRoot        where the node's temporary data directory is made.
     * @return the figures.
     * @throws Exception when the node cannot start or a request fails.
     */
    public static Result run(final int eventsPerSecond, final int seconds, final int batchesPerSecond,
        final int warmupSeconds, final Path dataRoot) throws Exception
    {
        final byte[] governanceKey = key("governance");
        final byte[] bridgeKey = key("bridge");
        Files.createDirectories(dataRoot);
        final Path dir = Files.createTempDirectory(dataRoot, "node-stream");
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(address(governanceKey), address(bridgeKey)).withLimits(64 << 20, 20_000)
            .withAdmission(AdmissionLimits.unmetered());
        final ClearingEngine replica = new ClearingEngine(
            EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        final CommandEncoder encoder = new CommandEncoder(replica.state());
        final byte[] domain = replica.domainSeparator();
        try (Node node = Node.start(config, new PrintStream(OutputStream.nullOutputStream())))
        {
            final HttpClient client = HttpClient.newHttpClient();
            final String base = "http://127.0.0.1:" + node.port();
            setUp(client, base, encoder, replica, domain, governanceKey, bridgeKey);

            final int fillsPerBatch = Math.max(1, eventsPerSecond / EVENTS_PER_FILL / batchesPerSecond);
            final int batches = seconds * batchesPerSecond;
            final Map<Long, Long> submitted = new ConcurrentHashMap<>();
            final Arrival everything = new Arrival();
            final Arrival trader = new Arrival();
            final long after = durableSequence(client, base);
            final WebSocket publicSocket = client.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream?heartbeat=true&from=" + after), everything)
                .get();
            final WebSocket privateSocket = client.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream?account=" + address(key("trader-0")) +
                    "&from=" + after), trader).get();

            final List<List<Command>> load = fills(batches, fillsPerBatch, domain);
            final long period = TimeUnit.SECONDS.toNanos(1) / batchesPerSecond;
            final List<CompletableFuture<?>> pending = new ArrayList<>(batches);
            final long start = System.nanoTime();
            for (int b = 0; b < batches; b++)
            {
                final long due = start + b * period;
                while (System.nanoTime() < due)
                {
                    LockSupport.parkNanos(Math.min(200_000, due - System.nanoTime()));
                }
                final long sent = System.nanoTime();
                final boolean timed = b >= warmupSeconds * batchesPerSecond;
                pending.add(node.submitCommands(load.get(b)).thenAccept(outcomes ->
                {
                    for (int i = 0; timed && i < outcomes.size(); i++)
                    {
                        submitted.put(outcomes.get(i).sequence(), sent);
                    }
                }));
            }
            final long loadEnd = System.nanoTime();
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            final long last = durableSequence(client, base);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // A heartbeat names how far its stream has been served, and follows every event it covers on the same
            // socket: once both streams' heartbeats reach the last command, every event has arrived.
            while ((everything.served < last || trader.served < last) && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            publicSocket.abort();
            privateSocket.abort();
            final double loadSeconds = (loadEnd - start) / 1e9;
            return new Result(eventsPerSecond, everything.count() / loadSeconds, everything.count(),
                everything.lags(submitted), trader.count(), trader.lags(submitted));
        }
    }

    private static void setUp(final HttpClient client, final String base, final CommandEncoder encoder,
        final ClearingEngine replica, final byte[] domain, final byte[] governanceKey, final byte[] bridgeKey)
    {
        long time = System.currentTimeMillis() - 5_000;
        final List<Command> setup = new ArrayList<>();
        setup.add(new CreatePerpetual(++time, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, STEP,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
        for (int p = 0; p < 3; p++)
        {
            setup.add(new RegisterOraclePublisher(++time, 0, address(key("publisher-" + p))));
        }
        long nonce = 0;
        for (final Command command : setup)
        {
            final ObjectNode json = encoder.encode(command, true);
            CommandEncoder.withAuthority(json, ++nonce, Authority.sign(domain, nonce, command, governanceKey));
            replica.apply(command);
            post(client, base + "/v1/commands", json.toString());
        }
        final ArrayNode funding = Json.MAPPER.createArrayNode();
        for (int t = 0; t < TRADERS; t++)
        {
            final Deposit deposit = new Deposit(time, address(key("trader-" + t)), 0, 0, 10_000_000_000_000L, t + 1);
            funding.add(CommandEncoder.withAuthority(encoder.encode(deposit, true), 0,
                Authority.sign(domain, 0, deposit, bridgeKey)));
        }
        final List<PriceReport> reports = new ArrayList<>();
        final long at = ++time;
        for (int p = 0; p < 3; p++)
        {
            final PriceReport unsigned = new PriceReport(0, 60_000 * USD, at, address(key("publisher-" + p)), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key("publisher-" + p))));
        }
        funding.add(encoder.encode(new OraclePrice(at, 0, reports), true));
        post(client, base + "/v1/commands/batch", funding.toString());
    }

    /** Fills between trader pairs, trader 0 in one pair of ten, each pair's two orders signed once. */
    private static List<List<Command>> fills(final int batches, final int fillsPerBatch, final byte[] domain)
    {
        final int pairs = TRADERS / 2;
        final Order[] makers = new Order[pairs];
        final Order[] takers = new Order[pairs];
        for (int p = 0; p < pairs; p++)
        {
            makers[p] = order(key("trader-" + 2 * p), p % 2 == 0, p % 2 == 0 ? 80_000 * USD : 40_000 * USD,
                2L * p + 1, domain);
            takers[p] = order(key("trader-" + (2 * p + 1)), p % 2 != 0, p % 2 == 0 ? 40_000 * USD : 80_000 * USD,
                2L * p + 2, domain);
        }
        final List<List<Command>> load = new ArrayList<>(batches);
        int fill = 0;
        for (int b = 0; b < batches; b++)
        {
            final List<Command> batch = new ArrayList<>(fillsPerBatch);
            for (int i = 0; i < fillsPerBatch; i++, fill++)
            {
                final int p = fill % 10 == 0 ? 0 : fill % pairs;
                batch.add(new SettleTrade(0, 0, makers[p], takers[p], STEP, 60_000 * USD));
            }
            load.add(batch);
        }
        return load;
    }

    private static Order order(final byte[] key, final boolean buy, final long limit, final long nonce,
        final byte[] domain)
    {
        final Order unsigned = Order.of(address(key), 0, 0, buy, FILLS_PER_ORDER * STEP, limit, nonce,
            System.currentTimeMillis() + 86_400_000L, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key));
    }

    /** A subscriber recording each event's sequence and arrival time. */
    private static final class Arrival implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();
        private long[] sequences = new long[1 << 16];
        private long[] arrivals = new long[1 << 16];
        private int count;
        /** The sequence the latest heartbeat says the stream has been served through. */
        private volatile long served;

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                final long now = System.nanoTime();
                final String message = text.toString();
                text.setLength(0);
                final Matcher matcher = SEQUENCE.matcher(message);
                if (message.startsWith("{\"type\":\"Heartbeat\"") && matcher.find())
                {
                    served = Long.parseLong(matcher.group(1));
                }
                else if (!message.contains("MarginWarning") && matcher.find())
                {
                    record(Long.parseLong(matcher.group(1)), now);
                }
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void record(final long sequence, final long now)
        {
            if (count == sequences.length)
            {
                sequences = Arrays.copyOf(sequences, count * 2);
                arrivals = Arrays.copyOf(arrivals, count * 2);
            }
            sequences[count] = sequence;
            arrivals[count++] = now;
        }

        synchronized int count()
        {
            return count;
        }

        /** p50, p99 and max lag in ms of the events of submitted commands. */
        synchronized double[] lags(final Map<Long, Long> submitted)
        {
            final long[] lags = new long[count];
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                final Long sent = submitted.get(sequences[i]);
                if (sent != null)
                {
                    lags[n++] = arrivals[i] - sent;
                }
            }
            if (n == 0)
            {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            final long[] sorted = Arrays.copyOf(lags, n);
            Arrays.sort(sorted);
            return new double[] {sorted[n / 2] / 1e6, sorted[(int)Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
                sorted[n - 1] / 1e6};
        }
    }

    /** The node's latest durable sequence, from {@code GET /health}. */
    private static long durableSequence(final HttpClient client, final String base)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body()).get("durableSequence").asLong();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void post(final HttpClient client, final String url, final String body)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                throw new IllegalStateException(response.statusCode() + ": " + response.body());
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Address address(final byte[] key)
    {
        return Address.of(Secp256k1.addressOf(key));
    }
}
