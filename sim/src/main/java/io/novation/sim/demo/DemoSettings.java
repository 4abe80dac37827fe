package io.novation.sim.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the demo: where its report goes, how many trader subaccounts, how fast simulated time may run (simulated
 * seconds per wall-clock second, at most: after each oracle round the demo also waits for the keepers to finish their
 * sweeps), which minutes of 2025-10-10 to replay (0 = 00:00 UTC, up to 1,440), the random seed of the population,
 * the keepers, and the batch schedule.
 *
 * @param out          directory of {@code report.json}, {@code report.html} and the node's data ({@code node/}).
 * @param accounts     trader subaccounts.
 * @param speed        simulated time per wall-clock time, at most; {@code Double.POSITIVE_INFINITY} for no pacing.
 * @param fromMinute   first minute of the day replayed.
 * @param toMinute     minute after the last one replayed.
 * @param seed         random seed of the population and its trading.
 * @param keepers      competing keepers.
 * @param batchMinutes simulated minutes per batch.
 * @param keeperWaitMs the longest wall-clock wait for the keepers after a round, ms.
 * @param markets      the markets replayed, names of {@link DemoMarket#NAMES} (all three by default).
 */
public record DemoSettings(Path out, int accounts, double speed, int fromMinute, int toMinute, long seed,
    int keepers, int batchMinutes, long keeperWaitMs, List<String> markets)
{
    /** The default number of traders. */
    public static final int DEFAULT_ACCOUNTS = 10_000;
    /** The default pace: one simulated day in a minute of wall-clock time at most. */
    public static final double DEFAULT_SPEED = 1_440;

    /**
     * Validates the settings.
     */
    public DemoSettings
    {
        if (accounts < 10)
        {
            throw new IllegalArgumentException("at least 10 accounts");
        }
        if (!(speed > 0))
        {
            throw new IllegalArgumentException("the speed must be positive");
        }
        if (fromMinute < 0 || toMinute > MinuteSeries.MINUTES || fromMinute >= toMinute)
        {
            throw new IllegalArgumentException("the window must lie within the day: " + fromMinute + " to " + toMinute);
        }
        if (keepers < 1 || batchMinutes < 1 || keeperWaitMs < 1)
        {
            throw new IllegalArgumentException("keepers, batch minutes and the keeper wait must be positive");
        }
        markets = List.copyOf(markets);
        DemoMarket.chosen(markets);
    }

    /**
     * The defaults: 10,000 traders, the whole day at most 1,440 times faster than real time, seed 20251010, three
     * keepers, a batch every 10 simulated minutes, at most 5 s of waiting for the keepers after a round.
     *
     * @param out the output directory.
     * @return the settings.
     */
    public static DemoSettings defaults(final Path out)
    {
        return new DemoSettings(out, DEFAULT_ACCOUNTS, DEFAULT_SPEED, 0, MinuteSeries.MINUTES, 20_251_010L, 3, 10,
            5_000, DemoMarket.NAMES);
    }

    /**
     * The same with another number of traders.
     *
     * @param count traders.
     * @return the settings.
     */
    public DemoSettings withAccounts(final int count)
    {
        return new DemoSettings(out, count, speed, fromMinute, toMinute, seed, keepers, batchMinutes, keeperWaitMs,
            markets);
    }

    /**
     * The same with another pace.
     *
     * @param pace simulated time per wall-clock time.
     * @return the settings.
     */
    public DemoSettings withSpeed(final double pace)
    {
        return new DemoSettings(out, accounts, pace, fromMinute, toMinute, seed, keepers, batchMinutes, keeperWaitMs,
            markets);
    }

    /**
     * The same with another window of the day.
     *
     * @param from first minute (0 = 00:00 UTC).
     * @param to   minute after the last.
     * @return the settings.
     */
    public DemoSettings withWindow(final int from, final int to)
    {
        return new DemoSettings(out, accounts, speed, from, to, seed, keepers, batchMinutes, keeperWaitMs,
            markets);
    }

    /**
     * The same with other markets.
     *
     * @param names names of {@link DemoMarket#NAMES}.
     * @return the settings.
     */
    public DemoSettings withMarkets(final List<String> names)
    {
        return new DemoSettings(out, accounts, speed, fromMinute, toMinute, seed, keepers, batchMinutes, keeperWaitMs,
            names);
    }

    /**
     * Minutes replayed.
     *
     * @return a count.
     */
    public int minutes()
    {
        return toMinute - fromMinute;
    }
}
