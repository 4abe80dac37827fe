package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.SessionKey;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static io.novation.node.server.Venue.ONE_BTC;
import static io.novation.node.server.Venue.USD;
import static io.novation.node.server.Venue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running node with session keys: an owner-signed registration sent as JSON is applied, an order its key signs is
 * admitted by the pre-verification and settles as the owner's, a withdrawal the key signs is refused before sequencing
 * with OUT_OF_SCOPE and the root unchanged, and after the revocation the key's order is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionKeysNodeTest
{
    private Node node;
    private Http http;
    private final Venue venue = new Venue(1_760_000_000_000L);

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withLimits(64 * 1024, 100), new PrintStream(
            java.io.OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(post(command).status()).isEqualTo(200);
        }
        assertThat(post(venue.deposit("alice", 100_000)).status()).isEqualTo(200);
        assertThat(post(venue.deposit("bob", 100_000)).status()).isEqualTo(200);
        assertThat(post(venue.price(60_000)).status()).isEqualTo(200);
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    private Http.Response post(final ObjectNode command)
    {
        return http.post("/v1/commands", command.toString());
    }

    private String root()
    {
        return http.get("/v1/state").json().get("stateRoot").asText();
    }

    private ObjectNode byKey(final String owner, final String key, final boolean buy)
    {
        final long at = venue.nextTime();
        final Order unsigned = Order.of(Venue.address(owner), 0, 0, buy, ONE_BTC / 10, 60_000 * USD, at,
            at + 3_600_000, false, null);
        final Order maker = unsigned.withSignature(Secp256k1.sign(unsigned.digest(venue.domain()), Venue.key(key)));
        final Order taker = venue.order("bob", !buy, ONE_BTC / 10, 60_000 * USD, at);
        return venue.apply(new SettleTrade(at, 0, maker, taker, ONE_BTC / 10, 60_000 * USD));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void shouldSettleAnOrderSignedByARegisteredKeyAsTheOwners()
    {
        final long at = venue.nextTime();
        final RegisterSessionKey unsigned = new RegisterSessionKey(at, Venue.address("alice"),
            Venue.address("alice-bot"), SessionKey.TRADE | SessionKey.CANCEL, List.of(), at + 3_600_000, 1, null);
        final Http.Response registered = post(venue.apply(unsigned.withSignature(
            Secp256k1.sign(unsigned.digest(venue.domain()), Venue.key("alice")))));
        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        assertThat(registered.json().get("events").get(0).get("type").asText()).isEqualTo("SessionKeyRegistered");

        final Http.Response trade = post(byKey("alice", "alice-bot", true));

        assertThat(trade.status()).as(trade.text()).isEqualTo(200);
        assertThat(trade.json().get("status").asText()).isEqualTo("applied");
        assertThat(http.get("/v1/accounts/" + Venue.address("alice") + "/positions").json().get(0).get("size")
            .asText()).isEqualTo("0.1");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void shouldRefuseAWithdrawalSignedByTheKeyBeforeSequencing()
    {
        final String rootBefore = root();
        final Withdraw unsigned = new Withdraw(venue.nextTime(), Venue.address("alice"), 0, 0, 10 * USDC, 2, null);
        final Withdraw byKey = new Withdraw(unsigned.time(), unsigned.account(), 0, 0, unsigned.amount(), 2,
            Secp256k1.sign(unsigned.digest(venue.domain()), Venue.key("alice-bot")));

        final Http.Response response = http.post("/v1/commands", venue.encoder.encode(byKey, true).toString());

        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(root()).isEqualTo(rootBefore);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void shouldRefuseTheKeysOrderOnceItIsRevoked()
    {
        final RevokeSessionKey unsigned = new RevokeSessionKey(venue.nextTime(), Venue.address("alice"),
            Venue.address("alice-bot"), 3, null);
        final Http.Response revoked = post(venue.apply(unsigned.withSignature(
            Secp256k1.sign(unsigned.digest(venue.domain()), Venue.key("alice")))));
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        final String rootBefore = root();

        final Http.Response trade = http.post("/v1/commands",
            venue.encoder.encode(tradeByKeyUnapplied(), true).toString());

        assertThat(trade.status()).as(trade.text()).isEqualTo(403);
        assertThat(trade.code()).isEqualTo("SESSION_KEY_REVOKED");
        assertThat(root()).isEqualTo(rootBefore);
    }

    private SettleTrade tradeByKeyUnapplied()
    {
        final long at = venue.nextTime();
        final Order unsigned = Order.of(Venue.address("alice"), 0, 0, true, ONE_BTC / 10, 60_000 * USD, at,
            at + 3_600_000, false, null);
        final Order maker = unsigned.withSignature(Secp256k1.sign(unsigned.digest(venue.domain()),
            Venue.key("alice-bot")));
        return new SettleTrade(at, 0, maker, venue.order("bob", false, ONE_BTC / 10, 60_000 * USD, at),
            ONE_BTC / 10, 60_000 * USD);
    }
}
