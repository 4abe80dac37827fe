package io.novation.client.feed;

import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary feed against a real in-process node: the venue's genesis, deposits, prices and fills sent as SBE frames
 * are applied with the replica's state root and acknowledged durable, in frame order; the engine's rejections and
 * the node's refusals arrive per command; and frames the node cannot read (truncated, too large, an unknown template
 * or schema version) are answered with an error naming the offset, apply nothing, close the connection and leave
 * the node serving.
 */
class FeedClientTest
{
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final long TENTH_BTC = Testnet.ONE_BTC / 10;

    @TempDir
    Path dataDir;

    private Node node;
    private FeedVenue venue;
    private URI base;
    private long correlation;

    @BeforeEach
    void startNode() throws Exception
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withLimits(MAX_FRAME_BYTES, 200)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        base = URI.create("http://127.0.0.1:" + node.port());
        venue = new FeedVenue(System.currentTimeMillis());
        final List<FeedVenue.Item> setUp = new ArrayList<>(venue.genesis());
        setUp.add(venue.deposit("alice", 100_000));
        setUp.add(venue.deposit("bob", 100_000));
        setUp.add(venue.price(60_000));
        try (FeedClient feed = FeedClient.connect(base))
        {
            for (final FeedAck ack : acks(feed, batch(setUp)))
            {
                assertThat(ack.applied()).as(ack.toString()).isTrue();
            }
        }
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    @Test
    void shouldApplyFillsSentOverTheFeedWithTheReplicasRootAndAcknowledgeThemDurable() throws Exception
    {
        final List<FeedVenue.Item> fills = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            fills.add(venue.trade("alice", "bob", i % 2 == 0, TENTH_BTC, 60_000 + i));
        }
        final FeedBatch batch = batch(fills);
        final long before = node.sequence();

        final List<FeedAck> acks;
        try (FeedClient feed = FeedClient.connect(base))
        {
            acks = acks(feed, batch);
        }

        assertThat(acks).extracting(FeedAck::correlationId).containsExactlyElementsOf(batch.correlationIds());
        for (int i = 0; i < acks.size(); i++)
        {
            assertThat(acks.get(i).status()).as(acks.get(i).toString()).isEqualTo(FeedAck.Status.APPLIED);
            assertThat(acks.get(i).sequence()).isEqualTo(before + 1 + i);
            assertThat(acks.get(i).durableSequence()).isGreaterThanOrEqualTo(acks.get(i).sequence());
        }
        assertThat(node.durableSequence()).isGreaterThanOrEqualTo(before + acks.size());
        assertThat(Hex.encode(node.query(engine -> engine.stateRoot()).get(10, TimeUnit.SECONDS)))
            .isEqualTo(Hex.encode(venue.replica().stateRoot()));
    }

    @Test
    void shouldSequencePipelinedFramesInTheOrderTheyWereSent() throws Exception
    {
        final List<CompletableFuture<List<FeedAck>>> pending = new ArrayList<>();
        try (FeedClient feed = FeedClient.connect(base))
        {
            for (int frame = 0; frame < 12; frame++)
            {
                final List<FeedVenue.Item> fills = new ArrayList<>();
                for (int i = 0; i < 1 + frame % 4; i++)
                {
                    fills.add(venue.trade("alice", "bob", (frame + i) % 2 == 0, TENTH_BTC, 60_000));
                }
                pending.add(feed.send(batch(fills)));
            }
            long last = 0;
            for (final CompletableFuture<List<FeedAck>> frame : pending)
            {
                for (final FeedAck ack : frame.get(30, TimeUnit.SECONDS))
                {
                    assertThat(ack.applied()).as(ack.toString()).isTrue();
                    assertThat(ack.sequence()).isEqualTo(last == 0 ? ack.sequence() : last + 1);
                    last = ack.sequence();
                }
            }
        }
        assertThat(Hex.encode(node.query(engine -> engine.stateRoot()).get(10, TimeUnit.SECONDS)))
            .isEqualTo(Hex.encode(venue.replica().stateRoot()));
    }

    @Test
    void shouldAcknowledgeAFillTheEngineRejectsWithItsReasonCode() throws Exception
    {
        final SettleTrade valid = venue.tradeCommand("alice", "bob", true, TENTH_BTC, 60_000);
        final SettleTrade tooLarge = new SettleTrade(valid.time(), valid.marketId(), valid.maker(), valid.taker(),
            2 * TENTH_BTC, valid.fillPrice());

        final List<FeedAck> acks;
        try (FeedClient feed = FeedClient.connect(base))
        {
            acks = acks(feed, new FeedBatch().settleTrade(7, tooLarge));
        }

        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).correlationId()).isEqualTo(7);
        assertThat(acks.get(0).status()).isEqualTo(FeedAck.Status.REJECTED);
        assertThat(acks.get(0).code()).isNotEmpty();
        assertThat(acks.get(0).sequence()).isPositive();
    }

    @Test
    void shouldRefuseAFrameWithAForgedSignatureWithoutSequencingAnyOfIt() throws Exception
    {
        final SettleTrade good = venue.tradeCommand("alice", "bob", true, TENTH_BTC, 60_000);
        final byte[] forged = good.maker().signature().toBytes65();
        forged[10] ^= 1;
        final Order maker = good.maker().withSignature(EcdsaSignature.fromBytes65(forged));
        final SettleTrade bad = new SettleTrade(good.time(), 0, maker, good.taker(), good.fillSize(),
            good.fillPrice());
        final long before = node.sequence();

        final List<FeedAck> acks;
        try (FeedClient feed = FeedClient.connect(base))
        {
            acks = acks(feed, new FeedBatch().settleTrade(1, good).settleTrade(2, bad));
        }

        assertThat(acks).extracting(FeedAck::status).containsOnly(FeedAck.Status.REFUSED);
        assertThat(acks.get(1).code()).isEqualTo("BAD_SIGNATURE");
        assertThat(acks.get(1).message()).startsWith("command 1:");
        assertThat(node.sequence()).isEqualTo(before);
    }

    @Test
    void shouldCloseAConnectionWhoseFrameIsTruncatedNamingTheOffset() throws Exception
    {
        final byte[] frame = tradeFrame(2);
        final byte[] truncated = Arrays.copyOf(frame, frame.length - 5);

        final FeedException error = refusedFrame(truncated);

        assertThat(error.code()).isEqualTo("TRUNCATED");
        assertThat(error.offset()).isEqualTo(frame.length / 2 + 8);
    }

    @Test
    void shouldCloseAConnectionWhoseFrameIsOverTheSizeLimit() throws Exception
    {
        final byte[] oversized = Arrays.copyOf(tradeFrame(1), MAX_FRAME_BYTES + 1);

        final FeedException error = refusedFrame(oversized);

        assertThat(error.code()).isEqualTo("FRAME_TOO_LARGE");
        assertThat(error.offset()).isEqualTo(MAX_FRAME_BYTES);
    }

    @Test
    void shouldCloseAConnectionWhoseMessageHasAnUnknownTemplate() throws Exception
    {
        final byte[] frame = tradeFrame(3);
        final int second = frame.length / 3;
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putShort(second + 2, (short)99);

        final FeedException error = refusedFrame(frame);

        assertThat(error.code()).isEqualTo("UNKNOWN_TEMPLATE");
        assertThat(error.offset()).isEqualTo(second + 2);
    }

    @Test
    void shouldCloseAConnectionWhoseMessageHasAnUnknownSchemaVersion() throws Exception
    {
        final byte[] frame = tradeFrame(1);
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short)2);

        final FeedException error = refusedFrame(frame);

        assertThat(error.code()).isEqualTo("UNKNOWN_VERSION");
        assertThat(error.offset()).isEqualTo(6);
    }

    /**
     * Sends a frame the node cannot read on a new connection, and checks that nothing was applied, the connection
     * closed, and the node still applies a fill on another connection.
     */
    private FeedException refusedFrame(final byte[] frame) throws Exception
    {
        final long before = node.sequence();
        final FeedException error;
        try (FeedClient feed = FeedClient.connect(base))
        {
            final CompletableFuture<List<FeedAck>> acks = feed.send(frame);
            assertThatThrownBy(() -> acks.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(FeedException.class);
            error = (FeedException)acks.handle((done, failure) -> failure).get();
            assertThat(feed.closed().get(30, TimeUnit.SECONDS)).isNotNull();
            assertThatThrownBy(() -> feed.send(tradeFrame(1)).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(FeedException.class);
        }
        assertThat(node.sequence()).isEqualTo(before);
        assertThat(node.healthy()).isTrue();
        try (FeedClient again = FeedClient.connect(base))
        {
            final List<FeedAck> acks = acks(again, batch(List.of(venue.trade("alice", "bob", true, TENTH_BTC,
                60_000))));
            assertThat(acks.get(0).applied()).as(acks.get(0).toString()).isTrue();
        }
        return error;
    }

    /** A frame of fresh fills (not applied to the replica). */
    private byte[] tradeFrame(final int fills)
    {
        final FeedBatch batch = new FeedBatch();
        for (int i = 0; i < fills; i++)
        {
            final SettleTrade fill = venue.tradeCommand("alice", "bob", true, TENTH_BTC, 60_000);
            batch.settleTrade(++correlation, fill);
        }
        return batch.toBytes();
    }

    private FeedBatch batch(final List<FeedVenue.Item> items)
    {
        final FeedBatch batch = new FeedBatch();
        for (final FeedVenue.Item item : items)
        {
            item.addTo(batch, ++correlation);
        }
        return batch;
    }

    private static List<FeedAck> acks(final FeedClient feed, final FeedBatch batch) throws Exception
    {
        return feed.send(batch).get(30, TimeUnit.SECONDS);
    }
}
