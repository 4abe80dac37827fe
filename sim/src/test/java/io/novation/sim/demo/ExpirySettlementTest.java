package io.novation.sim.demo;

import io.novation.core.command.SettleExpiry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry settlement: nothing before an expiry, each of its series once when the clock reaches it, never again. */
class ExpirySettlementTest
{
    private static final long WINDOW_START = DemoMarket.DAY_START + (20 * 60 + 30) * MinuteSeries.MINUTE_MS;

    @Test
    void shouldSettleEverySeriesOfAnExpiryOnceWhenTheClockReachesIt()
    {
        final ListedSeries series = new ListedSeries(WINDOW_START);
        final DeskClock clock = new DeskClock();
        final ExpirySettlement settlement = new ExpirySettlement(series, clock);
        final List<Integer> daySeries = series.all().stream().filter(l -> l.expiry() == OptionListing.DAY_EXPIRY)
            .map(OptionListing::seriesId).toList();

        clock.set(OptionListing.DAY_EXPIRY - 1);
        assertThat(settlement.due()).isEmpty();
        assertThat(settlement.settled()).isEmpty();

        clock.set(OptionListing.DAY_EXPIRY);
        final List<SettleExpiry> due = settlement.due();
        assertThat(due).extracting(SettleExpiry::seriesId).containsExactlyElementsOf(daySeries);
        for (int i = 0; i < due.size(); i++)
        {
            assertThat(due.get(i).time()).isEqualTo(OptionListing.DAY_EXPIRY + i);
        }
        assertThat(settlement.settled()).containsExactly(OptionListing.DAY_EXPIRY);
        assertThat(settlement.due()).isEmpty();
        assertThat(daySeries).hasSize(5);
    }
}
