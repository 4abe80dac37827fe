package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client builds and signs a block trade package (maker) and its acceptance (taker) and a real in-process
 * node settles it; the same package submitted again is refused, and an acceptance signed over another package is
 * refused.
 */
class BlockTradeClientTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final long TENTH_BTC = Testnet.ONE_BTC / 10;

    @TempDir
    java.nio.file.Path dataDir;

    private Node node;
    private NovationClient client;
    private MarketUnits btc;
    private OrderSigner alice;
    private OrderSigner bob;

    @BeforeEach
    void startNode() throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
        final TestVenue venue = new TestVenue(System.currentTimeMillis());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(client.submit(command).applied()).isTrue();
        }
        assertThat(client.submitBatch(List.of(venue.deposit("alice", 100_000), venue.deposit("bob", 100_000),
            venue.price(60_000))).batchApplied()).isTrue();
        btc = MarketUnits.read(client, "BTC-USD");
        alice = new OrderSigner(client.domainSeparator(), Testnet.key("alice"));
        bob = new OrderSigner(client.domainSeparator(), Testnet.key("bob"));
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    private BlockPackage offer(final long nonce, final long price)
    {
        return alice.blockPackage(alice.address(), 0, List.of(new BlockLeg(btc.id(), true, TENTH_BTC, price)),
            Testnet.USDC, nonce, System.currentTimeMillis() + DAY_MS);
    }

    @Test
    void shouldSettleAPackageTheClientSignedOnceAndOnlyOnce() throws IOException
    {
        final BlockPackage offer = offer(1, 60_000 * Testnet.USD);
        final BlockAcceptance acceptance = bob.blockAcceptance(bob.address(), 0, offer, 2 * Testnet.USDC, 1,
            System.currentTimeMillis() + DAY_MS);
        final ObjectNode command = CommandJson.settleBlockTrade(List.of(btc), offer, acceptance, Testnet.USDC,
            Testnet.USDC, null, 0, 0);

        final Reply settled = client.submit(command);
        assertThat(settled.applied()).as(settled.body().toString()).isTrue();
        final JsonNode account = client.account(alice.address().toString());
        assertThat(account.toString()).contains("BTC-USD");

        final Reply replayed = client.submit(command);
        assertThat(replayed.applied()).isFalse();
        assertThat(replayed.code()).isEqualTo("BLOCK_TRADE_FILLED");
    }

    @Test
    void shouldRefuseAnAcceptanceOfAnotherPackage() throws IOException
    {
        final BlockPackage offer = offer(2, 60_000 * Testnet.USD);
        final BlockAcceptance ofOther = bob.blockAcceptance(bob.address(), 0, offer(3, 60_000 * Testnet.USD), 0, 1,
            System.currentTimeMillis() + DAY_MS);

        final Reply reply = client.submit(CommandJson.settleBlockTrade(List.of(btc), offer, ofOther, 0, 0, null, 0,
            0));

        assertThat(reply.applied()).isFalse();
        assertThat(reply.code()).isEqualTo("BLOCK_TRADE_PACKAGE_MISMATCH");
    }

    @Test
    void shouldRefuseABrokerFeeAboveTheOneTheTakerSigned() throws IOException
    {
        final BlockPackage offer = offer(4, 60_000 * Testnet.USD);
        final BlockAcceptance acceptance = bob.blockAcceptance(bob.address(), 0, offer, 3 * Testnet.USDC,
            alice.address(), 1, Testnet.USDC, 4, System.currentTimeMillis() + DAY_MS);

        final Reply reply = client.submit(CommandJson.settleBlockTrade(List.of(btc), offer, acceptance, 0, 0,
            alice.address(), 1, 2 * Testnet.USDC));

        assertThat(reply.applied()).isFalse();
        assertThat(reply.code()).isEqualTo("BLOCK_TRADE_PACKAGE_MISMATCH");
    }
}
