package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderCacheTest
{
    private final Participants participants = new Participants(3);
    private final OrderCache cache = new OrderCache();

    /** The fill as the service sees it: decoded afresh from its bytes. */
    private static SettleTrade decoded(final ClusterProtocol.Entry entry)
    {
        return decoded((SettleTrade)entry.command());
    }

    private static SettleTrade decoded(final SettleTrade trade)
    {
        return (SettleTrade)CommandCodec.decode(new BinaryReader(CommandCodec.encode(trade)));
    }

    @Test
    void shouldShareTheOrdersOfSuccessiveFillsSoTheirDigestsAreComputedOnce()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, 1_700_000_000_000L);
        final SettleTrade first = (SettleTrade)cache.share(decoded(participants.fill(orders, 60_000)));
        final SettleTrade second = (SettleTrade)cache.share(decoded(participants.fill(orders, 60_001)));

        assertThat(second.maker()).isSameAs(first.maker());
        assertThat(second.taker()).isSameAs(first.taker());
        assertThat(second.fillPrice()).isNotEqualTo(first.fillPrice());
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(second.maker().digest(participants.domain)).isEqualTo(orders[0].digest(participants.domain));
        assertThat(second.taker().digest(participants.domain)).isEqualTo(orders[1].digest(participants.domain));
    }

    @Test
    void shouldNotShareOrdersThatDifferInAnyFieldOrSignature()
    {
        final Order[] orders = participants.orders(0, 1, true, 10, 1_700_000_000_000L);
        final Order[] others = participants.orders(0, 2, true, 10, 1_700_000_000_000L);
        final SettleTrade first = (SettleTrade)cache.share(decoded(participants.fill(orders, 60_000)));
        final SettleTrade resigned = decoded(new SettleTrade(0, 0, orders[0].withSignature(others[0].signature()),
            others[1], Participants.STEP, 60_000));
        final SettleTrade shared = (SettleTrade)cache.share(resigned);

        assertThat(shared.maker()).isNotSameAs(first.maker()).isSameAs(resigned.maker());
        assertThat(shared.taker()).isNotSameAs(first.taker());
        assertThat(shared.maker().digest(participants.domain)).isEqualTo(orders[0].digest(participants.domain));
        assertThat(cache.hits()).isZero();
    }

    @Test
    void shouldLeaveCommandsWithoutOrdersAsTheyAre()
    {
        final ClusterProtocol.Entry deposit = participants.deposit(0, 10);

        assertThat(cache.share(deposit.command())).isSameAs(deposit.command());
    }
}
