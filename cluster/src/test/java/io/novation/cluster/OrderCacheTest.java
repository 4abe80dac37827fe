package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderCacheTest
{
    private static final long NOW = 1_700_000_000_000L;

    private final Participants participants = new Participants(3);
    private final OrderCache cache = new OrderCache();

    /** The fill as the service sees it: decoded from its bytes, its orders read through the cache. */
    private SettleTrade decoded(final ClusterProtocol.Entry entry)
    {
        return decoded((SettleTrade)entry.command());
    }

    private SettleTrade decoded(final SettleTrade trade)
    {
        final BinaryReader in = new BinaryReader(CommandCodec.encode(trade));
        final SettleTrade decoded = (SettleTrade)CommandCodec.decode(in, cache, CommandCodec.FRAME_TIME);
        assertThat(in.remaining()).as("the whole command read").isZero();
        return decoded;
    }

    private static SettleTrade fresh(final SettleTrade trade)
    {
        return (SettleTrade)CommandCodec.decode(CommandCodec.encode(trade));
    }

    @Test
    void shouldGiveTheOrdersOfSuccessiveFillsFromTheCacheSoTheirDigestsAreComputedOnce()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, NOW);
        final SettleTrade first = decoded(participants.fill(orders, 60_000));
        final SettleTrade second = decoded(participants.fill(orders, 60_001));

        assertThat(second.maker()).isSameAs(first.maker());
        assertThat(second.taker()).isSameAs(first.taker());
        assertThat(second.fillPrice()).isNotEqualTo(first.fillPrice());
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(second.maker().digest(participants.domain)).isEqualTo(orders[0].digest(participants.domain));
        assertThat(second.taker().digest(participants.domain)).isEqualTo(orders[1].digest(participants.domain));
    }

    @Test
    void shouldNotReuseAnOrderThatDiffersOnlyInItsSignature()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, NOW);
        final Order[] others = participants.orders(0, 2, true, 10, NOW);
        final SettleTrade first = decoded(participants.fill(orders, 60_000));
        final SettleTrade resigned = new SettleTrade(0, 0, orders[0].withSignature(others[0].signature()),
            orders[1], Participants.STEP, 60_000);
        final SettleTrade read = decoded(resigned);

        assertThat(read.maker()).isNotSameAs(first.maker());
        assertThat(read.maker().signature()).isEqualTo(others[0].signature()).isNotEqualTo(orders[0].signature());
        assertThat(read.taker()).isSameAs(first.taker());
        assertThat(CommandCodec.encode(read)).isEqualTo(CommandCodec.encode(fresh(resigned)));
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void shouldNotReuseAnOrderThatDiffersInOneSignatureByteOrInItsRecoveryByte()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, NOW);
        final SettleTrade first = decoded(participants.fill(orders, 60_000));
        final EcdsaSignature signature = orders[0].signature();
        final byte[] s = signature.s();
        s[31] ^= 1;
        final Order flippedS = orders[0].withSignature(EcdsaSignature.of(signature.r(), s, signature.v()));
        final Order otherV = orders[0].withSignature(EcdsaSignature.of(signature.r(), signature.s(),
            signature.v() == 27 ? 28 : 27));

        for (final Order variant : new Order[] {flippedS, otherV})
        {
            final SettleTrade read = decoded(new SettleTrade(0, 0, variant, orders[1], Participants.STEP, 60_000));
            assertThat(read.maker()).isNotSameAs(first.maker());
            assertThat(read.maker().signature()).isEqualTo(variant.signature());
        }
    }

    @Test
    void shouldReadAbsentOrdersAndUnsignedOrdersAsAFreshDecodeDoes()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, NOW);
        final Order unsigned = orders[0].withSignature(null);
        final SettleTrade missingTaker = new SettleTrade(5, 0, unsigned, null, Participants.STEP, 60_000);

        final SettleTrade once = decoded(missingTaker);
        final SettleTrade twice = decoded(missingTaker);

        assertThat(once.taker()).isNull();
        assertThat(twice.maker()).isSameAs(once.maker());
        assertThat(twice.maker().signature()).isNull();
        assertThat(CommandCodec.encode(twice)).isEqualTo(CommandCodec.encode(fresh(missingTaker)));
        assertThat(twice.time()).isEqualTo(5);
    }

    @Test
    void shouldGiveTheTimeAskedForInPlaceOfTheFramesAndLeaveCommandsWithoutOrdersAsDecoded()
    {
        final ClusterProtocol.Entry deposit = participants.deposit(0, 10);
        final BinaryReader in = new BinaryReader(CommandCodec.encode(deposit.command()));

        final var stamped = CommandCodec.decode(in, cache, NOW);

        assertThat(stamped).isEqualTo(deposit.command().withTime(NOW));
        assertThat(cache.hits()).isZero();
    }
}
