package io.novation.core.command;

/**
 * Sequencer: record one premium sample for a market, on the market's sampling cadence. The premium comes from the
 * impact prices the matching engine reports or, when neither side is reported, from the market's last trade price
 * (its mark) against the oracle index.
 *
 * @param time           sequencer time, epoch ms.
 * @param marketId       market.
 * @param impactBidPrice the book's impact bid in the market oracle's price units, or 0 when not reported.
 * @param impactAskPrice the book's impact ask in the market oracle's price units, or 0 when not reported.
 */
public record FundingSample(long time, int marketId, long impactBidPrice, long impactAskPrice) implements Command
{
    /** The descriptor: binary type id 11, JSON {@code fundingSample}, role governance. */
    public static final CommandType<FundingSample> TYPE = CommandType.of(
        11, "fundingSample", CommandRole.GOVERNANCE, FundingSample.class,
        "Sequencer: record one premium sample for a market.",
        FundingCodecs.FUNDING_SAMPLE);

    @Override
    public FundingSample withTime(final long newTime)
    {
        return newTime == time ? this : new FundingSample(newTime, marketId, impactBidPrice, impactAskPrice);
    }

    @Override
    public CommandType<FundingSample> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.fundingSample(this);
    }
}
