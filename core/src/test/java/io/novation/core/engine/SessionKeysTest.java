package io.novation.core.engine;

import io.novation.core.account.SessionKey;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Command;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.Transfer;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.EngineFixture.key;
import static io.novation.core.engine.SessionCommands.MINUTE_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session keys: an owner delegates a scoped, expiring key that signs orders, cancels and transfers as the owner's;
 * withdrawals and key management stay the owner's; expired, revoked and out-of-scope signatures are refused with
 * their reason and the state root unchanged.
 */
class SessionKeysTest
{
    private static final int ALL = SessionKey.TRADE | SessionKey.CANCEL | SessionKey.TRANSFER;

    private final EngineFixture fx = new EngineFixture();
    private final SessionCommands session = new SessionCommands(fx);

    private void fund()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("alice", 1, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
    }

    private void assertRefused(final Command command, final RejectReason reason)
    {
        final byte[] rootBefore = fx.engine.stateRoot();
        assertThat(fx.apply(command)).as("refused").isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    @Test
    void shouldSettleAFillSignedByALiveSessionKeyAsTheOwners()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        assertThat(fx.events.last()).isInstanceOf(Event.SessionKeyRegistered.class);

        final Order order = session.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0);
        assertThat(fx.apply(session.fill(order, "bob"))).isTrue();

        assertThat(fx.position("alice", 0, BTC)).isEqualTo(order.size());
        assertThat(fx.position("bob", 0, BTC)).isEqualTo(-order.size());
    }

    @Test
    void shouldRefuseAWithdrawalSignedByASessionKey()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", ALL, List.of(), 10 * MINUTE_MS)))
            .isTrue();

        assertRefused(session.withdrawal("alice", "alice-bot", 0, USDC), RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.withdrawal("alice", "alice", 0, USDC))).as("the owner still withdraws").isTrue();
    }

    @Test
    void shouldRefuseAnOrderOfAnExpiredKey()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            MINUTE_MS))).isTrue();
        fx.advance(2 * MINUTE_MS);
        assertThat(fx.btcPrice(60_000)).isTrue();

        assertRefused(session.fill(session.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0), "bob"),
            RejectReason.SESSION_KEY_EXPIRED);
    }

    @Test
    void shouldRefuseAnOrderOfARevokedKeyFromTheRevocationOn()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        final Order signedBefore = session.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0);
        assertThat(fx.apply(session.revoke("alice", "alice", "alice-bot"))).isTrue();
        assertThat(fx.events.last()).isEqualTo(new Event.SessionKeyRevoked(fx.engine.state().sequence(),
            address("alice"), address("alice-bot")));

        assertRefused(session.fill(signedBefore, "bob"), RejectReason.SESSION_KEY_REVOKED);
    }

    @Test
    void shouldRefuseAnOrderForASubaccountTheKeyDoesNotList()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(1),
            10 * MINUTE_MS))).isTrue();

        assertRefused(session.fill(session.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0), "bob"),
            RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.fill(session.order("alice", "alice-bot", 1, true, 1_000, 60_000, 0), "bob")))
            .as("subaccount 1 is listed").isTrue();
    }

    @Test
    void shouldRefuseAnOrderOfAKeyWithoutTheTradeScope()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.CANCEL, List.of(),
            10 * MINUTE_MS))).isTrue();

        assertRefused(session.fill(session.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0), "bob"),
            RejectReason.OUT_OF_SCOPE);
    }

    @Test
    void shouldTransferBetweenTheOwnersSubaccountsWithTheTransferScopeOnly()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRANSFER, List.of(0, 1),
            10 * MINUTE_MS))).isTrue();
        assertThat(fx.apply(session.transfer("alice", "alice-bot", 0, 1, 5 * USDC))).isTrue();
        assertThat(fx.usdcBalance("alice", 1)).isEqualTo(10_005 * USDC);

        assertRefused(session.transfer("alice", "alice-bot", 0, 2, USDC), RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.register("alice", "alice", "alice-trader", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        assertRefused(session.transfer("alice", "alice-trader", 0, 1, USDC), RejectReason.OUT_OF_SCOPE);
    }

    @Test
    void shouldRefuseAnExpiryOverThirtyDaysOrNotInTheFuture()
    {
        fund();
        assertRefused(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            30 * EngineFixture.DAY_MS + 1), RejectReason.SESSION_KEY_EXPIRY_TOO_LONG);
        assertRefused(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(), 0),
            RejectReason.SESSION_KEY_EXPIRY_TOO_LONG);
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            30 * EngineFixture.DAY_MS))).as("exactly 30 days").isTrue();
    }

    @Test
    void shouldRefuseAScopeWithWithdrawOrKeyManagement()
    {
        fund();
        assertRefused(session.register("alice", "alice", "alice-bot", SessionKey.TRADE | 8, List.of(), MINUTE_MS),
            RejectReason.OUT_OF_SCOPE);
        assertRefused(session.register("alice", "alice", "alice-bot", 16, List.of(), MINUTE_MS),
            RejectReason.OUT_OF_SCOPE);
        assertRefused(session.register("alice", "alice", "alice-bot", 0, List.of(), MINUTE_MS),
            RejectReason.INVALID_COMMAND);
    }

    @Test
    void shouldRefuseASeventeenthLiveKeyButRegisterOneOnceAKeyIsRevoked()
    {
        fund();
        for (int i = 0; i < SessionOperations.SESSION_KEY_LIMIT; i++)
        {
            assertThat(fx.apply(session.register("alice", "alice", "bot-" + i, SessionKey.TRADE, List.of(),
                MINUTE_MS * 10))).isTrue();
        }
        assertRefused(session.register("alice", "alice", "bot-16", SessionKey.TRADE, List.of(), MINUTE_MS),
            RejectReason.SESSION_KEY_LIMIT);
        assertThat(fx.apply(session.register("alice", "alice", "bot-3", SessionKey.CANCEL, List.of(), MINUTE_MS)))
            .as("re-registering a held key replaces it").isTrue();

        assertThat(fx.apply(session.revoke("alice", "alice", "bot-0"))).isTrue();
        assertThat(fx.apply(session.register("alice", "alice", "bot-16", SessionKey.TRADE, List.of(), MINUTE_MS)))
            .isTrue();
        final io.novation.core.account.Account alice = fx.engine.state().accounts().find(address("alice"));
        assertThat(alice.sessionKeyCount()).as("the revoked key was pruned").isEqualTo(16);
        assertThat(alice.sessionKey(address("bot-0"))).isNull();
    }

    @Test
    void shouldRefuseRevokingAnUnknownOrAlreadyRevokedKey()
    {
        fund();
        assertRefused(session.revoke("alice", "alice", "nobody"), RejectReason.UNKNOWN_SESSION_KEY);
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            MINUTE_MS))).isTrue();
        assertThat(fx.apply(session.revoke("alice", "alice", "alice-bot"))).isTrue();
        assertRefused(session.revoke("alice", "alice", "alice-bot"), RejectReason.UNKNOWN_SESSION_KEY);
    }

    @Test
    void shouldRefuseKeyManagementSignedByASessionKey()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", ALL, List.of(), 10 * MINUTE_MS)))
            .isTrue();

        assertRefused(session.register("alice", "alice-bot", "alice-bot-2", SessionKey.TRADE, List.of(), MINUTE_MS),
            RejectReason.OUT_OF_SCOPE);
        assertRefused(session.revoke("alice", "alice-bot", "alice-bot"), RejectReason.OUT_OF_SCOPE);
    }

    @Test
    void shouldRefuseBadSignatures()
    {
        fund();
        assertRefused(session.register("alice", "mallory", "mallory-bot", SessionKey.TRADE, List.of(), MINUTE_MS),
            RejectReason.BAD_SIGNATURE);
        final RegisterSessionKey unsigned = session.register("alice", "alice", "alice-bot", SessionKey.TRADE,
            List.of(), MINUTE_MS).withSignature(null);
        assertRefused(unsigned, RejectReason.BAD_SIGNATURE);
        assertRefused(session.fill(session.order("alice", "mallory", 0, true, 1_000, 60_000, 0), "bob"),
            RejectReason.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseTheKeyOfAnotherAccount()
    {
        fund();
        assertThat(fx.apply(session.register("bob", "bob", "bob-bot", SessionKey.TRADE, List.of(), MINUTE_MS)))
            .isTrue();

        assertRefused(session.fill(session.order("alice", "bob-bot", 0, true, 1_000, 60_000, 0), "bob"),
            RejectReason.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseARevokedKeyInTrustedModeToo()
    {
        final EngineFixture trusted = new EngineFixture(SignatureMode.TRUSTED);
        final SessionCommands commands = new SessionCommands(trusted);
        assertThat(trusted.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(trusted.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(trusted.apply(commands.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        assertThat(trusted.apply(commands.revoke("alice", "alice", "alice-bot"))).isTrue();

        assertThat(trusted.apply(commands.fill(commands.order("alice", "alice-bot", 0, true, 1_000, 60_000, 0),
            "bob"))).isFalse();
        assertThat(trusted.lastRejection().code()).isEqualTo(RejectReason.SESSION_KEY_REVOKED);
        assertThat(trusted.apply(commands.fill(commands.order("alice", "alice", 0, true, 1_000, 60_000, 0), "bob")))
            .as("the owner's own order").isTrue();
    }

    @Test
    void shouldRestoreKeysFromASnapshotWithTheSameRootAndBehaviour()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(0, 1),
            10 * MINUTE_MS))).isTrue();
        assertThat(fx.apply(session.register("alice", "alice", "alice-old", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        assertThat(fx.apply(session.revoke("alice", "alice", "alice-old"))).isTrue();

        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);

        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        final Order order = session.order("alice", "alice-old", 0, true, 1_000, 60_000, 0);
        assertThat(restored.apply(session.fill(order, "bob"))).as("revoked after the restore too").isFalse();
    }

    @Test
    void shouldKeepTheAccountLeafLayoutAndCommitKeysInALeafOfTheirOwn()
    {
        fund();
        final io.novation.core.account.Account alice = fx.engine.state().accounts().find(address("alice"));
        final byte[] leafBefore = new io.novation.core.commitment.LeafEncoding().putAccount(alice).toBytes();
        final byte[] rootBefore = fx.engine.stateRoot();
        final io.novation.core.commitment.SparseMerkleTree tree = fx.engine.commitment().tree();
        final int leavesBefore = tree.size();

        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(2, 7),
            MINUTE_MS))).isTrue();
        fx.engine.stateRoot();

        final io.novation.core.account.Account after = fx.engine.state().accounts().find(address("alice"));
        final byte[] leafAfter = new io.novation.core.commitment.LeafEncoding().putAccount(after).toBytes();
        assertThat(leafAfter.length).as("the escape hatch's account layout: only the nonce changed")
            .isEqualTo(leafBefore.length);
        assertThat(tree.size()).as("one session-key leaf more").isEqualTo(leavesBefore + 1);
        // count 1; address 20, scope 1, subaccounts 1 + 2 * 2, expiry 8, revoked 1
        assertThat(new io.novation.core.commitment.LeafEncoding().putSessionKeys(after).length())
            .isEqualTo(1 + 20 + 1 + 1 + 4 + 8 + 1);
        assertThat(fx.engine.stateRoot()).isNotEqualTo(rootBefore);
    }

    @Test
    void shouldValueTheAccountLeafOfAKeyHolderForTheEscapeHatch()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.TRADE, List.of(),
            MINUTE_MS))).isTrue();
        final io.novation.core.account.Account alice = fx.engine.state().accounts().find(address("alice"));
        final byte[] leaf = new io.novation.core.commitment.LeafEncoding().putAccount(alice).toBytes();

        final java.math.BigInteger[] claims = EscapeValuation.accountClaims(leaf,
            EscapeValuation.priceTable(fx.engine.state()));

        assertThat(claims[0]).as("both subaccounts' USDC, claimable with a key registered")
            .isEqualTo(java.math.BigInteger.valueOf(20_000 * USDC));
    }

    @Test
    void shouldRefuseAKeySignedNonceThatWouldLockTheOwnerOutOfItsAccount()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-bot", SessionKey.CANCEL | SessionKey.TRANSFER,
            List.of(), 10 * MINUTE_MS))).isTrue();
        final CancelledOrder anyOrder = CancelledOrder.of(new byte[32], fx.now() + MINUTE_MS);
        final CancelOrders cancel = new CancelOrders(fx.tick(), address("alice"), 0, List.of(anyOrder),
            Long.MAX_VALUE, null);
        final Transfer transfer = new Transfer(fx.tick(), address("alice"), 0, 1, 0, USDC, Long.MAX_VALUE, null);

        assertRefused(cancel.withSignature(Secp256k1.sign(cancel.digest(fx.engine.domainSeparator()),
            key("alice-bot"))), RejectReason.OUT_OF_SCOPE);
        assertRefused(new Transfer(transfer.time(), transfer.account(), 0, 1, 0, USDC, Long.MAX_VALUE,
            Secp256k1.sign(transfer.digest(fx.engine.domainSeparator()), key("alice-bot"))),
            RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.cancelDigests("alice", "alice-bot", 0, List.of(anyOrder))))
            .as("the key's next nonce is accepted").isTrue();
        assertThat(fx.apply(session.revoke("alice", "alice", "alice-bot"))).as("the owner can still revoke it")
            .isTrue();
        assertThat(fx.apply(session.withdrawal("alice", "alice", 0, USDC))).as("and withdraw").isTrue();
    }
}
