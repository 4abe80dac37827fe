package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the hostile-client tests do over raw sockets: parse an HTTP/1.1 answer, pipeline requests without reading,
 * open a WebSocket by hand and read its frames, and follow the event stream's sequences with a reading client.
 */
public final class RawClients
{
    private RawClients()
    {
    }

    /**
     * A response: status, headers (lower-case names) and body (unchunked).
     *
     * @param status  the HTTP status.
     * @param headers the headers.
     * @param body    the body.
     */
    public record Reply(int status, Map<String, String> headers, String body)
    {
        /**
         * @return the body as JSON.
         */
        public JsonNode json()
        {
            try
            {
                return Json.MAPPER.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("not JSON: " + body, ex);
            }
        }
    }

    /**
     * Parses a whole HTTP/1.1 response.
     *
     * @param text the bytes of the response, as text.
     * @return the response.
     */
    public static Reply parse(final String text)
    {
        final int end = text.indexOf("\r\n\r\n");
        if (end < 0)
        {
            throw new IllegalStateException("no HTTP response: " + text);
        }
        final String[] lines = text.substring(0, end).split("\r\n");
        final int status = Integer.parseInt(lines[0].split(" ")[1]);
        final Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding")))
        {
            body = unchunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static String unchunk(final String chunked)
    {
        final StringBuilder out = new StringBuilder();
        int at = 0;
        while (true)
        {
            final int line = chunked.indexOf("\r\n", at);
            final int size = Integer.parseInt(chunked.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0)
            {
                return out.toString();
            }
            out.append(chunked, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }

    /**
     * Writes a GET many times on a connection, on a daemon thread, never reading the answers.
     *
     * @param socket the connection.
     * @param path   what to GET.
     * @param times  how many requests.
     * @return the writing thread, started.
     * @throws IOException when the socket has no output stream.
     */
    public static Thread pipeline(final Socket socket, final String path, final int times) throws IOException
    {
        final byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: node\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final OutputStream out = socket.getOutputStream();
        final Thread writer = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < times; i++)
                {
                    out.write(request);
                }
                out.flush();
            }
            catch (final IOException ex)
            {
                // The node may cut the connection once its write stalls.
            }
        }, "pipelining-" + path);
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /**
     * Upgrades a connection to a WebSocket by hand.
     *
     * @param socket the connection.
     * @param path   the stream's path and query.
     * @return the stream to read frames from.
     * @throws IOException when the socket fails.
     */
    public static DataInputStream webSocket(final Socket socket, final String path) throws IOException
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

    /**
     * The payload of a server frame (unmasked), after its first byte.
     *
     * @param in the stream.
     * @return the payload.
     * @throws IOException when the stream fails.
     */
    public static byte[] payload(final DataInputStream in) throws IOException
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

    /**
     * How a hand-made WebSocket of the event stream ended.
     *
     * @param reason          the reason of the node's close frame.
     * @param highestSequence the highest sequence of the events received before it.
     */
    public record Dropped(String reason, long highestSequence)
    {
    }

    /**
     * Reads event frames until the node's close frame.
     *
     * @param in the stream, past the handshake.
     * @return the close reason and the highest sequence received.
     * @throws IOException when the stream ends first or fails.
     */
    public static Dropped readUntilClosed(final DataInputStream in) throws IOException
    {
        final Pattern sequence = Pattern.compile("\"sequence\":(\\d+)");
        long highestReceived = 0;
        while (true)
        {
            final int opcode = in.readUnsignedByte() & 0x0F;
            final byte[] payload = payload(in);
            if (opcode == 0x8)
            {
                return new Dropped(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8),
                    highestReceived);
            }
            if (opcode == 0x1)
            {
                final Matcher matcher = sequence.matcher(new String(payload, StandardCharsets.UTF_8));
                assertThat(matcher.find()).isTrue();
                highestReceived = Math.max(highestReceived, Long.parseLong(matcher.group(1)));
            }
        }
    }

    /**
     * One exchange on a connection of its own from a chosen loopback address, answered within 60 s.
     *
     * @param from the client address.
     * @param port the node's port.
     * @param head the request line and headers.
     * @param body the body.
     * @return the answer.
     */
    public static Reply exchange(final String from, final int port, final String head, final byte[] body)
    {
        try (Socket socket = new Socket())
        {
            socket.setSoTimeout(60_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            final OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return parse(all.toString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** A WebSocket client of the event stream that records the highest sequence it received. */
    public static final class SequenceReader implements WebSocket.Listener
    {
        private final AtomicLong seen;
        private final StringBuilder text = new StringBuilder();

        /**
         * @param seen where the highest sequence received goes.
         */
        public SequenceReader(final AtomicLong seen)
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
