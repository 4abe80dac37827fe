package io.novation.core.command;

import io.novation.core.governance.RiskParameterChange;

/**
 * Governance: schedule a risk parameter change to apply at an effective time at least its kind's minimum delay after
 * this command (docs/protocol.md, section "Governance").
 *
 * @param time          sequencer time, epoch ms.
 * @param changeId      governance's id of the change, positive, accepted at most once.
 * @param effectiveTime the sequencer time at which it applies, epoch ms.
 * @param change        the change.
 */
public record SetRiskParameters(long time, long changeId, long effectiveTime, RiskParameterChange change)
    implements Command
{
    /** The descriptor: binary type id 30, JSON {@code setRiskParameters}, role governance. */
    public static final CommandType<SetRiskParameters> TYPE = CommandType.of(
        30, "setRiskParameters", CommandRole.GOVERNANCE, SetRiskParameters.class,
        "Governance: schedule a risk parameter change (tier, fees, liquidation terms, weights, oracle, publishers, " +
            "keys) at an effective time after its minimum delay.",
        GovernanceCodecs.SET_RISK_PARAMETERS);

    @Override
    public SetRiskParameters withTime(final long newTime)
    {
        return newTime == time ? this : new SetRiskParameters(newTime, changeId, effectiveTime, change);
    }

    @Override
    public CommandType<SetRiskParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setRiskParameters(this);
    }
}
