package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Owner-signed: debit collateral from a subaccount and queue it for payment on the base chain.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address.
 * @param subaccount subaccount number.
 * @param assetId    asset.
 * @param amount     positive quantums.
 * @param nonce      greater than the account's last nonce.
 * @param signature  the owner's EIP-712 signature over {@code Withdraw}.
 */
public record Withdraw(
    long time, Address account, int subaccount, int assetId, long amount, long nonce, EcdsaSignature signature)
    implements Command
{
    /** The descriptor: binary type id 8, JSON {@code withdraw}, role owner. */
    public static final CommandType<Withdraw> TYPE = CommandType.of(
        8, "withdraw", CommandRole.OWNER, Withdraw.class,
        "Owner-signed: debit collateral and queue it for payment on the base chain.",
        CollateralCodecs.WITHDRAW);

    /** The EIP-712 type of a withdrawal. */
    public static final String EIP712_TYPE =
        "Withdraw(address account,uint32 subaccount,uint32 asset,uint64 amount,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the owner signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 6];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putUint256(words, 64, subaccount);
        Eip712.putUint256(words, 96, assetId);
        Eip712.putUint256(words, 128, amount);
        Eip712.putUint256(words, 160, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public Withdraw withTime(final long newTime)
    {
        return newTime == time ? this : new Withdraw(newTime, account, subaccount, assetId, amount, nonce, signature);
    }

    @Override
    public CommandType<Withdraw> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.withdraw(this);
    }
}
