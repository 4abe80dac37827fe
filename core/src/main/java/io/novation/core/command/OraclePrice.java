package io.novation.core.command;

/**
 * A trusted index price for one oracle, in price units at the oracle's exponent.
 *
 * @param time     sequencer time, epoch ms.
 * @param oracleId oracle.
 * @param price    positive price units.
 */
public record OraclePrice(long time, int oracleId, long price) implements Command
{
}
