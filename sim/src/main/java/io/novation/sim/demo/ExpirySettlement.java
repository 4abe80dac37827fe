package io.novation.sim.demo;

import io.novation.core.command.SettleExpiry;

import java.util.ArrayList;
import java.util.List;

/**
 * The settlement of the listed expiries: once the desk's clock reaches an expiry (epoch ms), the operator settles
 * each of its series with one {@code settleExpiry}, once.
 */
final class ExpirySettlement
{
    private final ListedSeries series;
    private final DeskClock clock;
    private final List<Long> settled = new ArrayList<>();

    /**
     * The settlement of a window's series.
     *
     * @param series the listed series.
     * @param clock  the desk's clock, which times the commands.
     */
    ExpirySettlement(final ListedSeries series, final DeskClock clock)
    {
        this.series = series;
        this.clock = clock;
    }

    /**
     * The settlements now due: one {@code settleExpiry} per series of every expiry the clock has reached and that is
     * not settled yet, in listing order, each timed by the clock.
     *
     * @return the commands, none when nothing is due.
     */
    List<SettleExpiry> due()
    {
        final List<SettleExpiry> commands = new ArrayList<>();
        for (final long expiry : series.expiries())
        {
            if (expiry <= clock.now() && !settled.contains(expiry))
            {
                settled.add(expiry);
                for (final OptionListing listing : series.all())
                {
                    if (listing.expiry() == expiry)
                    {
                        commands.add(new SettleExpiry(clock.next(), listing.seriesId()));
                    }
                }
            }
        }
        return commands;
    }

    /**
     * The expiries settled so far (settleExpiry sent).
     *
     * @return epoch ms.
     */
    List<Long> settled()
    {
        return settled;
    }
}
