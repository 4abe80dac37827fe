package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.OrderTypedData;
import io.novation.core.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderDigestRelayTest
{
    private static final byte[] DOMAIN = Eip712.domainSeparator(OrderTypedData.DOMAIN_NAME,
        OrderTypedData.DOMAIN_VERSION, 1337L, new byte[20]);
    private static final byte[] ALICE = key("alice");
    private static final byte[] BOB = key("bob");

    private static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Order signed(final byte[] key, final boolean buy, final long nonce)
    {
        final Order unsigned = Order.of(Address.of(Secp256k1.addressOf(key)), 0, 0, buy, 1_000, 60_000, nonce,
            1_900_000_000_000L, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key));
    }

    /** The same order as a journal record decodes it: another object, no digest computed yet. */
    private static Order decoded(final Order order)
    {
        return Order.of(order.account(), order.subaccount(), order.market(), order.isBuy(), order.size(),
            order.limitPrice(), order.nonce(), order.expiry(), order.reduceOnly(), order.signature());
    }

    private static SettleTrade fill(final Order maker, final Order taker)
    {
        return new SettleTrade(1_800_000_000_000L, 0, maker, taker, 1_000, 60_000);
    }

    private static byte[] hashed(final Order order)
    {
        return OrderTypedData.digest(DOMAIN, order.account().toBytes(), order.subaccount(), order.market(),
            order.isBuy(), order.size(), order.limitPrice(), order.nonce(), order.expiry(), order.reduceOnly());
    }

    @Test
    void shouldGiveAReplayedFillTheDigestsOfTheOrdersSequencedAtItsSequence()
    {
        final OrderDigestRelay relay = new OrderDigestRelay(16, DOMAIN);
        final SettleTrade live = fill(signed(ALICE, true, 1), signed(BOB, false, 2));
        relay.sequenced(7, live);
        final SettleTrade replayed = fill(decoded(live.maker()), decoded(live.taker()));

        assertThat(relay.reuse(7, replayed)).isEqualTo(2);

        assertThat(replayed.maker().digest(DOMAIN)).isSameAs(live.maker().digest(DOMAIN))
            .isEqualTo(hashed(replayed.maker()));
        assertThat(replayed.taker().digest(DOMAIN)).isSameAs(live.taker().digest(DOMAIN))
            .isEqualTo(hashed(replayed.taker()));
    }

    @Test
    void shouldGiveNoDigestToAnOrderThatDiffersFromTheOneSequenced()
    {
        final OrderDigestRelay relay = new OrderDigestRelay(16, DOMAIN);
        final SettleTrade live = fill(signed(ALICE, true, 1), signed(BOB, false, 2));
        relay.sequenced(7, live);
        final Order otherMaker = signed(ALICE, true, 3);
        final Order resigned = decoded(live.taker()).withSignature(Secp256k1.sign(hashed(live.taker()), ALICE));
        final SettleTrade replayed = fill(otherMaker, resigned);

        assertThat(relay.reuse(7, replayed)).isZero();

        assertThat(replayed.maker().digest(DOMAIN)).isEqualTo(hashed(otherMaker))
            .isNotEqualTo(live.maker().digest(DOMAIN));
    }

    @Test
    void shouldFindNothingForASequenceTheRingNoLongerHoldsOrNeverHeld()
    {
        final OrderDigestRelay relay = new OrderDigestRelay(4, DOMAIN);
        final SettleTrade[] live = new SettleTrade[7];
        for (int sequence = 1; sequence <= 6; sequence++)
        {
            live[sequence] = fill(signed(ALICE, true, 2L * sequence), signed(BOB, false, 2L * sequence + 1));
            relay.sequenced(sequence, live[sequence]);
        }

        assertThat(relay.reuse(1, fill(decoded(live[1].maker()), decoded(live[1].taker())))).isZero();
        assertThat(relay.reuse(2, fill(decoded(live[2].maker()), decoded(live[2].taker())))).isZero();
        assertThat(relay.reuse(3, fill(decoded(live[3].maker()), decoded(live[3].taker())))).isEqualTo(2);
        assertThat(relay.reuse(6, fill(decoded(live[6].maker()), decoded(live[6].taker())))).isEqualTo(2);
        assertThat(relay.reuse(10, fill(decoded(live[6].maker()), decoded(live[6].taker())))).isZero();
    }

    @Test
    void shouldRefuseACapacityThatIsNotAPowerOfTwo()
    {
        assertThatThrownBy(() -> new OrderDigestRelay(12, DOMAIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderDigestRelay(0, DOMAIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
