package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
    private static final long BOUND_SECONDS = 5;

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
            final DataInputStream in = handshake(nonReader, "/v1/stream?from=0");
            final List<AtomicLong> lastSeen = new ArrayList<>();
            for (int i = 0; i < READERS; i++)
            {
                final AtomicLong seen = new AtomicLong();
                lastSeen.add(seen);
                readers.add(client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/v1/stream"), new Reader(seen))
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
            final Pattern sequence = Pattern.compile("\"sequence\":(\\d+)");
            long highestReceived = 0;
            String closeReason = null;
            while (closeReason == null)
            {
                final int opcode = in.readUnsignedByte() & 0x0F;
                final byte[] payload = payload(in);
                if (opcode == 0x8)
                {
                    closeReason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                }
                else if (opcode == 0x1)
                {
                    final Matcher matcher = sequence.matcher(new String(payload, StandardCharsets.UTF_8));
                    assertThat(matcher.find()).isTrue();
                    highestReceived = Math.max(highestReceived, Long.parseLong(matcher.group(1)));
                }
            }
            final Matcher resume = Pattern.compile("SLOW_CONSUMER: .*from=(\\d+)").matcher(closeReason);
            assertThat(resume.find()).as(closeReason).isTrue();
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

    private static DataInputStream handshake(final Socket socket, final String path) throws IOException
    {
        final String request = "GET " + path + " HTTP/1.1\r\nHost: node\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        final DataInputStream in = new DataInputStream(socket.getInputStream());
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
        {
            head.write(in.readUnsignedByte());
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
        return in;
    }

    /** The payload of a server frame (unmasked), after its first byte. */
    private static byte[] payload(final DataInputStream in) throws IOException
    {
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126)
        {
            length = in.readUnsignedShort();
        }
        else if (length == 127)
        {
            length = in.readLong();
        }
        final byte[] payload = new byte[(int)length];
        in.readFully(payload);
        return payload;
    }

    /** Records the highest sequence a reader received. */
    private static final class Reader implements WebSocket.Listener
    {
        private final AtomicLong seen;
        private final StringBuilder text = new StringBuilder();

        Reader(final AtomicLong seen)
        {
            this.seen = seen;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                try
                {
                    seen.accumulateAndGet(Json.MAPPER.readTree(text.toString()).get("sequence").asLong(), Math::max);
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
