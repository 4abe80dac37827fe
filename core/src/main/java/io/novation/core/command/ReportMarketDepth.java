package io.novation.core.command;

import java.util.List;

/**
 * Governance (the venue's matching engine, admitted with a governance envelope): the book depth of one perpetual
 * market, as cumulative quote notional (quote quantums, 1e-6 USDC) resting within each distance from the mid price
 * (ppm of mid), bids and asks apart.
 *
 * @param time     sequencer time, epoch ms; the report is as of this time.
 * @param marketId the perpetual market.
 * @param levels   1 to {@link #MAX_LEVELS} levels, distances strictly increasing, notionals not decreasing.
 */
public record ReportMarketDepth(long time, int marketId, List<Level> levels) implements Command
{
    /** Most levels a report carries. */
    public static final int MAX_LEVELS = 16;

    /** The descriptor: binary type id 40, JSON {@code reportMarketDepth}, role governance. */
    public static final CommandType<ReportMarketDepth> TYPE = CommandType.of(
        40, "reportMarketDepth", CommandRole.GOVERNANCE, ReportMarketDepth.class,
        "Governance (the matching engine's depth feed): the order book's depth of a perpetual market " +
            "(notional within each distance of the mid), which the liquidation penalty follows.",
        RiskCodecs.REPORT_MARKET_DEPTH);

    /**
     * One level of a depth report.
     *
     * @param distancePpm distance from the mid price, ppm of mid, in (0, 1,000,000].
     * @param bidNotional quote quantums of bids priced within the distance below the mid.
     * @param askNotional quote quantums of asks priced within the distance above the mid.
     */
    public record Level(long distancePpm, long bidNotional, long askNotional)
    {
    }

    @Override
    public ReportMarketDepth withTime(final long newTime)
    {
        return newTime == time ? this : new ReportMarketDepth(newTime, marketId, levels);
    }

    @Override
    public CommandType<ReportMarketDepth> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.reportMarketDepth(this);
    }
}
