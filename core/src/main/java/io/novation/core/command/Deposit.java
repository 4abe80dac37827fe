package io.novation.core.command;

import io.novation.core.account.Address;

/**
 * Bridge: credit collateral observed on the base chain to a subaccount, exactly once per deposit id.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address.
 * @param subaccount subaccount number.
 * @param assetId    asset.
 * @param amount     positive quantums of the asset.
 * @param depositId  the bridge's deposit id, strictly increasing.
 */
public record Deposit(long time, Address account, int subaccount, int assetId, long amount, long depositId)
    implements Command
{
    /** The descriptor: binary type id 7, JSON {@code deposit}, role bridge. */
    public static final CommandType<Deposit> TYPE = CommandType.of(
        7, "deposit", CommandRole.BRIDGE, Deposit.class,
        "Bridge: credit collateral deposited on the base chain.",
        CollateralCodecs.DEPOSIT);

    @Override
    public Deposit withTime(final long newTime)
    {
        return newTime == time ? this : new Deposit(newTime, account, subaccount, assetId, amount, depositId);
    }

    @Override
    public CommandType<Deposit> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.deposit(this);
    }
}
