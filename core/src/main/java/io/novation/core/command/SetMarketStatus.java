package io.novation.core.command;

import io.novation.core.market.MarketStatus;

/**
 * Governance: set a market active, reduce-only or halted.
 *
 * @param time     sequencer time, epoch ms.
 * @param marketId market.
 * @param status   new status.
 */
public record SetMarketStatus(long time, int marketId, MarketStatus status) implements Command
{
    /** The descriptor: binary type id 3, JSON {@code setMarketStatus}, role governance. */
    public static final CommandType<SetMarketStatus> TYPE = CommandType.of(
        3, "setMarketStatus", CommandRole.GOVERNANCE, SetMarketStatus.class,
        "Governance: set a market active, reduce-only or halted.",
        ConfigurationCodecs.SET_MARKET_STATUS);

    @Override
    public SetMarketStatus withTime(final long newTime)
    {
        return newTime == time ? this : new SetMarketStatus(newTime, marketId, status);
    }

    @Override
    public CommandType<SetMarketStatus> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setMarketStatus(this);
    }
}
