package io.novation.core.command;

/**
 * The sequencer: apply a scheduled risk parameter change whose effective time has come, as its own command, which
 * the sequencer issues before the first command stamped at or after that time (or when idle past it).
 *
 * @param time     sequencer time, epoch ms, at or after the change's effective time.
 * @param changeId the pending change's id.
 */
public record ApplyRiskParameters(long time, long changeId) implements Command
{
    /** The descriptor: binary type id 32, JSON {@code applyRiskParameters}, role sequencer. */
    public static final CommandType<ApplyRiskParameters> TYPE = CommandType.of(
        32, "applyRiskParameters", CommandRole.SEQUENCER, ApplyRiskParameters.class,
        "The sequencer: apply a scheduled risk parameter change at its effective time.",
        GovernanceCodecs.APPLY_RISK_PARAMETERS);

    @Override
    public ApplyRiskParameters withTime(final long newTime)
    {
        return newTime == time ? this : new ApplyRiskParameters(newTime, changeId);
    }

    @Override
    public CommandType<ApplyRiskParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.applyRiskParameters(this);
    }
}
