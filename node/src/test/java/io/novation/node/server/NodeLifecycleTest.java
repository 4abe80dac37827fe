package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Deposit;
import io.novation.core.crypto.Hex;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

class NodeLifecycleTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    private static NodeConfig config(final Path dir)
    {
        return NodeConfig.defaults().withDataDir(dir).withPort(0).withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE);
    }

    private static void submitAll(final Http http, final List<ObjectNode> commands)
    {
        final ArrayNode batch = Json.MAPPER.createArrayNode();
        commands.forEach(batch::add);
        final Http.Response response = http.post("/v1/commands/batch", batch.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("refused").asInt()).as(response.text()).isZero();
    }

    /** Configuration one command per request: a batch is decoded against the definitions before it. */
    private static void configure(final Http http, final Venue venue)
    {
        for (final ObjectNode command : venue.genesis())
        {
            final Http.Response response = http.post("/v1/commands", command.toString());
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
    }

    private static List<ObjectNode> activity(final Venue venue, final int trades)
    {
        final List<ObjectNode> commands = new ArrayList<>();
        commands.add(venue.deposit("alice", 1_000_000));
        commands.add(venue.deposit("bob", 1_000_000));
        commands.add(venue.price(60_000));
        for (int i = 0; i < trades; i++)
        {
            commands.add(venue.trade(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", i % 3 == 0,
                ONE_BTC / 100, 60_000 + (i % 7) * 10));
        }
        return commands;
    }

    @Test
    void shouldServeEveryRouteOfTheOpenApiDocumentAndDocumentEveryRoute() throws IOException
    {
        try (Node node = Node.start(config(dataDir), QUIET))
        {
            final Http http = new Http(node.port());
            final JsonNode document = http.get("/v1/openapi.json").json();
            assertThat(document.get("openapi").asText()).startsWith("3.");
            final Set<String> documented = new HashSet<>();
            final Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
            while (paths.hasNext())
            {
                final Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> documented.add(
                    (path.getKey().equals("/v1/stream") || path.getKey().equals("/v1/feed") ? "WS" :
                        method.toUpperCase()) + " " + path.getKey()));
            }
            final Set<String> served = new HashSet<>();
            node.routes().forEach(route -> served.add(route.method() + " " + route.path()));
            assertThat(documented).isEqualTo(served);
            for (final Route route : node.routes())
            {
                if (route.method().equals("GET"))
                {
                    final String path = route.path().replace("{address}", Venue.address("nobody").toString())
                        .replace("{number}", "0").replace("{ticker}", "BTC-USD").replace("{id}", "0");
                    final Http.Response response = http.get(path);
                    assertThat(response.status()).as(path).isIn(200, 404);
                    if (response.status() == 404)
                    {
                        assertThat(response.code()).as(path).isNotEqualTo("NOT_FOUND");
                    }
                }
            }
            assertThat(http.post("/v1/commands", "{}").code()).isEqualTo("MISSING_FIELD");
            assertThat(http.post("/v1/commands/batch", "[{}]").code()).isEqualTo("MISSING_FIELD");
        }
    }

    @Test
    void shouldAssignMonotonicTimeAndRefuseTimesBeforeItOrTooFarAhead() throws IOException
    {
        try (Node node = Node.start(config(dataDir), QUIET))
        {
            final Http http = new Http(node.port());
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            configure(http, venue);
            final ObjectNode implicit = venue.deposit("alice", 10);
            implicit.remove("time");
            final long before = System.currentTimeMillis();
            final Http.Response assigned = http.post("/v1/commands", implicit.toString());
            assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
            final long time = assigned.json().get("time").asLong();
            assertThat(time).isBetween(before, System.currentTimeMillis());
            final ObjectNode past = venue.deposit("alice", 10);
            past.put("time", time - 1);
            assertThat(http.post("/v1/commands", past.toString()).code()).isEqualTo("TIME_NOT_MONOTONIC");
            past.put("time", System.currentTimeMillis() + 3_600_000);
            assertThat(http.post("/v1/commands", past.toString()).code()).isEqualTo("TIME_IN_FUTURE");
            past.put("time", time + 5);
            final Http.Response explicit = http.post("/v1/commands", past.toString());
            assertThat(explicit.json().get("time").asLong()).isEqualTo(time + 5);
            final ObjectNode next = venue.deposit("alice", 10);
            next.remove("time");
            assertThat(http.post("/v1/commands", next.toString()).json().get("time").asLong())
                .isGreaterThanOrEqualTo(time + 5);
        }
    }

    @Test
    void shouldFollowTheCommandsTimesWithTheReplayClock() throws IOException
    {
        try (Node node = Node.start(config(dataDir).withReplayClock(true), QUIET))
        {
            final Http http = new Http(node.port());
            final long pastDay = 1_760_054_400_000L;
            final Venue venue = new Venue(pastDay);
            configure(http, venue);
            final ObjectNode implicit = venue.deposit("alice", 10);
            implicit.remove("time");
            final Http.Response assigned = http.post("/v1/commands", implicit.toString());
            assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
            final long time = assigned.json().get("time").asLong();
            assertThat(time).as("the last assigned time, not the wall clock").isBetween(pastDay, pastDay + 1_000);
            final ObjectNode farAhead = venue.deposit("alice", 10);
            farAhead.put("time", System.currentTimeMillis() + 86_400_000L);
            final Http.Response future = http.post("/v1/commands", farAhead.toString());
            assertThat(future.status()).as(future.text()).isEqualTo(200);
            final ObjectNode past = venue.deposit("alice", 10);
            past.put("time", time);
            assertThat(http.post("/v1/commands", past.toString()).code()).isEqualTo("TIME_NOT_MONOTONIC");
        }
    }

    @Test
    void shouldRecoverTheSameStateFromSnapshotAndJournalAfterAGracefulStop() throws IOException
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        final String root;
        try (Node node = Node.start(config(dataDir).withSnapshotEvery(50), QUIET))
        {
            final Http http = new Http(node.port());
            configure(http, venue);
            submitAll(http, activity(venue, 120));
            root = http.get("/v1/state").json().get("stateRoot").asText();
            assertThat(root).isEqualTo(Hex.encode(venue.replica.stateRoot()));
        }
        assertThat(Files.list(dataDir.resolve("snapshots")).count()).isBetween(1L, 3L);
        try (Node node = Node.start(config(dataDir), QUIET))
        {
            assertThat(node.recoveryNote()).contains("from snapshot").contains("replayed 0");
            final Http http = new Http(node.port());
            assertThat(http.get("/v1/state").json().get("stateRoot").asText()).isEqualTo(root);
            submitAll(http, List.of(venue.trade("alice", "bob", true, ONE_BTC / 100, 60_000)));
        }
        // Without snapshots: replay the whole journal from genesis.
        try (var files = Files.list(dataDir.resolve("snapshots")))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
        try (Node node = Node.start(config(dataDir), QUIET))
        {
            assertThat(node.recoveryNote()).contains("from genesis");
            assertThat(new Http(node.port()).get("/v1/state").json().get("stateRoot").asText())
                .isEqualTo(Hex.encode(venue.replica.stateRoot()));
        }
    }

    @Test
    void shouldRefuseADataDirectoryWhoseGenesisKeysDiffer() throws IOException
    {
        Node.start(config(dataDir), QUIET).close();
        final NodeConfig other = config(dataDir).withGenesisKeys(Venue.address("mallory"), Venue.BRIDGE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Node.start(other, QUIET))
            .hasMessageContaining("governance");
    }

    @Test
    void shouldGenerateDevelopmentKeysThatSignForGovernance() throws IOException
    {
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0), QUIET))
        {
            final JsonNode keys = Json.MAPPER.readTree(Files.readString(dataDir.resolve(Genesis.DEV_KEYS)));
            final byte[] bridgeKey = Hex.decode(keys.get("bridgePrivateKey").asText());
            final Venue venue = new Venue(1_760_000_000_000L);
            final Deposit deposit = new Deposit(venue.nextTime(), Venue.address("alice"), 0, 0, 1_000_000, 1);
            final ObjectNode json = CommandEncoder.withAuthority(venue.encoder.encode(deposit, true), 0,
                Authority.sign(node.domainSeparator(), 0, deposit, bridgeKey));
            final Http.Response response = new Http(node.port()).post("/v1/commands", json.toString());
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(node.genesis().authority().bridge().toString()).isEqualTo(keys.get("bridge").asText());
        }
    }

    @Test
    void shouldStreamDurableEventsAndResumeFromAnySequenceWithoutGaps() throws Exception
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        try (Node node = Node.start(config(dataDir).withSnapshotEvery(40).withEventRing(64), QUIET))
        {
            final Http http = new Http(node.port());
            final Listener live = connect(node, 0);
            configure(http, venue);
            submitAll(http, activity(venue, 60));
            final long last = http.get("/v1/state").json().get("sequence").asLong();
            final List<JsonNode> all = live.await(last);
            assertThat(all).isNotEmpty();
            assertThat(sequences(all)).containsExactlyElementsOf(consecutiveWithEvents(all));
            assertThat(all.get(0).get("sequence").asLong()).isEqualTo(1);

            for (final long from : new long[] {0, 3, 17, last - 5, last})
            {
                final Listener resumed = connect(node, from);
                final List<JsonNode> events = from == last ? List.of() : resumed.await(last);
                final List<JsonNode> expected = all.stream().filter(e -> e.get("sequence").asLong() > from).toList();
                assertThat(events.stream().map(JsonNode::toString).toList()).as("from %d", from)
                    .containsExactlyElementsOf(expected.stream().map(JsonNode::toString).toList());
                resumed.close();
            }
            submitAll(http, List.of(venue.trade("alice", "bob", true, ONE_BTC / 100, 60_000)));
            final List<JsonNode> more = live.await(last + 1);
            assertThat(more.get(more.size() - 1).get("sequence").asLong()).isEqualTo(last + 1);
            live.close();
        }
    }

    private static List<Long> sequences(final List<JsonNode> events)
    {
        final List<Long> sequences = new ArrayList<>();
        for (final JsonNode event : events)
        {
            sequences.add(event.get("sequence").asLong());
        }
        return sequences;
    }

    /** The sequences of the events in order, checked to never decrease. */
    private static List<Long> consecutiveWithEvents(final List<JsonNode> events)
    {
        final List<Long> sequences = sequences(events);
        for (int i = 1; i < sequences.size(); i++)
        {
            assertThat(sequences.get(i)).isGreaterThanOrEqualTo(sequences.get(i - 1));
            assertThat(sequences.get(i) - sequences.get(i - 1)).isLessThanOrEqualTo(1);
        }
        return sequences;
    }

    private static Listener connect(final Node node, final long from) throws Exception
    {
        final Listener listener = new Listener();
        listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream?heartbeat=true&from=" + from),
                listener)
            .get(5, TimeUnit.SECONDS);
        return listener;
    }

    private static final class Listener implements WebSocket.Listener
    {
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private volatile long served;

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                try
                {
                    final JsonNode message = Json.MAPPER.readTree(partial.toString());
                    if ("Heartbeat".equals(message.path("type").asText()))
                    {
                        served = message.get("sequence").asLong();
                    }
                    else
                    {
                        events.add(message);
                    }
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<JsonNode> await(final long sequence) throws InterruptedException
        {
            // A heartbeat names how far the stream has been served and follows every event it covers on the socket,
            // so once one reaches the sequence every event of it has arrived (its last event too).
            final long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline)
            {
                if (served >= sequence)
                {
                    return new ArrayList<>(events);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("not served up to sequence " + sequence + " within 30 s; got " + events.size() +
                " events, served up to " + served);
        }

        void close()
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
