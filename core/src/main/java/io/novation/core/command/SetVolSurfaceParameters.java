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
}
