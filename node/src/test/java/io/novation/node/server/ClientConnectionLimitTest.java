package io.novation.node.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, the per-address connection cap: one client address cannot hold more than its share of connections (it
 * could otherwise take the whole server limit with idle sockets); a connection beyond the cap is closed as it opens,
 * other addresses still connect, and the address gets its place back when one of its connections closes.
 */
class ClientConnectionLimitTest
{
    private static final int CAP = 8;
    private static final String HOG = "127.0.0.3";
    private static final String OTHER = "127.0.0.4";

    @TempDir
    Path dataDir;

    @Test
    void shouldCloseConnectionsBeyondTheCapOfOneAddressAndServeOtherAddresses() throws Exception
    {
        final HttpLimits limits = new HttpLimits(10_000, 10_000, 8_192, 4_096, 200, CAP, 30_000);
        final List<Socket> held = new ArrayList<>();
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withHttpLimits(limits)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream())))
        {
            for (int i = 0; i < CAP; i++)
            {
                held.add(accepted(connect(HOG, node.port())));
            }
            assertThat(health(HOG, node.port())).as("over the cap").isEqualTo(-1);
            assertThat(node.metrics().admissionRefusedCount(ClientConnectionLimit.LIMIT)).isEqualTo(1);
            assertThat(health(OTHER, node.port())).isEqualTo(200);
            assertThat(isOpen(held.get(0))).as("held connections stay open").isTrue();

            held.remove(0).close();
            final long deadline = System.nanoTime() + 5_000_000_000L;
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
                status = health(HOG, node.port());
            }
            assertThat(status).as("a place freed by a closed connection").isEqualTo(200);
        }
        finally
        {
            for (final Socket socket : held)
            {
                socket.close();
            }
        }
    }

    private static Socket connect(final String from, final int port) throws IOException
    {
        final Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /**
     * Waits until the node has accepted a connection (a client's connect returns before that): asks {@code /health}
     * on it and reads the answer, keeping the connection open.
     */
    private static Socket accepted(final Socket socket) throws IOException
    {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: node\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0)
        {
            head.append((char)in.read());
        }
        final java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)")
            .matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        in.readNBytes(Integer.parseInt(length.group(1)));
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** The status of GET /health from an address, or -1 when the node closes the connection without an answer. */
    private static int health(final String from, final int port) throws IOException
    {
        try (Socket socket = connect(from, port))
        {
            socket.setSoTimeout(5_000);
            try
            {
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
                final byte[] head = socket.getInputStream().readNBytes(12);
                return head.length < 12 ? -1 : Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
            }
            catch (final SocketTimeoutException ex)
            {
                throw ex;
            }
            catch (final IOException ex)
            {
                return -1;
            }
        }
    }

    private static boolean isOpen(final Socket socket) throws IOException
    {
        socket.setSoTimeout(200);
        final InputStream in = socket.getInputStream();
        try
        {
            return in.read() >= 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return true;
        }
    }
}
