package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signature pre-verification admits what a session key the engine registered signs for its owner (orders,
 * cancels), refuses what only the owner may sign (withdrawals, key registrations) with OUT_OF_SCOPE, forgets a key
 * once its revocation is durable, and still refuses a stranger's signature with BAD_SIGNATURE.
 */
class SessionKeyVerificationTest
{
    private static final byte[] DOMAIN = EngineConfig.defaults().domainSeparator();
    private static final Address GOVERNANCE = address("governance");
    private static final Address BRIDGE = address("bridge");

    private final SessionKeyDirectory directory = new SessionKeyDirectory();
    private final SignatureVerifier verifier = new SignatureVerifier(DOMAIN, new Authority(GOVERNANCE, BRIDGE),
        directory);

    private static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }

    private static Order order(final String owner, final String signer, final boolean buy)
    {
        final Order unsigned = Order.of(address(owner), 0, 0, buy, 100, 100, 1, 10_000, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key(signer)));
    }

    private void registered(final String owner, final String key)
    {
        directory.onDurable(List.of(new Event.SessionKeyRegistered(1, address(owner), address(key), 1, List.of(),
            1_000)));
    }

    private String refusalCode(final io.novation.core.command.Command command)
    {
        try
        {
            verifier.verify(command, true, 0, null);
            return null;
        }
        catch (final Refusal refusal)
        {
            return refusal.code();
        }
    }

    @Test
    void shouldAdmitAnOrderSignedByARegisteredKeyAndRefuseAStrangers()
    {
        final SettleTrade byKey = new SettleTrade(1, 0, order("alice", "alice-bot", true),
            order("bob", "bob", false), 100, 100);
        assertThat(refusalCode(byKey)).as("before the registration is durable").isEqualTo("BAD_SIGNATURE");

        registered("alice", "alice-bot");

        assertThat(refusalCode(byKey)).isNull();
        assertThat(refusalCode(new SettleTrade(1, 0, order("alice", "mallory", true), order("bob", "bob", false),
            100, 100))).isEqualTo("BAD_SIGNATURE");
        assertThat(refusalCode(new SettleTrade(1, 0, order("bob", "alice-bot", true), order("alice", "alice", false),
            100, 100))).as("alice's key is not bob's").isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void shouldRefuseWhatOnlyTheOwnerSignsWhenAKeySignedIt()
    {
        registered("alice", "alice-bot");
        final Withdraw unsigned = new Withdraw(1, address("alice"), 0, 0, 100, 1, null);
        final Withdraw byKey = new Withdraw(1, address("alice"), 0, 0, 100, 1,
            Secp256k1.sign(unsigned.digest(DOMAIN), key("alice-bot")));
        final RegisterSessionKey registration = new RegisterSessionKey(1, address("alice"), address("other"), 1,
            List.of(), 1_000, 2, null);

        assertThat(refusalCode(byKey)).isEqualTo("OUT_OF_SCOPE");
        assertThat(refusalCode(registration.withSignature(Secp256k1.sign(registration.digest(DOMAIN),
            key("alice-bot"))))).isEqualTo("OUT_OF_SCOPE");
        assertThat(refusalCode(registration.withSignature(Secp256k1.sign(registration.digest(DOMAIN),
            key("alice"))))).isNull();
    }

    @Test
    void shouldAdmitACancelByAKeyUntilItsRevocationIsDurable()
    {
        registered("alice", "alice-bot");
        final CancelOrders unsigned = new CancelOrders(1, address("alice"), 0,
            List.of(CancelledOrder.of(new byte[32], 5_000)), 3, null);
        final CancelOrders byKey = unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key("alice-bot")));
        assertThat(refusalCode(byKey)).isNull();

        directory.onDurable(List.of(new Event.SessionKeyRevoked(2, address("alice"), address("alice-bot"))));

        assertThat(directory.isKeyOf(address("alice"), address("alice-bot"))).isFalse();
        assertThat(directory.isRevokedKeyOf(address("alice"), address("alice-bot"))).isTrue();
        assertThatThrownBy(() -> verifier.verify(byKey, true, 0, null)).isInstanceOf(Refusal.class)
            .hasMessageContaining("revoked").extracting(ex -> ((Refusal)ex).code()).isEqualTo("SESSION_KEY_REVOKED");
    }
}
