package io.novation.client.feed;

import io.novation.node.admission.AdmissionLimits;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission limits of the JSON routes apply to the binary feed: a frame over the client's rate limit is refused
 * whole ({@code RATE_LIMITED}, nothing sequenced) and the connection stays open for the frames that fit.
 */
class FeedAdmissionTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseAFrameOverTheClientsRateLimitAndKeepTheConnection() throws Exception
    {
        final AdmissionLimits tight = new AdmissionLimits(400, 1, 1_000_000, 1_000_000, 100_000, 100);
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withAdmission(tight)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
            FeedClient feed = FeedClient.connect(URI.create("http://127.0.0.1:" + node.port())))
        {
            final FeedVenue venue = new FeedVenue(System.currentTimeMillis());
            final List<FeedVenue.Item> setUp = new ArrayList<>(venue.genesis());
            setUp.add(venue.deposit("alice", 100_000));
            setUp.add(venue.deposit("bob", 100_000));
            setUp.add(venue.price(60_000));
            final FeedBatch first = new FeedBatch();
            long id = 0;
            for (final FeedVenue.Item item : setUp)
            {
                item.addTo(first, ++id);
            }
            assertThat(feed.send(first).get(30, TimeUnit.SECONDS)).allMatch(FeedAck::applied);
            final long before = node.sequence();

            final FeedBatch tooHeavy = new FeedBatch();
            for (int i = 0; i < 150; i++)
            {
                tooHeavy.settleTrade(++id, venue.tradeCommand("alice", "bob", true, Testnet.ONE_BTC / 100, 60_000));
            }
            final List<FeedAck> refused = feed.send(tooHeavy).get(30, TimeUnit.SECONDS);

            assertThat(refused).hasSize(150).allMatch(ack -> ack.status() == FeedAck.Status.REFUSED &&
                ack.code().equals("RATE_LIMITED"));
            assertThat(node.sequence()).isEqualTo(before);
            final List<FeedAck> light = feed.send(new FeedBatch().settleTrade(++id, venue.tradeCommand("alice", "bob",
                true, Testnet.ONE_BTC / 100, 60_000))).get(30, TimeUnit.SECONDS);
            assertThat(light.get(0).status()).as(light.get(0).toString()).isEqualTo(FeedAck.Status.APPLIED);
        }
    }
}
