package io.novation.core.command;

import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;

/**
 * Governance: the bounds of a perpetual market's margin controller and of its depth-driven liquidation penalty
 * (fractions in ppm, times in ms); a null part turns that mechanism off and returns the market to its static
 * parameters.
 *
 * @param time       sequencer time, epoch ms.
 * @param marketId   the perpetual market.
 * @param controller the controller's bounds, or null for none.
 * @param depth      the depth penalty's bounds, or null for none.
 */
public record SetMarketRiskBounds(long time, int marketId, MarginControllerBounds controller,
    DepthPenaltyBounds depth) implements Command
{
    /** The descriptor: binary type id 41, JSON {@code setMarketRiskBounds}, role governance. */
    public static final CommandType<SetMarketRiskBounds> TYPE = CommandType.of(
        41, "setMarketRiskBounds", CommandRole.GOVERNANCE, SetMarketRiskBounds.class,
        "Governance: set or clear a perpetual market's margin-controller bounds and depth-penalty bounds.",
        RiskCodecs.SET_MARKET_RISK_BOUNDS);

    @Override
    public SetMarketRiskBounds withTime(final long newTime)
    {
        return newTime == time ? this : new SetMarketRiskBounds(newTime, marketId, controller, depth);
    }

    @Override
    public CommandType<SetMarketRiskBounds> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setMarketRiskBounds(this);
    }
}
