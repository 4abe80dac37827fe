package io.novation.node.admission;

/**
 * A token bucket of request weight: holds at most {@code burst}, regains {@code perSecond} per second of
 * {@link System#nanoTime()}, and is charged a request's weight whole or not at all. Thread-safe.
 */
final class TokenBucket
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final double burst;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(final long burst, final long perSecond, final long nowNanos)
    {
        this.burst = burst;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /**
     * Charges a weight if the bucket holds it.
     *
     * @param weight   the request's weight.
     * @param nowNanos {@link System#nanoTime()}.
     * @return 0 when charged, else the nanoseconds until the bucket will hold the weight (or its burst, when the
     *     weight exceeds it).
     */
    synchronized long tryCharge(final long weight, final long nowNanos)
    {
        refill(nowNanos);
        if (tokens >= weight)
        {
            tokens -= weight;
            return 0;
        }
        final double wanted = Math.min(weight, burst) - tokens;
        return Math.max(1, (long)Math.ceil(wanted / perNano));
    }

    /**
     * Whether the bucket is full (its client idle long enough to be forgotten).
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return true when full.
     */
    synchronized boolean full(final long nowNanos)
    {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(final long nowNanos)
    {
        final long elapsed = nowNanos - lastNanos;
        if (elapsed > 0)
        {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastNanos = nowNanos;
        }
    }
}
