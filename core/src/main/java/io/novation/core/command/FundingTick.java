package io.novation.core.command;

/**
 * Sequencer: apply a market's funding rate for the time since its last tick, through its cumulative funding index.
 * A market in premium-sampling mode computes the rate from its samples and takes none here; a market in
 * external-rate mode takes the matching engine's rate here, clamped like a computed one.
 *
 * @param time         sequencer time, epoch ms.
 * @param marketId     market.
 * @param rateReported whether the command carries the rate.
 * @param rate8hPpb    the 8-hour funding rate in parts per billion (positive: longs pay shorts), when reported.
 */
public record FundingTick(long time, int marketId, boolean rateReported, long rate8hPpb) implements Command
{
    /** The descriptor: binary type id 12, JSON {@code fundingTick}, role governance. */
    public static final CommandType<FundingTick> TYPE = CommandType.of(
        12, "fundingTick", CommandRole.GOVERNANCE, FundingTick.class,
        "Sequencer: apply a market's funding since its last tick.",
        FundingCodecs.FUNDING_TICK);

    /**
     * A tick of a market that computes its own rate.
     *
     * @param time     sequencer time.
     * @param marketId market.
     * @return the command.
     */
    public static FundingTick computed(final long time, final int marketId)
    {
        return new FundingTick(time, marketId, false, 0);
    }

    /**
     * A tick carrying the matching engine's rate.
     *
     * @param time      sequencer time.
     * @param marketId  market.
     * @param rate8hPpb 8-hour rate, ppb.
     * @return the command.
     */
    public static FundingTick withRate(final long time, final int marketId, final long rate8hPpb)
    {
        return new FundingTick(time, marketId, true, rate8hPpb);
    }

    @Override
    public FundingTick withTime(final long newTime)
    {
        return newTime == time ? this : new FundingTick(newTime, marketId, rateReported, rate8hPpb);
    }

    @Override
    public CommandType<FundingTick> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.fundingTick(this);
    }
}
