package io.novation.sim.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /**
     * Reads the day's minutes from the class path ({@code open_time} in epoch ms, {@code mark_iv}, ...; a header line).
     *
     * @param dayStart epoch ms of the day's first minute.
     * @return the path.
     */
    static ImpliedVolPath load(final long dayStart)
    {
        final ImpliedVolPath path = new ImpliedVolPath();
        try (InputStream in = ImpliedVolPath.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no implied volatility data " + RESOURCE + " on the class path");
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String[] cells = line.split(",", 3);
                if (cells.length < 2)
                {
                    continue;
                }
                final long minute = (Long.parseLong(cells[0].trim()) - dayStart) / MinuteSeries.MINUTE_MS;
                if (minute >= 0 && minute < MinuteSeries.MINUTES)
                {
                    path.markIv[(int)minute] = Double.parseDouble(cells[1].trim());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
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
