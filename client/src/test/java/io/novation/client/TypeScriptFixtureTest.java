package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.account.SessionKey;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture the TypeScript client's tests read ({@code clients/typescript/test/fixtures/java-signed.json}): a
 * venue's setup commands (fixed times, governance and bridge envelopes) and what the Java signer produces for one
 * order, withdrawal, transfer, cancel, nonce floor and session key registration and revocation (digest and
 * signature), so that the TypeScript signer is checked against the Java one byte for byte. The committed file must be
 * what this test writes; {@code -Dnovation.fixture.write=true} rewrites it.
 */
class TypeScriptFixtureTest
{
    private static final Path FIXTURE = Path.of("..", "clients", "typescript", "test", "fixtures",
        "java-signed.json");
    private static final long START = 1_760_000_000_000L;
    private static final long EXPIRY = START + 86_400_000L;

    @Test
    void shouldMatchTheCommittedFixtureOfTheTypeScriptTests() throws IOException
    {
        final String text = ClientJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(fixture()) + "\n";
        if (Boolean.getBoolean("novation.fixture.write"))
        {
            Files.createDirectories(FIXTURE.getParent());
            Files.writeString(FIXTURE, text, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FIXTURE, StandardCharsets.UTF_8))
            .as("rewrite with -Dnovation.fixture.write=true").isEqualTo(text);
    }

    private static ObjectNode fixture()
    {
        final TestVenue venue = new TestVenue(START);
        final byte[] domain = venue.domain();
        final ObjectNode json = ClientJson.MAPPER.createObjectNode();
        json.put("chainId", 31337).put("verifyingContract", Address.of(new byte[20]).toString())
            .put("domainSeparator", Hex.encode(domain))
            .put("governance", Testnet.GOVERNANCE.toString()).put("bridge", Testnet.BRIDGE.toString());
        final ObjectNode keys = json.putObject("keys");
        for (final String name : List.of("alice", "bob", "alice-session"))
        {
            keys.put(name, Hex.encode(Testnet.key(name)));
        }
        final ArrayNode setup = json.putArray("setup");
        venue.genesis().forEach(setup::add);
        setup.add(venue.deposit("alice", 100_000));
        setup.add(venue.deposit("bob", 100_000));
        setup.add(venue.price(60_000));
        json.put("lastTime", venue.now());
        json.putObject("market").put("id", 0).put("ticker", "BTC-USD").put("sizeDecimals", 10)
            .put("priceDecimals", 5);
        signed(json.putObject("signed"), domain);
        return json;
    }

    private static void signed(final ObjectNode signed, final byte[] domain)
    {
        final OrderSigner alice = new OrderSigner(domain, Testnet.key("alice"));
        final Address owner = alice.address();
        final Address session = Testnet.address("alice-session");

        final Order order = alice.order(owner, 1, 0, true, 1_000_000_000L, 6_000_000_000L, 7, EXPIRY, false);
        final ObjectNode orderParams = params(owner).put("subaccount", 1).put("market", 0).put("isBuy", true)
            .put("size", "1000000000").put("limitPrice", "6000000000").put("nonce", "7")
            .put("expiry", Long.toString(EXPIRY)).put("reduceOnly", false);
        entry(signed, "order", orderParams, order.digest(domain), order.signature());

        final Withdraw withdraw = alice.withdrawal(owner, 0, 0, 2_500_000L, 3);
        entry(signed, "withdraw", params(owner).put("subaccount", 0).put("asset", 0).put("amount", "2500000")
            .put("nonce", "3"), withdraw.digest(domain), withdraw.signature());

        final Transfer transfer = alice.transfer(owner, 0, 2, 0, 1_000_000L, 4);
        entry(signed, "transfer", params(owner).put("fromSubaccount", 0).put("toSubaccount", 2).put("asset", 0)
            .put("amount", "1000000").put("nonce", "4"), transfer.digest(domain), transfer.signature());

        final CancelOrders cancel = alice.cancelOrders(owner, 1, List.of(order), 5);
        final ObjectNode cancelParams = params(owner).put("subaccount", 1).put("nonce", "5");
        cancelParams.putArray("orders").addObject().put("digest", Hex.encode(order.digest(domain)))
            .put("expiry", Long.toString(EXPIRY));
        entry(signed, "cancelOrders", cancelParams, cancel.digest(domain), cancel.signature());

        final SetNonceFloor floor = alice.setNonceFloor(owner, 1, 8, 6);
        entry(signed, "setNonceFloor", params(owner).put("subaccount", 1).put("floor", "8").put("nonce", "6"),
            floor.digest(domain), floor.signature());

        final RegisterSessionKey register = alice.registerSessionKey(session, SessionKey.TRADE | SessionKey.CANCEL,
            List.of(0, 1), EXPIRY, 8);
        final ObjectNode registerParams = params(owner).put("key", session.toString()).put("scope", 3)
            .put("expiry", Long.toString(EXPIRY)).put("nonce", "8");
        registerParams.putArray("subaccounts").add(0).add(1);
        entry(signed, "registerSessionKey", registerParams, register.digest(domain), register.signature());

        final RevokeSessionKey revoke = alice.revokeSessionKey(session, 9);
        entry(signed, "revokeSessionKey", params(owner).put("key", session.toString()).put("nonce", "9"),
            revoke.digest(domain), revoke.signature());
    }

    private static ObjectNode params(final Address owner)
    {
        return ClientJson.MAPPER.createObjectNode().put("account", owner.toString());
    }

    private static void entry(final ObjectNode signed, final String name, final JsonNode params, final byte[] digest,
        final EcdsaSignature signature)
    {
        final ObjectNode entry = signed.putObject(name);
        entry.set("params", params);
        entry.put("digest", Hex.encode(digest)).put("signature", Hex.encode(signature.toBytes65()));
    }
}
