package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.SessionKey;
import io.novation.core.command.Order;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java client against a real in-process node: orders signed by owners and by a session key settle, a cancelled
 * order is refused, history pages are followed through every fill, the node's refusals arrive typed, and an account
 * stream resumed after a dropped connection delivers every event once.
 */
class NovationClientTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final long TENTH_BTC = Testnet.ONE_BTC / 10;
    private static final long PRICE = 60_000 * Testnet.USD;

    @TempDir
    java.nio.file.Path dataDir;

    private Node node;
    private NovationClient client;
    private TestVenue venue;
    private MarketUnits btc;
    private OrderSigner alice;
    private OrderSigner bob;
    private long aliceOrderNonce;
    private long bobOrderNonce;

    @BeforeEach
    void startNode() throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
        venue = new TestVenue(System.currentTimeMillis());
        for (final ObjectNode command : venue.genesis())
        {
            assertApplied(client.submit(command));
        }
        final Reply funding = client.submitBatch(List.of(venue.deposit("alice", 100_000),
            venue.deposit("bob", 100_000), venue.price(60_000)));
        assertThat(funding.batchApplied()).as(funding.body().toString()).isTrue();
        btc = MarketUnits.read(client, "BTC-USD");
        final byte[] domain = client.domainSeparator();
        alice = new OrderSigner(domain, Testnet.key("alice"));
        bob = new OrderSigner(domain, Testnet.key("bob"));
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    @Test
    void shouldSettleATradeOfOrdersSignedByTheClient() throws IOException
    {
        assertApplied(client.submit(trade(aliceOrder(alice, true), bobOrder(false))));

        final JsonNode account = client.account(alice.address().toString());
        assertThat(account.toString()).contains("BTC-USD");
        assertThat(client.state().path("sequence").asLong()).isEqualTo(node.durableSequence());
    }

    @Test
    void shouldSettleAnOrderSignedByASessionKeyForItsOwner() throws IOException
    {
        final OrderSigner session = new OrderSigner(client.domainSeparator(), Testnet.key("alice-session"));
        final Order bySession = aliceOrder(session, true);
        assertThat(client.submit(trade(bySession, bobOrder(false))).code()).isNotEmpty();

        assertApplied(client.submit(CommandJson.registerSessionKey(alice.registerSessionKey(session.address(),
            SessionKey.TRADE | SessionKey.CANCEL, List.of(), System.currentTimeMillis() + DAY_MS, 1))));
        assertApplied(client.submit(trade(aliceOrder(session, true), bobOrder(false))));

        assertApplied(client.submit(CommandJson.revokeSessionKey(alice.revokeSessionKey(session.address(), 2))));
        final Reply revoked = client.submit(trade(aliceOrder(session, true), bobOrder(false)));
        assertThat(revoked.applied()).isFalse();
        assertThat(revoked.code()).isEqualTo("SESSION_KEY_REVOKED");
    }

    @Test
    void shouldWithdrawForTheOwnerButNotForASessionKey() throws IOException
    {
        final OrderSigner session = new OrderSigner(client.domainSeparator(), Testnet.key("alice-session"));
        assertApplied(client.submit(CommandJson.registerSessionKey(alice.registerSessionKey(session.address(),
            SessionKey.TRADE | SessionKey.TRANSFER, List.of(), System.currentTimeMillis() + DAY_MS, 1))));

        final Reply bySession = client.submit(CommandJson.withdraw(session.withdrawal(alice.address(), 0, 0,
            1_000 * Testnet.USDC, 2), "USDC", 6));
        assertThat(bySession.applied()).isFalse();
        assertThat(bySession.code()).isEqualTo("OUT_OF_SCOPE");

        assertApplied(client.submit(CommandJson.transfer(session.transfer(alice.address(), 0, 1, 0,
            500 * Testnet.USDC, 2), "USDC", 6)));
        assertApplied(client.submit(CommandJson.withdraw(alice.withdrawal(alice.address(), 0, 0,
            1_000 * Testnet.USDC, 3), "USDC", 6)));
    }

    @Test
    void shouldRefuseTheFillOfACancelledOrder() throws IOException
    {
        final Order cancelled = aliceOrder(alice, true);
        assertApplied(client.submit(CommandJson.cancelOrders(alice.cancelOrders(alice.address(), 0,
            List.of(cancelled), 1))));

        final Reply reply = client.submit(trade(cancelled, bobOrder(false)));

        assertThat(reply.applied()).isFalse();
        assertThat(reply.code()).isEqualTo("ORDER_CANCELLED");
    }

    @Test
    void shouldPageThroughEveryFillOfAnAccount() throws IOException
    {
        final int trades = 23;
        for (int i = 0; i < trades; i++)
        {
            assertApplied(client.submit(trade(aliceOrder(alice, i % 2 == 0), bobOrder(i % 2 != 0))));
        }
        assertThat(node.history().awaitApplied(node.durableSequence(), 30_000)).isTrue();

        final HistoryPages pages = client.history(HistoryQuery.account(alice.address().toString(), "fills", 0,
            Long.MAX_VALUE / 2).limit(5));
        final List<JsonNode> fills = pages.stream().toList();

        assertThat(fills).hasSize(trades);
        assertThat(pages.pagesRead()).isEqualTo(5);
        final Set<Long> sequences = new HashSet<>();
        fills.forEach(fill -> sequences.add(fill.path("sequence").asLong()));
        assertThat(sequences).hasSize(trades);
    }

    @Test
    void shouldCarryTheNodesCodeInARefusal() throws IOException
    {
        assertApplied(client.submit(trade(aliceOrder(alice, true), bobOrder(false))));
        assertThat(node.history().awaitApplied(node.durableSequence(), 30_000)).isTrue();
        final HistoryPages reversed = client.history(HistoryQuery.account(alice.address().toString(), "fills", 10, 5));

        assertThatThrownBy(reversed::hasNext).hasCauseInstanceOf(NovationApiException.class)
            .cause().satisfies(cause ->
            {
                final NovationApiException refusal = (NovationApiException)cause;
                assertThat(refusal.status()).isEqualTo(400);
                assertThat(refusal.code()).isEqualTo("RANGE_REVERSED");
            });
    }

    @Test
    void shouldResumeAnAccountStreamWithoutGapOrDuplicate() throws Exception
    {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final int trades = 12;
        try (StreamClient stream = StreamClient.accountStream(client, alice.address().toString(), 0, received::add,
            note -> { }))
        {
            for (int i = 0; i < trades; i++)
            {
                assertApplied(client.submit(trade(aliceOrder(alice, i % 2 == 0), bobOrder(i % 2 != 0))));
                if (i % 4 == 1)
                {
                    final int before = stream.connections();
                    stream.disconnect();
                    awaitUntil(() -> stream.connections() > before);
                }
            }
            final long last = node.durableSequence();
            awaitUntil(() -> stream.confirmedSequence() >= last);
            assertThat(stream.connections()).isGreaterThanOrEqualTo(4);
        }
        final List<JsonNode> complete = new CopyOnWriteArrayList<>();
        try (StreamClient fresh = StreamClient.accountStream(client, alice.address().toString(), 0, complete::add,
            note -> { }))
        {
            final long last = node.durableSequence();
            awaitUntil(() -> fresh.confirmedSequence() >= last);
        }

        assertThat(places(received)).isEqualTo(places(complete)).doesNotHaveDuplicates();
        assertThat(received.stream().filter(e -> "TradeSettled".equals(e.path("type").asText()))).hasSize(trades);
    }

    private static List<String> places(final List<JsonNode> events)
    {
        final List<String> places = new ArrayList<>();
        for (final JsonNode event : events)
        {
            if (event.has("index"))
            {
                places.add(event.path("sequence").asLong() + ":" + event.path("index").asInt());
            }
        }
        return places;
    }

    private static void awaitUntil(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }

    private Order aliceOrder(final OrderSigner signer, final boolean buy)
    {
        return signer.order(Testnet.address("alice"), 0, btc.id(), buy, TENTH_BTC, PRICE, ++aliceOrderNonce,
            System.currentTimeMillis() + DAY_MS, false);
    }

    private Order bobOrder(final boolean buy)
    {
        return bob.order(Testnet.address("bob"), 0, btc.id(), buy, TENTH_BTC, PRICE, ++bobOrderNonce,
            System.currentTimeMillis() + DAY_MS, false);
    }

    private ObjectNode trade(final Order maker, final Order taker)
    {
        return CommandJson.settleTrade(btc, TENTH_BTC, PRICE, maker, taker);
    }

    private static void assertApplied(final Reply reply)
    {
        assertThat(reply.applied()).as(reply.body().toString()).isTrue();
    }
}
