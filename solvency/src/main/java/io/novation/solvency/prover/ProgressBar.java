package io.novation.solvency.prover;

import java.time.Duration;

/**
 * A text progress bar of a proving run, in chunks proven, with the time elapsed and the time left estimated from the
 * mean time per chunk so far.
 */
public final class ProgressBar
{
    private static final int WIDTH = 30;

    private ProgressBar()
    {
    }

    /**
     * One line, such as {@code [##########....................] 8/24 chunks  0:16 elapsed  ETA 0:32}.
     *
     * @param done          chunks proven.
     * @param total         chunks in all.
     * @param elapsedMillis milliseconds since proving started.
     * @return the line.
     */
    public static String render(final int done, final int total, final long elapsedMillis)
    {
        final int filled = total == 0 ? WIDTH : (int)((long)WIDTH * done / total);
        final StringBuilder line = new StringBuilder(80).append('[');
        for (int i = 0; i < WIDTH; i++)
        {
            line.append(i < filled ? '#' : '.');
        }
        line.append("] ").append(done).append('/').append(total).append(" chunks  ")
            .append(clock(elapsedMillis)).append(" elapsed");
        if (done > 0 && done < total)
        {
            line.append("  ETA ").append(clock(etaMillis(done, total, elapsedMillis)));
        }
        return line.toString();
    }

    /**
     * Milliseconds left at the mean pace so far, rounded up.
     *
     * @param done          chunks proven (at least one).
     * @param total         chunks in all.
     * @param elapsedMillis milliseconds so far.
     * @return the estimate.
     */
    public static long etaMillis(final int done, final int total, final long elapsedMillis)
    {
        return -Math.floorDiv(-elapsedMillis * (total - done), done);
    }

    private static String clock(final long millis)
    {
        final Duration duration = Duration.ofMillis(millis);
        final long seconds = duration.toSecondsPart();
        return duration.toMinutes() + ":" + (seconds < 10 ? "0" : "") + seconds;
    }
}
