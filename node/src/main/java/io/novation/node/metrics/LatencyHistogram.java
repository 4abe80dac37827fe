package io.novation.node.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed bucket bounds in seconds (50 µs to 10 s), recorded in nanoseconds from any thread
 * without locks, written in the Prometheus text format, and able to estimate a quantile from its buckets.
 */
public final class LatencyHistogram
{
    private static final double[] BOUNDS_SECONDS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private final String name;
    private final String help;
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    /**
     * A histogram.
     *
     * @param name metric name, ending in "_seconds".
     * @param help one sentence.
     */
    public LatencyHistogram(final String name, final String help)
    {
        this.name = name;
        this.help = help;
    }

    /**
     * Records one observation.
     *
     * @param nanos the latency in nanoseconds.
     */
    public void record(final long nanos)
    {
        final double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[bucket])
        {
            bucket++;
        }
        buckets.incrementAndGet(bucket);
        sumNanos.add(nanos);
        count.increment();
    }

    /**
     * Number of observations.
     *
     * @return count.
     */
    public long count()
    {
        return count.sum();
    }

    /**
     * The upper bound of the bucket that holds a quantile.
     *
     * @param quantile in (0, 1].
     * @return seconds, or 0 without observations.
     */
    public double quantileUpperBound(final double quantile)
    {
        final long total = count.sum();
        if (total == 0)
        {
            return 0;
        }
        final long rank = (long)Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++)
        {
            seen += buckets.get(i);
            if (seen >= rank)
            {
                return i < BOUNDS_SECONDS.length ? BOUNDS_SECONDS[i] : Double.POSITIVE_INFINITY;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Appends the histogram in the Prometheus text format.
     *
     * @param out the text.
     */
    public void writeTo(final StringBuilder out)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++)
        {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{le=\"").append(BOUNDS_SECONDS[i]).append("\"} ").append(cumulative)
                .append('\n');
        }
        cumulative += buckets.get(BOUNDS_SECONDS.length);
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
        out.append(name).append("_count ").append(cumulative).append('\n');
    }
}
