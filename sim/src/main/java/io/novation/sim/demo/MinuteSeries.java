package io.novation.sim.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One day of one-minute bars of a price in price units (10^priceExponent USD per base unit), minute 0 starting at
 * {@link #dayStart()} (epoch ms, UTC midnight): open, high, low and close per minute. A minute missing from the source
 * takes the previous minute's close for all four (the first minutes take the first bar's open).
 */
public final class MinuteSeries
{
    /** Minutes in a day. */
    public static final int MINUTES = 1_440;
    /** One minute, ms. */
    public static final long MINUTE_MS = 60_000L;

    private final String name;
    private final long dayStart;
    private final long[] open = new long[MINUTES];
    private final long[] high = new long[MINUTES];
    private final long[] low = new long[MINUTES];
    private final long[] close = new long[MINUTES];

    private MinuteSeries(final String name, final long dayStart)
    {
        this.name = name;
        this.dayStart = dayStart;
    }

    /**
     * Reads a CSV whose first five columns are open time (epoch ms), open, high, low and close in USD, with a header
     * line, from the class path.
     *
     * @param resource      class-path resource, e.g. {@code /data/btcusd-perp-mark-1m-2025-10-10.csv}.
     * @param dayStart      epoch ms of the day's first minute (UTC midnight); bars outside the day are ignored.
     * @param priceExponent one price unit is 10^priceExponent USD; prices are rounded half-even to it.
     * @return the series.
     */
    public static MinuteSeries load(final String resource, final long dayStart, final int priceExponent)
    {
        final MinuteSeries series = new MinuteSeries(resource.substring(resource.lastIndexOf('/') + 1), dayStart);
        final boolean[] present = new boolean[MINUTES];
        final List<long[]> bars = CsvResource.rows(resource, 5, cells -> new long[] {Long.parseLong(cells[0]),
            units(cells[1], priceExponent), units(cells[2], priceExponent), units(cells[3], priceExponent),
            units(cells[4], priceExponent)});
        for (final long[] bar : bars)
        {
            final long openTime = bar[0];
            final long minute = (openTime - dayStart) / MINUTE_MS;
            if (openTime < dayStart || minute >= MINUTES || (openTime - dayStart) % MINUTE_MS != 0)
            {
                continue;
            }
            final int m = (int)minute;
            series.open[m] = bar[1];
            series.high[m] = bar[2];
            series.low[m] = bar[3];
            series.close[m] = bar[4];
            present[m] = true;
        }
        int first = 0;
        while (first < MINUTES && !present[first])
        {
            first++;
        }
        if (first == MINUTES)
        {
            throw new IllegalArgumentException(resource + " holds no minute of the day starting at " + dayStart);
        }
        for (int m = 0; m < MINUTES; m++)
        {
            if (!present[m])
            {
                final long carried = m < first ? series.open[first] : series.close[m - 1];
                series.open[m] = carried;
                series.high[m] = carried;
                series.low[m] = carried;
                series.close[m] = carried;
            }
        }
        return series;
    }

    private static long units(final String usd, final int priceExponent)
    {
        return new BigDecimal(usd).movePointLeft(priceExponent).setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }

    /**
     * The source's file name.
     *
     * @return e.g. {@code btcusd-perp-mark-1m-2025-10-10.csv}.
     */
    public String name()
    {
        return name;
    }

    /**
     * The day's first minute.
     *
     * @return epoch ms.
     */
    public long dayStart()
    {
        return dayStart;
    }

    /**
     * The open of a minute.
     *
     * @param minute 0 to 1,439.
     * @return price units.
     */
    public long open(final int minute)
    {
        return open[minute];
    }

    /**
     * The high of a minute.
     *
     * @param minute 0 to 1,439.
     * @return price units.
     */
    public long high(final int minute)
    {
        return high[minute];
    }

    /**
     * The low of a minute.
     *
     * @param minute 0 to 1,439.
     * @return price units.
     */
    public long low(final int minute)
    {
        return low[minute];
    }

    /**
     * The close of a minute.
     *
     * @param minute 0 to 1,439.
     * @return price units.
     */
    public long close(final int minute)
    {
        return close[minute];
    }

    /**
     * The minute's extreme in the direction it closed: its low when it closed below its open, else its high. The
     * publishers report it before the close, so that a crash's intra-minute low reaches the oracle.
     *
     * @param minute 0 to 1,439.
     * @return price units.
     */
    public long extreme(final int minute)
    {
        return close[minute] < open[minute] ? low[minute] : high[minute];
    }
}
