package io.novation.client.feed;

import io.novation.node.server.HttpLimits;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node closes a feed connection that carries no frame for its idle timeout; a {@link FeedClient} that pings
 * within the timeout keeps a quiet connection open and can still send after it.
 */
class FeedIdleTimeoutTest
{
    private static final long IDLE_TIMEOUT_MS = 1_000;

    @TempDir
    Path dataDir;

    private Node node;
    private URI base;
    private FeedVenue venue;
    private long correlation;

    @BeforeEach
    void startNode() throws Exception
    {
        final HttpLimits defaults = HttpLimits.defaults();
        final HttpLimits quick = new HttpLimits(IDLE_TIMEOUT_MS, defaults.bodyTimeoutMs(), defaults.headerBytes(),
            defaults.maxConnections(), defaults.maxThreads(), defaults.maxConnectionsPerIp(),
            defaults.writeTimeoutMs());
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withHttpLimits(quick)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        base = URI.create("http://127.0.0.1:" + node.port());
        venue = new FeedVenue(System.currentTimeMillis());
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    @Test
    void shouldKeepAConnectionIdleForLongerThanTheTimeoutOpenWithPings() throws Exception
    {
        try (FeedClient feed = FeedClient.connect(base, Duration.ofMillis(IDLE_TIMEOUT_MS / 10)))
        {
            Thread.sleep(4 * IDLE_TIMEOUT_MS);

            assertThat(feed.closed()).isNotDone();
            final List<FeedAck> acks = feed.send(genesis()).get(30, TimeUnit.SECONDS);
            assertThat(acks).isNotEmpty().allMatch(FeedAck::applied);
        }
    }

    @Test
    void shouldCloseAConnectionIdleForLongerThanTheTimeoutWithoutPings() throws Exception
    {
        final long opened = System.nanoTime();
        try (FeedClient feed = FeedClient.connect(base, Duration.ZERO))
        {
            final FeedException closed = feed.closed().get(10 * IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isGreaterThanOrEqualTo(
                IDLE_TIMEOUT_MS * 9 / 10);
            assertThat(closed.getMessage()).contains("the node closed the connection");
            final long before = node.sequence();
            assertThat(feed.send(genesis())).failsWithin(Duration.ofSeconds(30));
            assertThat(node.sequence()).isEqualTo(before);
        }
    }

    private FeedBatch genesis()
    {
        final FeedBatch batch = new FeedBatch();
        final List<FeedVenue.Item> items = new ArrayList<>(venue.genesis());
        for (final FeedVenue.Item item : items)
        {
            item.addTo(batch, ++correlation);
        }
        return batch;
    }
}
