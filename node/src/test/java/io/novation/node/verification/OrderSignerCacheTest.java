package io.novation.node.verification;

import io.novation.core.account.Address;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.node.sequencer.Authority;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SessionKeyDirectory;
import io.novation.node.sequencer.SignatureVerifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each order's signer is recovered once for its life: a maker order filled a hundred times costs one recovery, a
 * cache hit answers what recovery answers, a session key revoked since is still refused, expired orders are pruned,
 * and structurally bad orders are refused before any recovery.
 */
class OrderSignerCacheTest
{
    private static final byte[] DOMAIN = EngineConfig.defaults().domainSeparator();
    private static final int MARKET = 0;
    private static final long ENGINE_TIME = 5_000;

    private final AtomicInteger recoveries = new AtomicInteger();
    private final SignerRecovery counting = (digest, signature) ->
    {
        recoveries.incrementAndGet();
        return SignerRecovery.PURE_JAVA.recoverAddress(digest, signature);
    };
    private final SessionKeyDirectory sessionKeys = new SessionKeyDirectory();
    private final OrderSignerCache cache = new OrderSignerCache(1_000);
    private final OrderAdmission admission = new OrderAdmission(market -> market == MARKET, () -> ENGINE_TIME);
    private final SignatureVerifier verifier = new SignatureVerifier(DOMAIN,
        new Authority(address("governance"), address("bridge")), sessionKeys, counting, cache);

    {
        verifier.admitOrdersBy(admission);
    }

    private static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }

    private static Order order(final String owner, final String signer, final boolean buy, final long nonce,
        final long expiry)
    {
        final Order unsigned = Order.of(address(owner), 0, MARKET, buy, 1_000, 100, nonce, expiry, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key(signer)));
    }

    /** The same order as a new object, as each request decodes it anew. */
    private static Order decodedAgain(final Order order)
    {
        return Order.of(order.account(), order.subaccount(), order.market(), order.isBuy(), order.size(),
            order.limitPrice(), order.nonce(), order.expiry(), order.reduceOnly(), order.signature());
    }

    private static SettleTrade fill(final Order maker, final Order taker)
    {
        return new SettleTrade(ENGINE_TIME + 1, MARKET, maker, taker, 1, 100);
    }

    private String refusalCode(final SettleTrade trade)
    {
        try
        {
            verifier.verify(trade, true, 0, null);
            return null;
        }
        catch (final Refusal refusal)
        {
            return refusal.code();
        }
    }

    @Test
    void shouldRecoverAMakerOrderFilledAHundredTimesOnce()
    {
        final Order maker = order("alice", "alice", true, 1, 60_000);
        final List<SettleTrade> fills = new ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            fills.add(fill(decodedAgain(maker), order("taker-" + i, "taker-" + i, false, 1, 60_000)));
        }

        for (final SettleTrade trade : fills)
        {
            assertThat(refusalCode(trade)).isNull();
        }
        assertThat(recoveries).as("one for the maker, one per taker").hasValue(101);

        for (final SettleTrade trade : fills)
        {
            assertThat(refusalCode(fill(decodedAgain(trade.maker()), decodedAgain(trade.taker())))).isNull();
        }
        assertThat(recoveries).as("every order seen before").hasValue(101);
    }

    @Test
    void shouldHandTheEngineTheSignerRecoveryWouldAnswer()
    {
        final Order maker = order("alice", "alice", true, 1, 60_000);
        final Order taker = order("bob", "bob", false, 1, 60_000);
        assertThat(refusalCode(fill(maker, taker))).isNull();

        final Order again = decodedAgain(maker);
        assertThat(refusalCode(fill(again, decodedAgain(taker)))).isNull();

        assertThat(again.knowsSigner(DOMAIN)).as("the engine will not recover it again").isTrue();
        assertThat(again.signer(DOMAIN)).isEqualTo(decodedAgain(maker).signer(DOMAIN, SignerRecovery.PURE_JAVA))
            .isEqualTo(address("alice"));
        assertThat(cache.signer(maker.digest(DOMAIN), maker.signature())).isEqualTo(address("alice"));
    }

    @Test
    void shouldStillRefuseACachedOrderOfASessionKeyRevokedSince()
    {
        sessionKeys.onDurable(List.of(new Event.SessionKeyRegistered(1, address("alice"), address("alice-bot"),
            1, List.of(), 1_000_000)));
        final Order byKey = order("alice", "alice-bot", true, 1, 60_000);
        final Order taker = order("bob", "bob", false, 1, 60_000);
        assertThat(refusalCode(fill(byKey, taker))).isNull();
        final int before = recoveries.get();

        sessionKeys.onDurable(List.of(new Event.SessionKeyRevoked(2, address("alice"), address("alice-bot"))));

        assertThat(refusalCode(fill(decodedAgain(byKey), decodedAgain(taker)))).isEqualTo("SESSION_KEY_REVOKED");
        assertThat(recoveries).as("answered from the cache, judged again").hasValue(before);
    }

    @Test
    void shouldRefuseAFloodOfStructurallyBadOrdersWithoutRecoveringAnySigner()
    {
        verifier.onDurable(List.of(new Event.NonceFloorRaised(1, address("bob"), 0, 10, address("bob"))),
            ENGINE_TIME);
        final Order good = order("alice", "alice", true, 1, 60_000);
        final Order bob = order("bob", "bob", false, 10, 60_000);
        final Order unknownMarket = sign(Order.of(address("bob"), 0, 7, false, 1_000, 100, 10, 60_000, false, null));
        final EcdsaSignature valid = bob.signature();
        final byte[] highS = new java.math.BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16)
            .subtract(new java.math.BigInteger(1, valid.s())).toByteArray();
        final List<SettleTrade> flood = List.of(
            new SettleTrade(ENGINE_TIME + 1, 7, unknownMarket, sign(Order.of(address("alice"), 0, 7, true, 1_000, 100,
                1, 60_000, false, null)), 1, 100),
            fill(good, unknownMarket),
            fill(good, order("bob", "bob", false, 10, ENGINE_TIME)),
            fill(good, order("bob", "bob", false, 9, 60_000)),
            fill(good, bob.withSignature(null)),
            fill(good, bob.withSignature(EcdsaSignature.of(valid.r(), valid.s(), 29))),
            fill(good, bob.withSignature(EcdsaSignature.of(valid.r(),
                java.util.Arrays.copyOfRange(highS, highS.length - 32, highS.length), valid.v()))),
            fill(good, bob.withSignature(EcdsaSignature.of(new byte[32], valid.s(), valid.v()))),
            fill(good, sign(Order.of(address("bob"), 0, MARKET, false, 0, 100, 10, 60_000, false, null))),
            fill(good, null));
        final List<String> codes = new ArrayList<>();
        for (int round = 0; round < 100; round++)
        {
            for (final SettleTrade trade : flood)
            {
                codes.add(refusalCode(trade));
            }
        }

        assertThat(codes.subList(0, flood.size())).containsExactly("UNKNOWN_MARKET", "ORDER_MISMATCH",
            "ORDER_EXPIRED", "ORDER_CANCELLED", "BAD_SIGNATURE", "BAD_SIGNATURE", "BAD_SIGNATURE", "BAD_SIGNATURE",
            "INVALID_COMMAND", "INVALID_COMMAND");
        assertThat(codes).doesNotContainNull();
        assertThat(recoveries).hasValue(0);
        assertThat(cache.size()).isZero();
        assertThat(refusalCode(fill(good, bob))).as("the floor admits nonce 10").isNull();
        assertThat(recoveries).hasValue(2);
    }

    private static Order sign(final Order unsigned)
    {
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key(unsigned.account()
            .equals(address("alice")) ? "alice" : "bob")));
    }

    @Test
    void shouldForgetOrdersAtTheirExpiryAndRecoverAgainIfSeenAfter()
    {
        final Order shortLived = order("alice", "alice", true, 1, 20_000);
        final Order longLived = order("bob", "bob", false, 1, 90_000);
        assertThat(refusalCode(fill(shortLived, longLived))).isNull();
        assertThat(cache.size()).isEqualTo(2);

        verifier.onDurable(List.of(), 20_000);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.signer(shortLived.digest(DOMAIN), shortLived.signature())).isNull();
        assertThat(cache.signer(longLived.digest(DOMAIN), longLived.signature())).isEqualTo(address("bob"));
        cache.remember(shortLived.digest(DOMAIN), shortLived.signature(), address("alice"), 20_000);
        assertThat(cache.size()).as("an order expired by the pruned time is not kept").isEqualTo(1);
    }

    @Test
    void shouldPruneEveryOrderDueEvenWhenPrunesBeforeItsExpiryFoundNothing()
    {
        final OrderSignerCache signers = new OrderSignerCache(100);
        final EcdsaSignature signature = order("alice", "alice", true, 1, 90_000).signature();
        signers.remember(digestOf(1), signature, address("alice"), 90_000);
        signers.remember(digestOf(2), signature, address("alice"), 30_000);

        assertThat(signers.pruneExpired(20_000)).isZero();
        assertThat(signers.pruneExpired(30_000)).isEqualTo(1);
        signers.remember(digestOf(3), signature, address("alice"), 50_000);
        assertThat(signers.pruneExpired(50_000)).as("an order kept after a prune lowers the bound").isEqualTo(1);
        assertThat(signers.pruneExpired(89_999)).isZero();
        assertThat(signers.pruneExpired(90_000)).isEqualTo(1);
        assertThat(signers.size()).isZero();
    }

    private static byte[] digestOf(final int seed)
    {
        final byte[] digest = new byte[32];
        java.util.Arrays.fill(digest, (byte)seed);
        return digest;
    }

    @Test
    void shouldStayWithinItsCapacity()
    {
        final OrderSignerCache small = new OrderSignerCache(10);
        for (int i = 0; i < 25; i++)
        {
            final Order order = order("trader-" + i, "trader-" + i, true, i, 60_000);
            small.remember(order.digest(DOMAIN), order.signature(), order.account(), 60_000);
            assertThat(small.size()).isLessThanOrEqualTo(10);
            assertThat(small.signer(order.digest(DOMAIN), order.signature())).isEqualTo(order.account());
        }
    }

    @Test
    void shouldSpreadTheKeysOfOneOrderSignedWithManyNonces()
    {
        // One order (one digest) signed again and again with other nonces: a key's hash that left the signature out
        // would give them all one hash, and every look-up would compare them one by one.
        final byte[] digest = Keccak256.hash("one maker order".getBytes(StandardCharsets.UTF_8));
        final java.util.Random scalars = new java.util.Random(7);
        final java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++)
        {
            final byte[] r = new byte[EcdsaSignature.SCALAR_LENGTH];
            final byte[] s = new byte[EcdsaSignature.SCALAR_LENGTH];
            scalars.nextBytes(r);
            scalars.nextBytes(s);
            final EcdsaSignature signature = EcdsaSignature.of(r, s, 27 + (i & 1));
            assertThat(OrderSignerCache.Key.hashOf(digest, signature))
                .isEqualTo(OrderSignerCache.Key.hashOf(digest.clone(), EcdsaSignature.of(r, s, 27 + (i & 1))));
            hashes.add(OrderSignerCache.Key.hashOf(digest, signature));
        }
        assertThat(hashes).hasSizeGreaterThan(990);
    }
}
