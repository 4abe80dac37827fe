package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Owner-signed: move collateral between two subaccounts of the same account (cross to isolated and back).
 *
 * @param time           sequencer time, epoch ms.
 * @param account        owner address.
 * @param fromSubaccount source subaccount number.
 * @param toSubaccount   destination subaccount number, created when absent.
 * @param assetId        asset.
 * @param amount         positive quantums.
 * @param nonce          greater than the account's last nonce.
 * @param signature      the owner's EIP-712 signature over {@code Transfer}.
 */
public record Transfer(
    long time, Address account, int fromSubaccount, int toSubaccount, int assetId, long amount, long nonce,
    EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 9, JSON {@code transfer}, role owner. */
    public static final CommandType<Transfer> TYPE = CommandType.of(
        9, "transfer", CommandRole.OWNER, Transfer.class,
        "Owner-signed: move collateral between two subaccounts of one account.",
        CollateralCodecs.TRANSFER);

    /** The EIP-712 type of a transfer. */
    public static final String EIP712_TYPE = "Transfer(address account,uint32 fromSubaccount,uint32 toSubaccount," +
        "uint32 asset,uint64 amount,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the owner signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 7];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putUint256(words, 64, fromSubaccount);
        Eip712.putUint256(words, 96, toSubaccount);
        Eip712.putUint256(words, 128, assetId);
        Eip712.putUint256(words, 160, amount);
        Eip712.putUint256(words, 192, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public Transfer withTime(final long newTime)
    {
        return newTime == time ? this : new Transfer(newTime, account, fromSubaccount, toSubaccount, assetId, amount,
            nonce, signature);
    }

    @Override
    public CommandType<Transfer> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.transfer(this);
    }
}
