package io.novation.core.command;

import io.novation.core.account.Address;

/**
 * Governance: register a publisher, identified by the address of its secp256k1 key, for one oracle.
 *
 * @param time      sequencer time, epoch ms.
 * @param oracleId  oracle.
 * @param publisher the publisher's address.
 */
public record RegisterOraclePublisher(long time, int oracleId, Address publisher) implements Command
{
}
