package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection dropped while the consumer is still busy with an event (a slow consumer, or one the stale watch
 * takes for a dead connection): the resumed connection must neither hand that event over a second time nor call
 * the consumer while it is still running.
 */
class StreamClientSlowConsumerTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldNotRedeliverTheEventAConsumerIsStillHandlingWhenTheConnectionIsResumed() throws Exception
    {
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream())))
        {
            final NovationClient client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
            final TestVenue venue = new TestVenue(System.currentTimeMillis());
            for (final ObjectNode command : venue.genesis())
            {
                assertThat(client.submit(command).status()).isEqualTo(200);
            }
            assertThat(client.submitBatch(List.of(venue.deposit("alice", 100_000))).batchApplied()).isTrue();
            final String alice = Testnet.address("alice").toString();

            final List<JsonNode> received = new CopyOnWriteArrayList<>();
            final AtomicBoolean first = new AtomicBoolean(true);
            final AtomicInteger running = new AtomicInteger();
            final AtomicBoolean overlapped = new AtomicBoolean();
            final CountDownLatch busy = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            try (StreamClient stream = StreamClient.accountStream(client, alice, 0, event ->
            {
                overlapped.compareAndSet(false, running.incrementAndGet() > 1);
                received.add(event);
                if (first.getAndSet(false))
                {
                    busy.countDown();
                    await(release);
                }
                running.decrementAndGet();
            }, note -> { }))
            {
                assertThat(busy.await(20, TimeUnit.SECONDS)).as("the first event arrives").isTrue();
                stream.disconnect();
                // Time enough to resume (after 200 ms) and to hand the events over again while the consumer waits.
                Thread.sleep(1_500);
                release.countDown();
                final long last = node.durableSequence();
                awaitUntil(() -> stream.confirmedSequence() >= last);
                assertThat(stream.connections()).as("resumed").isGreaterThan(1);
            }
            assertThat(received).isNotEmpty();
            assertThat(places(received)).doesNotHaveDuplicates();
            assertThat(overlapped).as("the consumer was called while it was running").isFalse();
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(20, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> places(final List<JsonNode> events)
    {
        final List<String> places = new ArrayList<>();
        for (final JsonNode event : events)
        {
            places.add(event.path("type").asText() + "@" + event.path("sequence").asLong() + ":" +
                event.path("index").asInt(-1));
        }
        return places;
    }

    private static void awaitUntil(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }
}
