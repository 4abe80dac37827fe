package io.novation.core.command;

import io.novation.core.account.Address;

/**
 * Bridge: a forced withdrawal requested by the account's owner on the base chain, answered exactly once per request
 * id: queued like a signed withdrawal when the subaccount holds the amount and keeps initial margin, declined (with
 * an event) otherwise. Either way the request counts as answered, which the next batch tells the bridge contract.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address (the base-chain sender of the request).
 * @param subaccount subaccount number.
 * @param assetId    asset.
 * @param amount     positive quantums.
 * @param requestId  the bridge's request id, strictly increasing.
 */
public record ForcedWithdraw(long time, Address account, int subaccount, int assetId, long amount, long requestId)
    implements Command
{
    /** The descriptor: binary type id 19, JSON {@code forcedWithdraw}, role bridge. */
    public static final CommandType<ForcedWithdraw> TYPE = CommandType.of(
        19, "forcedWithdraw", CommandRole.BRIDGE, ForcedWithdraw.class,
        "Bridge: answer a forced withdrawal requested on the base chain.",
        CollateralCodecs.FORCED_WITHDRAW);

    @Override
    public ForcedWithdraw withTime(final long newTime)
    {
        return newTime == time ? this : new ForcedWithdraw(newTime, account, subaccount, assetId, amount, requestId);
    }

    @Override
    public CommandType<ForcedWithdraw> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.forcedWithdraw(this);
    }
}
