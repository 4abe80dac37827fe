package io.novation.sim.demo;

import io.novation.core.command.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrossingMatcherTest
{
    private static final byte[] DOMAIN = new byte[32];
    private final Participant maker = new Participant("maker", 1);
    private final Participant other = new Participant("other-maker", 1);
    private final Participant taker = new Participant("taker", 1);
    private final CrossingMatcher book = new CrossingMatcher();

    private Order order(final Participant who, final boolean buy, final long size, final long price)
    {
        return who.sign(DOMAIN, 0, buy, size, price, 1_000, false);
    }

    @Test
    void shouldCrossAtTheMakersPricesBestFirstThenTimeAndCancelTheRestWhenImmediate()
    {
        final Order first = order(maker, false, 5, 101);
        final Order second = order(other, false, 5, 101);
        final Order worse = order(maker, false, 10, 103);
        book.submit(first, false);
        book.submit(second, false);
        book.submit(worse, false);
        book.submit(order(maker, false, 10, 110), false);

        final List<CrossingMatcher.Fill> fills = book.submit(order(taker, true, 14, 105), true);

        assertThat(fills).extracting(CrossingMatcher.Fill::maker).containsExactly(first, second, worse);
        assertThat(fills).extracting(CrossingMatcher.Fill::size).containsExactly(5L, 5L, 4L);
        assertThat(fills).extracting(CrossingMatcher.Fill::price).containsExactly(101L, 101L, 103L);
        assertThat(book.bestAsk()).isEqualTo(103);
        assertThat(book.bestBid()).as("the taker's rest was cancelled").isZero();
    }

    @Test
    void shouldRestWhatDoesNotCrossAndSkipTheTakersOwnOrders()
    {
        book.submit(order(taker, false, 5, 100), false);
        book.submit(order(maker, false, 5, 102), false);

        final List<CrossingMatcher.Fill> fills = book.submit(order(taker, true, 8, 102), false);

        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).maker().account()).isEqualTo(maker.address());
        assertThat(book.bestBid()).isEqualTo(102);
        assertThat(book.resting(taker.address(), true)).isEqualTo(3);
        assertThat(book.resting(taker.address(), false)).isEqualTo(5);
        book.cancelAll(taker.address());
        assertThat(book.bestBid()).isZero();
        assertThat(book.bestAsk()).isZero();
    }

    @Test
    void shouldGiveTheImpactPriceOfEachSide()
    {
        book.submit(order(maker, true, 5, 99), false);
        book.submit(order(maker, true, 5, 97), false);
        book.submit(order(maker, false, 5, 101), false);

        assertThat(book.impactPrice(false, 7)).isEqualTo(97);
        assertThat(book.impactPrice(true, 5)).isEqualTo(101);
        assertThat(book.impactPrice(true, 6)).as("not deep enough").isZero();
    }
}
