package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import io.novation.node.stream.EventHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the private stream of an account against a real node: only its events, each with its global place,
 * resumable without gap or duplicate, heartbeats, margin warnings, and a malformed account refused.
 */
class PrivateStreamTest
{
    private static final long BOUND_SECONDS = 15;

    private Venue venue = new Venue(1_760_000_000_000L);
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Client> clients = new ArrayList<>();
    private Node node;
    private Http http;

    @BeforeEach
    void start(@TempDir final Path dataDir) throws IOException
    {
        start(NodeConfig.defaults().withDataDir(dataDir));
    }

    private void start(final NodeConfig config) throws IOException
    {
        node = Node.start(config.withPort(0).withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE),
            new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            post(command);
        }
        post(venue.price(60_000));
    }

    @AfterEach
    void stop()
    {
        clients.forEach(c -> c.socket.abort());
        node.close();
    }

    @Test
    void shouldDeliverExactlyTheAccountsEventsWithTheirSequenceAndIndex() throws Exception
    {
        final Client everything = connect("from=0");
        final Client alice = connect("account=" + Venue.address("alice") + "&from=0");
        final long last = mixedActivity();
        everything.await(m -> m.path("sequence").asLong() >= last);
        alice.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= last);

        final List<String> expected = privateOf(everything.messages(), "alice");
        assertThat(expected).as("alice takes part in the run").hasSizeGreaterThan(5);
        assertThat(parsed(events(alice.messages()))).isEqualTo(parsed(expected));
    }

    @Test
    void shouldResumeFromTheLastEventSeenWithoutGapOrDuplicate() throws Exception
    {
        final Client first = connect("account=" + Venue.address("alice") + "&from=0");
        final long middle = mixedActivity();
        first.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= middle);
        final List<String> before = events(first.messages());
        // Disconnect in the middle of a command's events (the client saw event `cut` and not the next one of the
        // same command): resume from the last event seen.
        int cut = before.size() - 2;
        while (cut > 0 && Json.MAPPER.readTree(before.get(cut)).get("sequence").asLong() !=
            Json.MAPPER.readTree(before.get(cut + 1)).get("sequence").asLong())
        {
            cut--;
        }
        assertThat(Json.MAPPER.readTree(before.get(cut + 1)).get("index").asInt()).isPositive();
        final JsonNode lastSeen = Json.MAPPER.readTree(before.get(cut));
        first.socket.abort();
        final long end = mixedActivity();
        final Client resumed = connect("account=" + Venue.address("alice") + "&from=" +
            lastSeen.get("sequence").asLong() + ":" + lastSeen.get("index").asInt());
        resumed.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= end);

        final List<String> joined = new ArrayList<>(before.subList(0, cut + 1));
        joined.addAll(events(resumed.messages()));
        final Client everything = connect("from=0");
        everything.await(m -> m.path("sequence").asLong() >= end);
        assertThat(parsed(joined)).isEqualTo(parsed(privateOf(everything.messages(), "alice")));
    }

    @Test
    void shouldSendAHeartbeatWithTheLatestSequenceWhenNothingConcernsTheAccount() throws Exception
    {
        final Client nobody = connect("account=" + Venue.address("nobody"));
        final long last = mixedActivity();
        final long start = System.nanoTime();
        nobody.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= last);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
            .isLessThan(2 * EventHub.HEARTBEAT_MILLIS + 5_000);
        assertThat(nobody.messages()).allSatisfy(m -> assertThat(m).contains("\"type\":\"Heartbeat\""));
        final JsonNode beat = Json.MAPPER.readTree(nobody.messages().get(nobody.messages().size() - 1));
        assertThat(beat.get("latest").asLong()).isEqualTo(last);
    }

    @Test
    void shouldWarnOnceAtEachThresholdAsThePriceFalls() throws Exception
    {
        post(venue.deposit("maker", 1_000_000));
        post(venue.deposit("alice", 9_000));
        post(venue.trade("maker", "alice", false, Venue.ONE_BTC, 60_000));
        final Client alice = connect("account=" + Venue.address("alice"));
        final Client maker = connect("account=" + Venue.address("maker"));
        long last = 0;
        for (long usd = 60_000; usd >= 52_650; usd -= 150)
        {
            last = post(venue.price(usd));
        }
        // Up and down between 1.05 and its re-arm level: no new warning.
        post(venue.price(52_700));
        last = post(venue.price(52_650));
        final long end = last;
        alice.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= end);
        final List<JsonNode> warnings = new ArrayList<>();
        for (final String message : alice.messages())
        {
            final JsonNode node = Json.MAPPER.readTree(message);
            if ("MarginWarning".equals(node.path("type").asText()))
            {
                warnings.add(node);
            }
        }
        assertThat(warnings).extracting(w -> w.get("thresholdPpm").asLong())
            .containsExactly(1_500_000L, 1_200_000L, 1_050_000L);
        assertThat(warnings).allSatisfy(w ->
        {
            assertThat(w.get("subaccount").asInt()).isZero();
            assertThat(w.get("healthPpm").asLong()).isLessThan(w.get("thresholdPpm").asLong());
        });
        maker.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= end);
        assertThat(maker.messages()).noneMatch(m -> m.contains("MarginWarning"));
    }

    @Test
    void shouldGiveTheSameEventsAndIndexesWhenResumingFromBeforeTheRing(@TempDir final Path other) throws Exception
    {
        node.close();
        venue = new Venue(1_760_000_000_000L);
        start(NodeConfig.defaults().withDataDir(other).withEventRing(8));
        mixedActivity();
        final long last = mixedActivity();
        // Both re-derived from the journal: the ring holds the last 8 events only.
        final Client everything = connect("from=0");
        final Client alice = connect("account=" + Venue.address("alice") + "&from=0");
        everything.await(m -> m.path("sequence").asLong() >= last);
        alice.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= last);
        final List<String> expected = privateOf(everything.messages(), "alice");
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(parsed(events(alice.messages()))).isEqualTo(parsed(expected));
    }

    @Test
    void shouldKeepThePublicFormatAndSendItHeartbeatsOnlyWhenAsked() throws Exception
    {
        final Client plain = connect("from=0");
        final Client beating = connect("from=0&heartbeat=true");
        final long last = mixedActivity();
        beating.await(m -> isHeartbeat(m) && m.path("sequence").asLong() >= last);
        plain.await(m -> m.path("sequence").asLong() >= last);
        assertThat(plain.messages()).noneMatch(m -> m.contains("Heartbeat") || m.contains("\"index\""));
        assertThat(beating.messages().stream().filter(m -> !m.contains("\"type\":\"Heartbeat\"")).toList())
            .isEqualTo(plain.messages().subList(0, (int)beating.messages().stream()
                .filter(m -> !m.contains("\"type\":\"Heartbeat\"")).count()));
    }

    @Test
    void shouldCloseAStreamForAMalformedAccountWithAReasonCode() throws Exception
    {
        final Client bad = connect("account=0x1234");
        final String reason = bad.closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(reason).startsWith("1008 INVALID_FIELD: account");
        final Client badFrom = connect("account=" + Venue.address("alice") + "&from=1:x");
        assertThat(badFrom.closed.get(BOUND_SECONDS, TimeUnit.SECONDS)).startsWith("1008 INVALID_FIELD: from");
    }

    /** Deposits, trades and a withdrawal among alice, bob and carol; returns the last sequence. */
    private long mixedActivity()
    {
        post(venue.deposit("alice", 50_000));
        post(venue.deposit("bob", 50_000));
        post(venue.deposit("carol", 50_000));
        post(venue.trade("alice", "bob", true, Venue.ONE_BTC / 10, 60_000));
        post(venue.trade("bob", "carol", true, Venue.ONE_BTC / 10, 60_000));
        post(venue.price(60_100));
        post(venue.trade("carol", "alice", false, Venue.ONE_BTC / 20, 60_100));
        return post(venue.withdraw("alice", 10));
    }

    private long post(final ObjectNode command)
    {
        final Http.Response applied = http.post("/v1/commands", command.toString());
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        return applied.json().get("sequence").asLong();
    }

    private static boolean isHeartbeat(final JsonNode message)
    {
        return "Heartbeat".equals(message.path("type").asText());
    }

    /** The events of a private stream's messages (heartbeats and warnings left out), as received. */
    private static List<String> events(final List<String> messages)
    {
        return messages.stream().filter(m -> !m.contains("\"type\":\"Heartbeat\"") &&
            !m.contains("\"type\":\"MarginWarning\"")).toList();
    }

    private static List<JsonNode> parsed(final List<String> messages) throws IOException
    {
        final List<JsonNode> out = new ArrayList<>();
        for (final String message : messages)
        {
            out.add(Json.MAPPER.readTree(message));
        }
        return out;
    }

    /** The public stream filtered offline: events naming the account's address, with their index added. */
    private static List<String> privateOf(final List<String> publicMessages, final String name) throws IOException
    {
        final String address = Venue.address(name).toString().toLowerCase(Locale.ROOT);
        final List<String> out = new ArrayList<>();
        long sequence = -1;
        int index = 0;
        for (final String message : publicMessages)
        {
            final ObjectNode event = (ObjectNode)Json.MAPPER.readTree(message);
            final long s = event.get("sequence").asLong();
            index = s == sequence ? index + 1 : 0;
            sequence = s;
            if (message.toLowerCase(Locale.ROOT).contains(address))
            {
                out.add(Json.MAPPER.writeValueAsString(event.put("index", index)));
            }
        }
        return out;
    }

    private Client connect(final String query) throws Exception
    {
        final Client c = new Client();
        c.socket = client.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream?" + query), c)
            .get(BOUND_SECONDS, TimeUnit.SECONDS);
        clients.add(c);
        return c;
    }

    /** A WebSocket client keeping every text it receives and how it was closed. */
    private static final class Client implements WebSocket.Listener
    {
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private WebSocket socket;

        List<String> messages()
        {
            return List.copyOf(received);
        }

        void await(final Predicate<JsonNode> condition) throws Exception
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            int seen = 0;
            while (System.nanoTime() < deadline)
            {
                final List<String> now = messages();
                for (; seen < now.size(); seen++)
                {
                    if (condition.test(Json.MAPPER.readTree(now.get(seen))))
                    {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such message within " + BOUND_SECONDS + " s; received " + messages());
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed.complete(statusCode + " " + reason);
            return null;
        }
    }
}
