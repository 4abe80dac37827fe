package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, finding 1: a client that never reads its answers holds only its own connection; the engine thread
 * builds replies and never writes them, so other clients' reads and commands go on.
 */
class SlowReaderTest
{
    private static final int OPTION_SERIES = 300;
    private static final String LARGE_READ = "/v1/options";
    private static final int PIPELINED_READS = 400;
    private static final long BOUND_SECONDS = 5;

    private final Venue venue = new Venue(1_760_000_000_000L);
    private Node node;
    private Http http;

    @TempDir
    Path dataDir;

    private void start(final HttpLimits limits) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withHttpLimits(limits)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        for (int i = 0; i < OPTION_SERIES; i++)
        {
            final long strike = 40_000 + i * 100L;
            final Http.Response created = http.post("/v1/commands", venue.governance(new CreateOptionSeries(
                venue.nextTime(), OptionSeries.FIRST_ID + i, "BTC-C" + strike, 0, strike * Testnet.USD,
                1_790_000_000_000L, OptionType.CALL, -4, 10_000, 100, 0, 0, MarketStatus.ACTIVE)).toString());
            assertThat(created.json().path("status").asText()).as(created.text()).isEqualTo("applied");
        }
        assertThat(http.get(LARGE_READ).text().length()).as("one answer exceeds the server's output buffer")
            .isGreaterThan(64 * 1024);
    }

    @AfterEach
    void stop()
    {
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    void shouldAnswerOtherClientsWhileOneClientDoesNotReadMegabytesOfAnswers() throws Exception
    {
        start(HttpLimits.defaults());
        try (Socket nonReader = new Socket())
        {
            nonReader.setReceiveBufferSize(4096);
            nonReader.connect(new InetSocketAddress("127.0.0.1", node.port()));
            RawClients.pipeline(nonReader, LARGE_READ, PIPELINED_READS);
            final String heldThread = awaitStalledWriter();
            assertThat(heldThread).as("a thread writes the non-reader's answers").startsWith("novation-reply-");

            final CompletableFuture<Http.Response> state = CompletableFuture.supplyAsync(() -> http.get("/v1/state"));
            final CompletableFuture<Http.Response> health = CompletableFuture.supplyAsync(() -> http.get("/health"));
            final CompletableFuture<Http.Response> command = CompletableFuture.supplyAsync(() ->
                http.post("/v1/commands", venue.deposit("alice", 1_000).toString()));
            assertThat(state.get(BOUND_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(health.get(BOUND_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(command.get(BOUND_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(state.get().json().get("sequence").asLong()).isGreaterThan(0);
        }
    }

    /**
     * Issue 18, defect of the reply threads: a client that reads its answers a trickle at a time held the reply thread
     * writing to it until the idle timeout saw a whole idle period without progress (never, if it trickles fast
     * enough), and 64 such clients held every reply thread. The write deadline closes its connection once a response
     * takes longer than the bound to write, which fails the blocking write and frees the thread. Before it, this
     * client (write deadline 2 s, idle timeout 10 s) kept its connection and the thread for at least the 10 s.
     */
    @Test
    void shouldCutATrickleReaderAtTheWriteDeadlineAndFreeItsReplyThread() throws Exception
    {
        final long writeTimeoutMs = 2_000;
        start(new HttpLimits(10_000, 10_000, 8_192, 4_096, 200, 512, writeTimeoutMs));
        try (Socket trickle = new Socket())
        {
            trickle.setReceiveBufferSize(4096);
            trickle.connect(new InetSocketAddress("127.0.0.1", node.port()));
            trickle.setSoTimeout(1_000);
            RawClients.pipeline(trickle, LARGE_READ, PIPELINED_READS);
            final long start = System.nanoTime();
            final byte[] sip = new byte[8192];
            long read = 0;
            boolean closed = false;
            // 8 KiB every 50 ms: several minutes to read all its answers.
            while (!closed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20))
            {
                int n;
                try
                {
                    n = trickle.getInputStream().read(sip);
                }
                catch (final java.net.SocketTimeoutException nothingYet)
                {
                    // Nothing arrived within the second (a slow machine): keep reading until the 20 s are up.
                    n = 0;
                }
                catch (final java.net.SocketException reset)
                {
                    n = -1;
                }
                closed = n < 0;
                read += Math.max(0, n);
                Thread.sleep(50);
            }
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closed).as("the trickle reader was cut (read %d bytes in %d ms)", read, elapsedMs).isTrue();
            assertThat(elapsedMs).as("cut by the write deadline, before the idle timeout").isLessThan(8_000);
            assertThat(read).as("it read less than its answers").isLessThan(PIPELINED_READS * 64L * 1024);
            assertThat(node.metrics().admissionRefusedCount("write_timeout")).isPositive();
            assertThat(awaitNoStalledWriter()).as("no thread is left writing to it").isTrue();
        }
    }

    private static boolean awaitNoStalledWriter() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline)
        {
            if (stalledWriter() == null)
            {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Waits until the node has more answers for the non-reader than the sockets hold: a thread waits inside Jetty's
     * blocking write of a response.
     *
     * @return the name of the thread held by the non-reader.
     */
    private static String awaitStalledWriter() throws InterruptedException
    {
        // A thread blocked in a write for a moment (another answer being flushed) is not the stalled writer: the one
        // held by the non-reader stays there, so it must be seen in three samples in a row.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = null;
        int times = 0;
        while (System.nanoTime() < deadline)
        {
            final String stalled = stalledWriter();
            times = stalled != null && stalled.equals(seen) ? times + 1 : 1;
            seen = stalled;
            if (stalled != null && times >= 3)
            {
                return stalled;
            }
            Thread.sleep(100);
        }
        return "none";
    }

    /** The name of a thread waiting inside Jetty's blocking write of a response, or null. */
    private static String stalledWriter()
    {
        for (final Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet())
        {
            final Thread.State threadState = entry.getKey().getState();
            if (threadState != Thread.State.WAITING && threadState != Thread.State.TIMED_WAITING)
            {
                continue;
            }
            for (final StackTraceElement frame : entry.getValue())
            {
                if (frame.getClassName().startsWith("org.eclipse.jetty.util.SharedBlockingCallback") &&
                    frame.getMethodName().equals("block") && writes(entry.getValue()))
                {

                    return entry.getKey().getName();
                }
            }
        }
        return null;
    }

    private static boolean writes(final StackTraceElement[] stack)
    {
        for (final StackTraceElement frame : stack)
        {
            if (frame.getClassName().equals("org.eclipse.jetty.server.HttpOutput") &&
                frame.getMethodName().equals("channelWrite"))
            {
                return true;
            }
        }
        return false;
    }
}
