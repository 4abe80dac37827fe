package io.novation.core.command;

/**
 * Governance: cancel a scheduled risk parameter change before it applies.
 *
 * @param time     sequencer time, epoch ms.
 * @param changeId the pending change's id.
 */
public record CancelRiskParameters(long time, long changeId) implements Command
{
    /** The descriptor: binary type id 31, JSON {@code cancelRiskParameters}, role governance. */
    public static final CommandType<CancelRiskParameters> TYPE = CommandType.of(
        31, "cancelRiskParameters", CommandRole.GOVERNANCE, CancelRiskParameters.class,
        "Governance: cancel a scheduled risk parameter change before its effective time.",
        GovernanceCodecs.CANCEL_RISK_PARAMETERS);

    @Override
    public CancelRiskParameters withTime(final long newTime)
    {
        return newTime == time ? this : new CancelRiskParameters(newTime, changeId);
    }

    @Override
    public CommandType<CancelRiskParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.cancelRiskParameters(this);
    }
}
