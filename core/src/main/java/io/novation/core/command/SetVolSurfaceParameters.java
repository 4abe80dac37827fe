package io.novation.core.command;

import io.novation.core.oracle.VolSurfaceParameters;

/**
 * Governance: replaces the volatility-surface parameters of one underlying (heartbeat in milliseconds, deviation
 * threshold and stale band in parts per million of a volatility).
 *
 * @param time       sequencer time, epoch ms.
 * @param oracleId   the underlying's oracle.
 * @param parameters the new parameters.
 */
public record SetVolSurfaceParameters(long time, int oracleId, VolSurfaceParameters parameters) implements Command
{
    /** The descriptor: binary type id 22, JSON {@code setVolSurfaceParameters}, role governance. */
    public static final CommandType<SetVolSurfaceParameters> TYPE = CommandType.of(
        22, "setVolSurfaceParameters", CommandRole.GOVERNANCE, SetVolSurfaceParameters.class,
        "Governance: replace an underlying's volatility-surface parameters.",
        OracleCodecs.SET_VOL_SURFACE_PARAMETERS);

    @Override
    public SetVolSurfaceParameters withTime(final long newTime)
    {
        return newTime == time ? this : new SetVolSurfaceParameters(newTime, oracleId, parameters);
    }

    @Override
    public CommandType<SetVolSurfaceParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setVolSurfaceParameters(this);
    }
}
