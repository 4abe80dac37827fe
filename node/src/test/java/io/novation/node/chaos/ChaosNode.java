package io.novation.node.chaos;

import io.novation.node.server.NodeProcesses;
import io.novation.node.server.RawClients;
import io.novation.node.server.RawClients.Reply;
import io.novation.node.server.Venue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A node started as its own process ({@code novation node}) for the chaos suite, with a small HTTP/1.1 client that
 * sends from a chosen loopback address (so one test plays several client addresses) and a bound on every exchange.
 */
final class ChaosNode implements AutoCloseable
{
    /** The address the attacks come from. */
    static final String ATTACKER = "127.0.0.1";
    /** The address of legitimate clients. */
    static final String HONEST = "127.0.0.2";

    private final Path dataDir;
    private final int port;
    private final String heap;
    private final List<String> flags;
    private Process process;

    private ChaosNode(final Path dataDir, final int port, final String heap, final List<String> flags)
    {
        this.dataDir = dataDir;
        this.port = port;
        this.heap = heap;
        this.flags = flags;
    }

    /**
     * Starts a node with the test venue's genesis keys, batch sealing off, and further flags.
     *
     * @param dataDir its data directory (its output goes to node.log there).
     * @param heap    its heap bound, e.g. {@code 256m}.
     * @param flags   more flags of {@code novation node}.
     * @return the node, healthy.
     */
    static ChaosNode start(final Path dataDir, final String heap, final String... flags)
        throws IOException, InterruptedException
    {
        final ChaosNode node = new ChaosNode(dataDir, NodeProcesses.freePort(), heap, List.of(flags));
        node.restart();
        return node;
    }

    /** Starts the process again on the same data directory and port, and waits until it is healthy. */
    void restart() throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>(List.of("node", "--data-dir", dataDir.toString(), "--port",
            String.valueOf(port), "--governance", Venue.GOVERNANCE.toString(), "--bridge",
            Venue.BRIDGE.toString(), "--seal-every", "0", "--seal-every-ms", "0"));
        args.addAll(flags);
        process = NodeProcesses.awaitHealthy(NodeProcesses.run(heap, log(), args.toArray(String[]::new)), port, log(),
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    int port()
    {
        return port;
    }

    Path dataDir()
    {
        return dataDir;
    }

    Path log()
    {
        return dataDir.resolve("node.log");
    }

    String logText() throws IOException
    {
        return Files.readString(log());
    }

    boolean alive()
    {
        return process.isAlive();
    }

    /** SIGKILL, and waits for the process to end. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError("the node did not die");
        }
    }

    Reply get(final String from, final String path)
    {
        return exchange(from, "GET " + path + " HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n", new byte[0]);
    }

    Reply post(final String from, final String path, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(from, "POST " + path + " HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n", bytes);
    }

    long sequence()
    {
        final Reply state = get(HONEST, "/v1/state");
        if (state.status() != 200)
        {
            throw new AssertionError("GET /v1/state: " + state);
        }
        return state.json().path("sequence").asLong();
    }

    /** A gauge or counter of /metrics, by its whole name with labels. */
    long metric(final String name)
    {
        final String metrics = "\n" + get(HONEST, "/metrics").body();
        final int at = metrics.indexOf("\n" + name + " ");
        if (at < 0)
        {
            return 0;
        }
        final int start = at + name.length() + 2;
        final int end = metrics.indexOf('\n', start);
        return (long)Double.parseDouble(metrics.substring(start, end < 0 ? metrics.length() : end).trim());
    }

    /** Bytes of the journal's segment files. */
    long journalBytes() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal")))
        {
            long bytes = 0;
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList())
            {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    Socket connect(final String from) throws IOException
    {
        final Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private Reply exchange(final String from, final String head, final byte[] body)
    {
        return RawClients.exchange(from, port, head, body);
    }

    /** SIGTERM, and waits for the process to end. */
    @Override
    public void close() throws InterruptedException
    {
        if (process != null && process.isAlive())
        {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }
}
