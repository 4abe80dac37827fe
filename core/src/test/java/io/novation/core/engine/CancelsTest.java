package io.novation.core.engine;

import io.novation.core.account.SessionKey;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Command;
import io.novation.core.command.Order;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.SessionCommands.MINUTE_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancels at the settlement layer: a cancelled order or one below its subaccount's nonce floor never fills; cancels
 * are keyed by the signer's subaccount, so a stranger's cancel changes nothing for the owner's order; cancels are
 * forgotten after the order's expiry; bad input is refused with the state root unchanged.
 */
class CancelsTest
{
    private final EngineFixture fx = new EngineFixture();
    private final SessionCommands session = new SessionCommands(fx);

    private void fund()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("mallory", 0, 10_000)).isTrue();
    }

    private void assertRefused(final Command command, final RejectReason reason)
    {
        final byte[] rootBefore = fx.engine.stateRoot();
        assertThat(fx.apply(command)).as("refused").isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    @Test
    void shouldRefuseAFillOfAnOrderCancelledBeforeItFills()
    {
        fund();
        final Order order = session.order("alice", "alice", 0, true, 1_000, 60_000, 0);
        assertThat(fx.apply(session.cancel("alice", "alice", 0, List.of(order)))).isTrue();
        assertThat(fx.events.last()).isEqualTo(new Event.OrdersCancelled(fx.engine.state().sequence(),
            address("alice"), 0, 1, address("alice")));

        assertRefused(session.fill(order, "bob"), RejectReason.ORDER_CANCELLED);
    }

    @Test
    void shouldRefuseTheRestOfAPartlyFilledOrderAfterItsCancel()
    {
        fund();
        final Order order = session.order("alice", "alice", 0, true, 2_000, 60_000, 0);
        final Order half = session.order("bob", "bob", 0, false, 1_000, 60_000, 0);
        assertThat(fx.apply(new io.novation.core.command.SettleTrade(fx.tick(), EngineFixture.BTC, order, half,
            half.size(), half.limitPrice()))).isTrue();
        assertThat(fx.apply(session.cancel("alice", "alice", 0, List.of(order)))).isTrue();

        final Order rest = session.order("bob", "bob", 0, false, 1_000, 60_000, 0);
        assertRefused(new io.novation.core.command.SettleTrade(fx.tick(), EngineFixture.BTC, order, rest,
            rest.size(), rest.limitPrice()), RejectReason.ORDER_CANCELLED);
    }

    @Test
    void shouldRefuseEveryOrderBelowTheNonceFloorAndFillThoseAtOrAboveIt()
    {
        fund();
        final Order old = session.order("alice", "alice", 0, true, 1_000, 60_000, 5);
        final Order atFloor = session.order("alice", "alice", 0, true, 1_000, 60_000, 10);
        assertThat(fx.apply(session.floor("alice", "alice", 0, 10))).isTrue();

        assertRefused(session.fill(old, "bob"), RejectReason.ORDER_CANCELLED);
        assertThat(fx.apply(session.fill(atFloor, "bob"))).isTrue();
        final Order otherSubaccount = session.order("alice", "alice", 1, true, 1_000, 60_000, 5);
        assertThat(fx.depositUsdc("alice", 1, 10_000)).isTrue();
        assertThat(fx.apply(session.fill(otherSubaccount, "bob"))).as("the floor is per subaccount").isTrue();
    }

    @Test
    void shouldRefuseANonceFloorThatDoesNotRise()
    {
        fund();
        assertThat(fx.apply(session.floor("alice", "alice", 0, 10))).isTrue();
        assertRefused(session.floor("alice", "alice", 0, 9), RejectReason.NONCE_FLOOR_NOT_RAISED);
        assertRefused(session.floor("alice", "alice", 0, 10), RejectReason.NONCE_FLOOR_NOT_RAISED);
        assertThat(fx.apply(session.floor("alice", "alice", 0, 11))).isTrue();
    }

    @Test
    void shouldLeaveTheOwnersOrderFillableAfterAStrangersCancelOfItsDigest()
    {
        fund();
        final Order order = session.order("alice", "alice", 0, true, 1_000, 60_000, 0);
        assertThat(fx.apply(session.cancel("mallory", "mallory", 0, List.of(order)))).as("mallory cancels her own " +
            "(subaccount, digest), which names no order of hers").isTrue();
        assertRefused(session.cancel("alice", "mallory", 0, List.of(order)), RejectReason.BAD_SIGNATURE);

        assertThat(fx.apply(session.fill(order, "bob"))).isTrue();
    }

    @Test
    void shouldAcceptACancelSignedByASessionKeyWithTheCancelScopeOnly()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-trader", SessionKey.TRADE, List.of(),
            10 * MINUTE_MS))).isTrue();
        assertThat(fx.apply(session.register("alice", "alice", "alice-canceller", SessionKey.CANCEL, List.of(0),
            10 * MINUTE_MS))).isTrue();
        final Order order = session.order("alice", "alice-trader", 0, true, 1_000, 60_000, 0);

        assertRefused(session.cancel("alice", "alice-trader", 0, List.of(order)), RejectReason.OUT_OF_SCOPE);
        assertRefused(session.floor("alice", "alice-canceller", 1, 100), RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.cancel("alice", "alice-canceller", 0, List.of(order)))).isTrue();
        assertThat(((Event.OrdersCancelled)fx.events.last()).signer()).isEqualTo(address("alice-canceller"));
        assertRefused(session.fill(order, "bob"), RejectReason.ORDER_CANCELLED);
    }

    @Test
    void shouldLeaveTheOwnerNoncesToTradeWithAboveAnyFloorASessionKeySets()
    {
        fund();
        assertThat(fx.apply(session.register("alice", "alice", "alice-canceller", SessionKey.CANCEL, List.of(0),
            10 * MINUTE_MS))).isTrue();

        assertRefused(session.floor("alice", "alice-canceller", 0, Long.MAX_VALUE), RejectReason.OUT_OF_SCOPE);
        assertThat(fx.apply(session.floor("alice", "alice-canceller", 0, SessionKey.MAX_KEY_NONCE_FLOOR)))
            .as("a key may still cancel every order the owner signed so far").isTrue();
        final Order above = session.order("alice", "alice", 0, true, 1_000, 60_000,
            SessionKey.MAX_KEY_NONCE_FLOOR + 1);
        assertThat(fx.apply(session.fill(above, "bob"))).as("the owner trades on with higher nonces").isTrue();
    }

    @Test
    void shouldRefuseACancelOfNoneOrMoreThanOneHundredOrders()
    {
        fund();
        assertRefused(session.cancelDigests("alice", "alice", 0, List.of()), RejectReason.INVALID_COMMAND);
        final List<CancelledOrder> many = new ArrayList<>();
        for (int i = 0; i <= 100; i++)
        {
            final byte[] digest = new byte[32];
            digest[0] = (byte)i;
            many.add(CancelledOrder.of(digest, fx.now() + MINUTE_MS));
        }
        assertRefused(session.cancelDigests("alice", "alice", 0, many), RejectReason.INVALID_COMMAND);
        assertThat(fx.apply(session.cancelDigests("alice", "alice", 0, many.subList(0, 100)))).isTrue();
        assertThat(fx.engine.state().cancels().cancelCount()).isEqualTo(100);
    }

    @Test
    void shouldRefuseACancelOfAnUnknownAccountOrWithAReusedNonce()
    {
        fund();
        final Order order = session.order("carol", "carol", 0, true, 1_000, 60_000, 0);
        assertRefused(session.cancel("carol", "carol", 0, List.of(order)), RejectReason.UNKNOWN_ACCOUNT);
        final io.novation.core.command.CancelOrders cancel = session.cancel("alice", "alice", 0, List.of(order));
        assertThat(fx.apply(cancel)).isTrue();
        assertRefused(cancel.withTime(fx.tick()), RejectReason.NONCE_REUSED);
    }

    @Test
    void shouldForgetACancelOnceTheOrderHasExpired()
    {
        fund();
        final Order order = session.order("alice", "alice", 0, true, 1_000, 60_000, 0);
        assertThat(fx.apply(session.cancel("alice", "alice", 0, List.of(order)))).isTrue();
        assertThat(fx.engine.state().cancels().cancelCount()).isEqualTo(1);

        fx.advance(ClearingEngine.PRUNE_INTERVAL_MS * 2);
        assertThat(fx.btcPrice(60_000)).isTrue();

        assertThat(fx.engine.state().cancels().cancelCount()).isZero();
    }

    @Test
    void shouldRestoreCancelsAndFloorsFromASnapshotWithTheSameRootAndBehaviour()
    {
        fund();
        final Order order = session.order("alice", "alice", 0, true, 1_000, 60_000, 0);
        final Order old = session.order("alice", "alice", 0, true, 1_000, 60_000, 3);
        assertThat(fx.apply(session.cancel("alice", "alice", 0, List.of(order)))).isTrue();
        assertThat(fx.apply(session.floor("alice", "alice", 0, 7))).isTrue();

        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);

        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.apply(session.fill(order, "bob"))).isFalse();
        assertThat(restored.apply(session.fill(old, "bob"))).isFalse();
        assertThat(restored.state().cancels().nonceFloor(address("alice"), 0)).isEqualTo(7);
    }
}
