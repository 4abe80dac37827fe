package io.novation.core.command;

import io.novation.core.oracle.OracleParameters;

/**
 * Governance: replace one oracle's quorum, freshness, heartbeat, deviation and stale-band parameters (milliseconds
 * and parts per million).
 *
 * @param time       sequencer time, epoch ms.
 * @param oracleId   oracle.
 * @param parameters the new parameters.
 */
public record SetOracleParameters(long time, int oracleId, OracleParameters parameters) implements Command
{
    /** The descriptor: binary type id 5, JSON {@code setOracleParameters}, role governance. */
    public static final CommandType<SetOracleParameters> TYPE = CommandType.of(
        5, "setOracleParameters", CommandRole.GOVERNANCE, SetOracleParameters.class,
        "Governance: replace an oracle's quorum, freshness, heartbeat, deviation and stale-band parameters.",
        OracleCodecs.SET_ORACLE_PARAMETERS);

    @Override
    public SetOracleParameters withTime(final long newTime)
    {
        return newTime == time ? this : new SetOracleParameters(newTime, oracleId, parameters);
    }

    @Override
    public CommandType<SetOracleParameters> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setOracleParameters(this);
    }
}
