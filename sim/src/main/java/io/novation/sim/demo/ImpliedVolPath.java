package io.novation.sim.demo;

import java.util.List;

/**
 * One day of the minute mark implied volatility (a fraction per year, e.g. 0.648) of OKX's BTC-USD-251031-80000-P
 * option, each minute's last mark of its ticks; a minute without a tick takes the previous minute's value.
 */
final class ImpliedVolPath
{
    /** The class-path resource of 2025-10-10's minutes. */
    static final String RESOURCE = "/data/okx-btc-251031-80000-P-mark-iv-1m-2025-10-10.csv";
    /** The option the path is the mark volatility of. */
    static final String INSTRUMENT = "OKX BTC-USD-251031-80000-P";

    private final double[] markIv = new double[MinuteSeries.MINUTES];

    private ImpliedVolPath()
    {
    }

    /** A row of the source: its minute of the day (negative before it) and its mark volatility. */
    private record Tick(long minute, double markIv)
    {
    }

    /**
     * Reads the day's minutes from the class path ({@code open_time} in epoch ms, {@code mark_iv}, ...; a header line).
     *
     * @param dayStart epoch ms of the day's first minute.
     * @return the path.
     */
    static ImpliedVolPath load(final long dayStart)
    {
        final ImpliedVolPath path = new ImpliedVolPath();
        final List<Tick> ticks = CsvResource.rows(RESOURCE, 2, cells -> new Tick(
            (Long.parseLong(cells[0]) - dayStart) / MinuteSeries.MINUTE_MS, Double.parseDouble(cells[1])));
        for (final Tick tick : ticks)
        {
            if (tick.minute() >= 0 && tick.minute() < MinuteSeries.MINUTES)
            {
                path.markIv[(int)tick.minute()] = tick.markIv();
            }
        }
        double last = 0;
        for (int m = 0; m < MinuteSeries.MINUTES; m++)
        {
            if (path.markIv[m] > 0)
            {
                last = path.markIv[m];
                break;
            }
        }
        if (last == 0)
        {
            throw new IllegalArgumentException(RESOURCE + " holds no minute of the day");
        }
        for (int m = 0; m < MinuteSeries.MINUTES; m++)
        {
            if (path.markIv[m] > 0)
            {
                last = path.markIv[m];
            }
            else
            {
                path.markIv[m] = last;
            }
        }
        return path;
    }

    /**
     * The mark implied volatility at the end of a minute.
     *
     * @param minute minute of the day, 0 to 1,439.
     * @return a fraction per year.
     */
    double markIv(final int minute)
    {
        return markIv[minute];
    }
}
