package io.novation.core.engine;

import io.novation.core.account.SessionKey;
import io.novation.core.command.Command;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.SessionCommands.MINUTE_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of key registrations and revocations, cancels, nonce floors, time passing and fills signed by the
 * owner or one of three keys: a fill is accepted only when every order's signer was, by a model of the commands
 * accepted so far, the owner or a registered, unrevoked, unexpired key whose scope and subaccounts cover it, and the
 * order was neither cancelled nor below its floor; a rejection leaves the root unchanged; replaying the accepted and
 * rejected commands, from genesis or from a snapshot taken half way, gives the same root.
 */
class SessionKeyPropertiesTest
{
    private static final String[] KEYS = {"alice-k1", "alice-k2", "alice-k3"};
    private static final AtomicLong KEY_FILLS = new AtomicLong();
    private static final AtomicLong REFUSED_KEY_FILLS = new AtomicLong();
    private static final AtomicLong CANCELLED_FILLS = new AtomicLong();

    /** The model of one key: what the accepted commands made of it. */
    private record KeyModel(int scope, List<Integer> subaccounts, long expiry, boolean revoked)
    {
        boolean signs(final int subaccount, final long time)
        {
            return !revoked && time < expiry && (scope & SessionKey.TRADE) != 0 &&
                (subaccounts.isEmpty() || subaccounts.contains(subaccount));
        }
    }

    @AfterContainer
    static void shouldHaveExercisedBothOutcomes()
    {
        System.out.println("session-key sequences: " + KEY_FILLS + " key-signed fills accepted, " +
            REFUSED_KEY_FILLS + " refused for the key, " + CANCELLED_FILLS + " refused as cancelled");
        assertThat(KEY_FILLS.get()).as("key-signed fills accepted").isGreaterThan(20);
        assertThat(REFUSED_KEY_FILLS.get()).as("key-signed fills refused for the key").isGreaterThan(20);
        assertThat(CANCELLED_FILLS.get()).as("fills refused as cancelled").isGreaterThan(5);
    }

    @Property(tries = 60)
    void shouldAcceptOnlyFillsALiveKeyInScopeSignedAndReplayToTheSameRoot(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final EngineFixture fx = new EngineFixture();
        final SessionCommands session = new SessionCommands(fx);
        final List<Command> applied = new ArrayList<>();
        final Map<String, KeyModel> keys = new HashMap<>();
        final Set<String> cancelled = new HashSet<>();
        final List<Order> made = new ArrayList<>();
        long floor = 0;
        long orderNonce = 0;
        byte[] snapshot = null;
        int snapshotAt = -1;
        for (final Command setup : List.of(
            new io.novation.core.command.Deposit(fx.tick(), EngineFixture.address("alice"), 0, 0, 50_000 * 1_000_000L,
                1_000_001),
            new io.novation.core.command.Deposit(fx.tick(), EngineFixture.address("alice"), 1, 0, 50_000 * 1_000_000L,
                1_000_002),
            new io.novation.core.command.Deposit(fx.tick(), EngineFixture.address("bob"), 0, 0, 500_000 * 1_000_000L,
                1_000_003)))
        {
            assertThat(fx.apply(setup)).isTrue();
            applied.add(setup);
        }
        for (int step = 0; step < 40; step++)
        {
            if (step == 20)
            {
                snapshot = SnapshotCodec.write(fx.engine);
                snapshotAt = applied.size();
            }
            final String key = KEYS[random.nextInt(KEYS.length)];
            final int subaccount = random.nextInt(2);
            final Command command;
            final int action = random.nextInt(10);
            if (action < 2)
            {
                final int scope = random.nextInt(8);
                final List<Integer> subaccounts = random.nextBoolean() ? List.of() : List.of(subaccount);
                command = session.register("alice", "alice", key, scope, subaccounts,
                    (1 + random.nextInt(10)) * MINUTE_MS);
            }
            else if (action == 2)
            {
                command = session.revoke("alice", "alice", key);
            }
            else if (action == 3)
            {
                fx.advance(random.nextInt(4) * MINUTE_MS);
                command = fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * BTC_USD);
            }
            else if (action == 4)
            {
                final Order named = made.isEmpty() || random.nextInt(4) == 0 ?
                    session.order("alice", "alice", subaccount, true, 100, 60_000, ++orderNonce) :
                    made.get(random.nextInt(made.size()));
                made.add(named);
                command = session.cancel("alice", random.nextBoolean() ? "alice" : key, named.subaccount(),
                    List.of(named));
            }
            else if (action == 5)
            {
                command = session.floor("alice", "alice", 0, floor + random.nextInt(3) - 1);
            }
            else
            {
                final Order maker;
                if (!made.isEmpty() && random.nextInt(3) == 0)
                {
                    maker = made.get(random.nextInt(made.size()));
                }
                else
                {
                    final boolean byOwner = random.nextInt(4) == 0;
                    final long nonce = random.nextInt(5) == 0 && orderNonce > 0 ?
                        1 + random.nextInt((int)orderNonce) : ++orderNonce;
                    maker = session.order("alice", byOwner ? "alice" : key, subaccount, true, 100, 60_000, nonce);
                    made.add(maker);
                }
                command = session.fill(maker, "bob");
            }
            final byte[] rootBefore = fx.engine.stateRoot();
            final boolean accepted = fx.apply(command);
            applied.add(command);
            if (!accepted)
            {
                assertThat(fx.engine.stateRoot()).as("a rejection leaves the root").isEqualTo(rootBefore);
            }
            if (command instanceof io.novation.core.command.RegisterSessionKey c && accepted)
            {
                keys.replaceAll((name, model) -> model.revoked() || model.expiry() <= c.time() ? null : model);
                keys.values().removeIf(java.util.Objects::isNull);
                keys.put(key, new KeyModel(c.scope(), c.subaccounts(), c.expiry(), false));
            }
            else if (command instanceof io.novation.core.command.RevokeSessionKey && accepted)
            {
                final KeyModel model = keys.get(key);
                keys.put(key, new KeyModel(model.scope(), model.subaccounts(), model.expiry(), true));
            }
            else if (command instanceof io.novation.core.command.CancelOrders c && accepted)
            {
                cancelled.add(c.subaccount() + ":" + io.novation.core.crypto.Hex.encode(c.orders().get(0).digest()));
            }
            else if (command instanceof io.novation.core.command.SetNonceFloor c && accepted)
            {
                floor = c.floor();
            }
            else if (command instanceof SettleTrade c)
            {
                checkFill(c, accepted, fx, keys, cancelled, floor);
            }
        }

        final EngineFixture replay = new EngineFixture();
        applied.forEach(replay.engine::apply);
        assertThat(replay.engine.stateRoot()).as("replay from genesis").isEqualTo(fx.engine.stateRoot());
        final ClearingEngine restored = SnapshotCodec.read(snapshot, fx.engine.config(), EventSink.NONE);
        applied.subList(snapshotAt, applied.size()).forEach(restored::apply);
        assertThat(restored.stateRoot()).as("replay from the snapshot").isEqualTo(fx.engine.stateRoot());
    }

    private static void checkFill(final SettleTrade fill, final boolean accepted, final EngineFixture fx,
        final Map<String, KeyModel> keys, final Set<String> cancelledOrders, final long floor)
    {
        final Order maker = fill.maker();
        final byte[] signer = io.novation.core.crypto.Secp256k1.recoverAddress(
            maker.digest(fx.engine.domainSeparator()), maker.signature());
        String keyName = null;
        for (final String name : KEYS)
        {
            keyName = EngineFixture.address(name).matches(signer) ? name : keyName;
        }
        final boolean cancelled = cancelledOrders.contains(maker.subaccount() + ":" +
            io.novation.core.crypto.Hex.encode(maker.digest(fx.engine.domainSeparator()))) ||
            maker.subaccount() == 0 && maker.nonce() < floor;
        if (accepted)
        {
            assertThat(cancelled).as("an accepted fill was not cancelled").isFalse();
            if (keyName != null)
            {
                final KeyModel model = keys.get(keyName);
                assertThat(model).as("an accepted key-signed fill has a registered key").isNotNull();
                assertThat(model.signs(maker.subaccount(), fill.time())).as("the key was live and in scope")
                    .isTrue();
                KEY_FILLS.incrementAndGet();
            }
            return;
        }
        final RejectReason reason = fx.lastRejection().code();
        if (reason == RejectReason.SESSION_KEY_EXPIRED || reason == RejectReason.SESSION_KEY_REVOKED ||
            reason == RejectReason.OUT_OF_SCOPE)
        {
            assertThat(keyName).isNotNull();
            REFUSED_KEY_FILLS.incrementAndGet();
        }
        if (reason == RejectReason.ORDER_CANCELLED)
        {
            assertThat(cancelled).as("refused as cancelled only when it was").isTrue();
            CANCELLED_FILLS.incrementAndGet();
        }
    }
}
