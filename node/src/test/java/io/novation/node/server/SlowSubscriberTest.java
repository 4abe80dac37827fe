package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, finding 5: a WebSocket subscriber that never reads holds only its own queue; the others receive the next
 * events, and the non-reader is closed with the sequence to resume from.
 */
class SlowSubscriberTest
{
    private static final int READERS = 50;
    private static final int HISTORY_DEPOSITS = 2_000;
    private static final int BATCH = 500;
    private static final long BOUND_SECONDS = 15;

    private final Venue venue = new Venue(1_760_000_000_000L);
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<WebSocket> readers = new ArrayList<>();
    private Node node;
    private Http http;

    @BeforeEach
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        for (int b = 0; b < HISTORY_DEPOSITS / BATCH; b++)
        {
            final ArrayNode deposits = Json.MAPPER.createArrayNode();
            for (int i = 0; i < BATCH; i++)
            {
                deposits.add(venue.deposit("trader" + i, 10));
            }
            final Http.Response applied = http.post("/v1/commands/batch", deposits.toString());
            assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop()
    {
        readers.forEach(WebSocket::abort);
        node.close();
    }

    @Test
    void shouldKeepDeliveringToOthersAndCloseANonReadingSubscriberWithItsResumeSequence() throws Exception
    {
        try (Socket nonReader = new Socket())
        {
            nonReader.setReceiveBufferSize(4096);
            nonReader.connect(new InetSocketAddress("127.0.0.1", node.port()));
            final DataInputStream in = RawClients.webSocket(nonReader, "/v1/stream?from=0");
            final List<AtomicLong> lastSeen = new ArrayList<>();
            for (int i = 0; i < READERS; i++)
            {
                final AtomicLong seen = new AtomicLong();
                lastSeen.add(seen);
                readers.add(client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream"), new RawClients.SequenceReader(seen))
                    .get(BOUND_SECONDS, TimeUnit.SECONDS));
            }
            awaitEveryReaderSees(lastSeen, deposit());

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (node.hub().subscriberCount() > READERS && System.nanoTime() < deadline)
            {
                awaitEveryReaderSees(lastSeen, deposit());
            }
            assertThat(node.hub().subscriberCount()).as("the non-reader was dropped").isEqualTo(READERS);
            final long last = deposit();
            awaitEveryReaderSees(lastSeen, last);

            nonReader.setSoTimeout((int)TimeUnit.SECONDS.toMillis(30));
            final RawClients.Dropped dropped = RawClients.readUntilClosed(in);
            final long highestReceived = dropped.highestSequence();
            final Matcher resume = Pattern.compile("SLOW_CONSUMER: .*from=(\\d+)").matcher(dropped.reason());
            assertThat(resume.find()).as(dropped.reason()).isTrue();
            final long from = Long.parseLong(resume.group(1));
            assertThat(from).as("resuming loses nothing received").isLessThanOrEqualTo(highestReceived);
            assertThat(from).as("the non-reader was behind").isLessThan(last);
        }
    }

    private long deposit()
    {
        final Http.Response applied = http.post("/v1/commands", venue.deposit("alice", 1).toString());
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        return applied.json().get("sequence").asLong();
    }

    private static void awaitEveryReaderSees(final List<AtomicLong> lastSeen, final long sequence)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline && lastSeen.stream().anyMatch(seen -> seen.get() < sequence))
        {
            Thread.sleep(10);
        }
        assertThat(lastSeen).as("every reader received sequence " + sequence)
            .allSatisfy(seen -> assertThat(seen.get()).isGreaterThanOrEqualTo(sequence));
    }
}
