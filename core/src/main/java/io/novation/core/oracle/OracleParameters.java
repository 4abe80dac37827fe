package io.novation.core.oracle;

/**
 * The rules one oracle's rounds are held to: times in milliseconds of sequencer time, fractions in parts per million
 * of the last accepted price.
 *
 * @param quorum                    distinct registered publishers a round needs (at least 1).
 * @param freshnessWindowMs         a report may be at most this old at the round's sequencer time.
 * @param maxFutureSkewMs           a report may be at most this far ahead of the round's sequencer time.
 * @param heartbeatMs               a price older than this is stale.
 * @param haltAfterMs               a price older than this halts the markets it prices.
 * @param deviationThresholdPpm     a round whose median moves further than this from the last price is held.
 * @param jumpQuorum                distinct publishers whose round is accepted even beyond the deviation threshold.
 * @param staleBandBasePpm          half-width of the margin band at the moment the price turns stale.
 * @param staleBandPpmPerMinute     widening of the band per started minute of staleness.
 * @param staleBandMaxPpm           the band's largest half-width.
 */
public record OracleParameters(
    int quorum,
    long freshnessWindowMs,
    long maxFutureSkewMs,
    long heartbeatMs,
    long haltAfterMs,
    long deviationThresholdPpm,
    int jumpQuorum,
    long staleBandBasePpm,
    long staleBandPpmPerMinute,
    long staleBandMaxPpm)
{
    /** Most publishers an oracle may register, and most reports a round may carry. */
    public static final int MAX_PUBLISHERS = 32;

    /** The defaults every oracle starts with; docs/protocol.md gives the reason for each. */
    public static final OracleParameters DEFAULTS = new OracleParameters(
        3, 60_000, 5_000, 120_000, 900_000, 100_000, 5, 10_000, 10_000, 250_000);

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    /**
     * Validates the parameters.
     */

    public OracleParameters
    {
        if (quorum < 1 || quorum > MAX_PUBLISHERS || jumpQuorum < quorum || jumpQuorum > MAX_PUBLISHERS)
        {
            throw new IllegalArgumentException("quorum must be in [1, " + MAX_PUBLISHERS + "] and the jump quorum " +
                "in [quorum, " + MAX_PUBLISHERS + "]");
        }
        if (freshnessWindowMs <= 0 || freshnessWindowMs > DAY_MS || maxFutureSkewMs < 0 || maxFutureSkewMs > HOUR_MS ||
            heartbeatMs <= 0 || heartbeatMs > 7 * DAY_MS || haltAfterMs < heartbeatMs || haltAfterMs > 30 * DAY_MS)
        {
            throw new IllegalArgumentException("freshness window in (0, 1 day], future skew in [0, 1 hour], heartbeat " +
                "in (0, 7 days], halt delay in [heartbeat, 30 days]");
        }
        if (deviationThresholdPpm <= 0 || deviationThresholdPpm > 1_000_000)
        {
            throw new IllegalArgumentException("deviation threshold must be in (0, 100%]");
        }
        if (staleBandBasePpm < 0 || staleBandPpmPerMinute < 0 || staleBandPpmPerMinute > 1_000_000 ||
            staleBandMaxPpm < staleBandBasePpm ||
            staleBandMaxPpm >= 1_000_000)
        {
            throw new IllegalArgumentException("stale band: base not negative, widening in [0, 100%] a minute, base <= max < 100%");
        }
    }
}
