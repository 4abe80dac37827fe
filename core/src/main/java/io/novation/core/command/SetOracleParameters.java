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
}
