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
}
