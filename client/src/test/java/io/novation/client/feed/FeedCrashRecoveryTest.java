package io.novation.client.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.ReplayedRecord;
import io.novation.node.server.Genesis;
import io.novation.node.server.NodeConfig;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the node as a separate process, streams signed fills over the binary feed on several connections with
 * frames in flight, kills the process with SIGKILL mid-stream and restarts it on the same data directory. Every
 * command whose durable acknowledgement a client received is in the restarted node's journal at the acknowledged
 * sequence, with the acknowledged time and outcome; every fill not acknowledged, resent with the last acknowledged
 * ones, is applied exactly once in all (the fill book refuses the acknowledged ones and those journaled before the
 * kill); and the node's state root equals a replay of its journal from genesis.
 */
@Tag("crash")
class FeedCrashRecoveryTest
{
    private static final int CONNECTIONS = 4;
    private static final int FILLS_PER_CONNECTION = 800;
    private static final int FILLS_PER_FRAME = 20;
    private static final int FRAMES_IN_FLIGHT = 4;
    private static final int RESENT_ACKNOWLEDGED = 40;
    private static final long TENTH_BTC = Testnet.ONE_BTC / 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, FeedAck> acknowledged = new ConcurrentHashMap<>();
    private Process node;
    private int port;
    private long correlation;

    @AfterEach
    void stopNode() throws InterruptedException
    {
        if (node != null)
        {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedFillAndApplyNoResentFillTwiceAfterAKillUnderFeedLoad() throws Exception
    {
        port = freePort();
        node = start();
        final FeedVenue venue = new FeedVenue(System.currentTimeMillis());
        final List<FeedVenue.Item> setUp = new ArrayList<>(venue.genesis());
        for (int c = 0; c < CONNECTIONS; c++)
        {
            setUp.add(venue.deposit("maker-" + c, 1_000_000));
            setUp.add(venue.deposit("taker-" + c, 1_000_000));
        }
        setUp.add(venue.price(60_000));
        try (FeedClient feed = FeedClient.connect(base()))
        {
            final FeedBatch batch = new FeedBatch();
            setUp.forEach(item -> item.addTo(batch, ++correlation));
            assertThat(feed.send(batch).get(60, TimeUnit.SECONDS)).allMatch(FeedAck::applied);
        }
        // Each connection trades its own pair, sides alternating, at the sequencer's time (0), so the connections'
        // fills interleave in any order and each stays within margin.
        final Map<String, SettleTrade> fills = new HashMap<>();
        final List<List<FeedBatch>> frames = new ArrayList<>();
        final Map<Long, String> fillOf = new HashMap<>();
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final List<FeedBatch> mine = new ArrayList<>();
            FeedBatch frame = null;
            for (int i = 0; i < FILLS_PER_CONNECTION; i++)
            {
                final SettleTrade signed = venue.tradeCommand("maker-" + c, "taker-" + c, i % 2 == 0, TENTH_BTC,
                    60_000 + i % 7);
                final SettleTrade fill = new SettleTrade(0, signed.marketId(), signed.maker(), signed.taker(),
                    signed.fillSize(), signed.fillPrice());
                if (i % FILLS_PER_FRAME == 0)
                {
                    frame = new FeedBatch();
                    mine.add(frame);
                }
                frame.settleTrade(++correlation, fill);
                fills.put(key(fill), fill);
                fillOf.put(correlation, key(fill));
            }
            frames.add(mine);
        }

        final List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final List<FeedBatch> mine = frames.get(c);
            final Thread sender = new Thread(() -> stream(mine, fillOf), "feed-sender-" + c);
            sender.start();
            senders.add(sender);
        }
        final int total = CONNECTIONS * FILLS_PER_CONNECTION;
        final long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < total / 3 && System.nanoTime() < killDeadline)
        {
            Thread.sleep(5);
        }
        node.destroyForcibly();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (final Thread sender : senders)
        {
            sender.join(60_000);
        }
        final Map<String, FeedAck> before = Map.copyOf(acknowledged);
        assertThat(before.size()).as("fills acknowledged before the kill").isGreaterThan(0).isLessThan(total);
        final long highestAcknowledged = before.values().stream().mapToLong(FeedAck::sequence).max().orElseThrow();
        System.out.printf("killed with %d of %d fills acknowledged (highest sequence %d)%n", before.size(), total,
            highestAcknowledged);

        node = start();
        final long recovered = state().get("sequence").asLong();
        assertThat(recovered).as("every acknowledged fill survives the kill").isGreaterThanOrEqualTo(
            highestAcknowledged);

        // Resend every fill without an acknowledgement, in each connection's order, after the connection's last
        // RESENT_ACKNOWLEDGED acknowledged fills (which the node must refuse too).
        final Map<String, FeedAck> resent = new HashMap<>();
        try (FeedClient feed = FeedClient.connect(base()))
        {
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final List<Long> ids = new ArrayList<>();
                frames.get(c).forEach(frame -> ids.addAll(frame.correlationIds()));
                int firstUnacknowledged = 0;
                while (firstUnacknowledged < ids.size() &&
                    before.containsKey(fillOf.get(ids.get(firstUnacknowledged))))
                {
                    firstUnacknowledged++;
                }
                final FeedBatch batch = new FeedBatch();
                for (final long id : ids.subList(Math.max(0, firstUnacknowledged - RESENT_ACKNOWLEDGED), ids.size()))
                {
                    batch.settleTrade(id, fills.get(fillOf.get(id)));
                }
                for (final FeedAck ack : feed.send(batch).get(120, TimeUnit.SECONDS))
                {
                    resent.put(fillOf.get(ack.correlationId()), ack);
                }
            }
        }
        assertThat(resent.keySet()).containsAll(fills.keySet().stream().filter(fill -> !before.containsKey(fill))
            .toList());
        final JsonNode state = state();
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        node = null;

        final Replay replay = replay();
        assertThat(Hex.encode(replay.engine.stateRoot())).as("the root of a replay of the journal from genesis")
            .isEqualTo(state.get("stateRoot").asText());
        assertThat(replay.lastSequence).isEqualTo(state.get("sequence").asLong());
        for (final Map.Entry<String, FeedAck> entry : before.entrySet())
        {
            final FeedAck ack = entry.getValue();
            final Replay.Outcome journaled = replay.outcomes.get(ack.sequence());
            assertThat(journaled).as("the journal holds acknowledged %s", ack).isNotNull();
            assertThat(journaled.key).as("the fill at sequence %d", ack.sequence()).isEqualTo(entry.getKey());
            assertThat(journaled.time).isEqualTo(ack.time());
            assertThat(journaled.applied).as("outcome of %s", ack).isEqualTo(ack.applied());
        }
        int journaledBeforeKill = 0;
        final Set<String> refusals = new TreeSet<>();
        for (final Map.Entry<String, FeedAck> entry : resent.entrySet())
        {
            final FeedAck ack = entry.getValue();
            final List<Long> appliedAt = replay.appliedAt.getOrDefault(entry.getKey(), List.of());
            final FeedAck first = before.get(entry.getKey());
            if (first != null)
            {
                assertThat(ack.applied()).as("an acknowledged fill resent: %s", ack).isFalse();
                assertThat(appliedAt).containsExactly(first.sequence());
                refusals.add(ack.code());
            }
            else if (ack.applied())
            {
                assertThat(appliedAt).as("a resent fill applied once, on resend").containsExactly(ack.sequence());
            }
            else
            {
                assertThat(appliedAt).as("a resent fill refused (%s) was journaled before the kill", ack).hasSize(1);
                assertThat(appliedAt.get(0)).isLessThanOrEqualTo(recovered);
                journaledBeforeKill++;
                refusals.add(ack.code());
            }
        }
        for (final String fill : fills.keySet())
        {
            assertThat(replay.appliedAt.get(fill)).as("sequences fill %s was applied at", fill).hasSize(1);
        }
        final long appliedOnResend = resent.values().stream().filter(FeedAck::applied).count();
        System.out.printf("recovered to sequence %d; resent %d fills: %d applied, %d durable but unacknowledged " +
            "and %d acknowledged not applied again (%s)%n", recovered, resent.size(), appliedOnResend,
            journaledBeforeKill, resent.size() - appliedOnResend - journaledBeforeKill, refusals);
        assertThat(refusals).isNotEmpty();
    }

    /** Sends a connection's frames with a bounded number in flight until they are all sent or the node dies. */
    private void stream(final List<FeedBatch> frames, final Map<Long, String> fillOf)
    {
        final Semaphore inFlight = new Semaphore(FRAMES_IN_FLIGHT);
        try (FeedClient feed = FeedClient.connect(base()))
        {
            for (final FeedBatch frame : frames)
            {
                inFlight.acquire();
                if (feed.closed().isDone())
                {
                    return;
                }
                final CompletableFuture<List<FeedAck>> acks = feed.send(frame);
                acks.whenComplete((done, failure) ->
                {
                    inFlight.release();
                    if (done != null)
                    {
                        done.forEach(ack -> acknowledged.put(fillOf.get(ack.correlationId()), ack));
                    }
                });
            }
            inFlight.acquire(FRAMES_IN_FLIGHT);
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            // The node was killed: what was acknowledged is recorded.
        }
    }

    /** The journal replayed from genesis in a fresh engine: each record's fill, time and outcome. */
    private Replay replay() throws IOException
    {
        final Genesis genesis = Genesis.loadOrCreate(NodeConfig.defaults().withDataDir(dataDir),
            new PrintStream(OutputStream.nullOutputStream()));
        final Replay replay = new Replay(new ClearingEngine(genesis.engineConfig(), EventSink.NONE));
        final JournalReplayer replayer = JournalReplayer.applyingTo(replay.engine).observe(replay);
        assertThat(replayer.replayChecked(dataDir.resolve("journal"), Long.MAX_VALUE)).isNull();
        return replay;
    }

    private static String key(final SettleTrade fill)
    {
        return Hex.encode(fill.maker().signature().toBytes65());
    }

    private URI base()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    private Process start() throws IOException, InterruptedException
    {
        final Path log = dataDir.resolve("node.log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty(
            "java.class.path"), "io.novation.node.cli.NovationCli", "node", "--data-dir", dataDir.toString(), "--port",
            String.valueOf(port), "--governance", Testnet.GOVERNANCE.toString(), "--bridge",
            Testnet.BRIDGE.toString(), "--seal-every", "0", "--seal-every-ms", "0");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        final Process process = builder.start();
        final long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline)
        {
            if (!process.isAlive())
            {
                throw new AssertionError("the node exited: " + Files.readString(log));
            }
            try
            {
                if (http.send(HttpRequest.newBuilder(base().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200)
                {
                    return process;
                }
            }
            catch (final IOException ex)
            {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the node did not start within 60 s");
    }

    private JsonNode state() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(base().resolve("/v1/state")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Watches a replay: each record's fill key, time and outcome, and the sequences each fill was applied at. */
    private static final class Replay implements JournalObserver
    {
        private final ClearingEngine engine;
        private final Map<Long, Outcome> outcomes = new HashMap<>();
        private final Map<String, List<Long>> appliedAt = new HashMap<>();
        private long lastSequence;

        Replay(final ClearingEngine engine)
        {
            this.engine = engine;
        }

        @Override
        public void afterCommand(final ReplayedRecord record, final boolean applied, final ClearingEngine on)
        {
            lastSequence = record.sequence();
            if (record.command() instanceof SettleTrade fill)
            {
                outcomes.put(record.sequence(), new Outcome(key(fill), fill.time(), applied));
                if (applied)
                {
                    appliedAt.computeIfAbsent(key(fill), k -> new ArrayList<>()).add(record.sequence());
                }
            }
        }

        /** One journaled fill: its key, the sequencer's time, and whether the engine applied it. */
        private record Outcome(String key, long time, boolean applied)
        {
        }
    }
}
