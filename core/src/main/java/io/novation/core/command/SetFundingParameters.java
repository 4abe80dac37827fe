package io.novation.core.command;

import io.novation.core.funding.FundingParameters;

/**
 * Governance: set a market's funding settings (mode, cadences, interest, clamps).
 *
 * @param time       sequencer time, epoch ms.
 * @param marketId   market.
 * @param parameters the settings.
 */
public record SetFundingParameters(long time, int marketId, FundingParameters parameters) implements Command
{
    /** The descriptor: binary type id 13, JSON {@code setFundingParameters}, role governance. */
    public static final CommandType<SetFundingParameters> TYPE = CommandType.of(
        13, "setFundingParameters", CommandRole.GOVERNANCE, SetFundingParameters.class,
        "Governance: set a market's funding settings.",
        FundingCodecs.SET_FUNDING_PARAMETERS);

    @Override
    public SetFundingParameters withTime(final long newTime)
    {
        return newTime == time ? this : new SetFundingParameters(newTime, marketId, parameters);
    }

    @Override
    public CommandType<SetFundingParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setFundingParameters(this);
    }
}
