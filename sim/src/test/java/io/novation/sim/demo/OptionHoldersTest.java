package io.novation.sim.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option holders as drawn: every hedged book twice (standard and portfolio margin, the same size), the naked
 * sellers, the intraday books only while the intraday expiry is listed; and the tenth of a size the later trades take.
 */
class OptionHoldersTest
{
    private static final long BEFORE_DAY_EXPIRY = DemoMarket.DAY_START + (20 * 60 + 30) * MinuteSeries.MINUTE_MS;
    private static final long AFTER_DAY_EXPIRY = DemoMarket.DAY_START + 22 * 60 * MinuteSeries.MINUTE_MS;

    @Test
    void shouldDrawEveryHedgedBookAsTwinsOfTheSameSizeInBothMarginModes()
    {
        final List<OptionHolders.Holder> holders = holders(BEFORE_DAY_EXPIRY).all();
        for (final OptionHolders.Holder holder : holders)
        {
            if (holder.book().hedged())
            {
                assertThat(holder.twin()).isNotNull();
                assertThat(holder.twin().twin()).isSameAs(holder);
                assertThat(holder.twin().portfolio()).isNotEqualTo(holder.portfolio());
                assertThat(holder.twin().size()).isEqualTo(holder.size());
                assertThat(holder.twin().book()).isEqualTo(holder.book());
            }
            else
            {
                assertThat(holder.twin()).isNull();
                assertThat(holder.portfolio()).isFalse();
            }
        }
        assertThat(holders).extracting(h -> h.participant().name()).doesNotHaveDuplicates();
        assertThat(holders).filteredOn(OptionHolders.Holder::portfolio).hasSize(12);
        assertThat(holders).hasSize(37);
    }

    @Test
    void shouldDrawTheIntradayBooksOnlyWhileTheIntradayExpiryIsListed()
    {
        assertThat(holders(BEFORE_DAY_EXPIRY).all()).extracting(OptionHolders.Holder::book)
            .contains(OptionHolders.Book.DAY_PUT_BUYER, OptionHolders.Book.DAY_CALL_BUYER,
                OptionHolders.Book.DAY_PUT_SELLER);
        assertThat(holders(AFTER_DAY_EXPIRY).all()).extracting(OptionHolders.Holder::book)
            .doesNotContain(OptionHolders.Book.DAY_PUT_BUYER, OptionHolders.Book.DAY_CALL_BUYER,
                OptionHolders.Book.DAY_PUT_SELLER)
            .contains(OptionHolders.Book.NAKED_PUT, OptionHolders.Book.HEDGED_STRADDLE);
    }

    @Test
    void shouldTakeATenthOfASizeOnTheStepAndAtLeastOneStep()
    {
        assertThat(OptionHolders.tenth(2 * OptionListing.QUANTUMS_PER_BTC)).isEqualTo(2_000);
        assertThat(OptionHolders.tenth(15_000)).isEqualTo(1_500);
        assertThat(OptionHolders.tenth(5_555)).isEqualTo(500);
        assertThat(OptionHolders.tenth(OptionListing.STEP)).isEqualTo(OptionListing.STEP);
    }

    private static OptionHolders holders(final long windowStart)
    {
        final DemoMarket btc = DemoMarket.btc();
        final ListedSeries series = new ListedSeries(windowStart);
        final DeskClock clock = new DeskClock();
        final SurfaceRounds surfaces = new SurfaceRounds(btc, new PublisherPanel(), series.expiries(), clock);
        return new OptionHolders(btc, series, surfaces, new OptionQuotes(btc, surfaces, clock), clock);
    }
}
