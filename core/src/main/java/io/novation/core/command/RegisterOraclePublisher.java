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
    /** The descriptor: binary type id 4, JSON {@code registerOraclePublisher}, role governance. */
    public static final CommandType<RegisterOraclePublisher> TYPE = CommandType.of(
        4, "registerOraclePublisher", CommandRole.GOVERNANCE, RegisterOraclePublisher.class,
        "Governance: register a price publisher for an oracle.",
        OracleCodecs.REGISTER_ORACLE_PUBLISHER);

    @Override
    public RegisterOraclePublisher withTime(final long newTime)
    {
        return newTime == time ? this : new RegisterOraclePublisher(newTime, oracleId, publisher);
    }

    @Override
    public CommandType<RegisterOraclePublisher> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.registerOraclePublisher(this);
    }
}
