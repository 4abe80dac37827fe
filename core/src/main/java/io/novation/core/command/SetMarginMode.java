package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Owner-signed: switch a cross-margin subaccount between standard margin and portfolio margin (Derive PM2
 * scenarios); allowed when the subaccount meets initial margin in the new mode.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address.
 * @param subaccount subaccount number, 0 to 127.
 * @param portfolio  true for portfolio margin, false for standard.
 * @param nonce      greater than the account's last nonce.
 * @param signature  the owner's EIP-712 signature over {@code MarginMode}.
 */
public record SetMarginMode(long time, Address account, int subaccount, boolean portfolio, long nonce,
    EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 18, JSON {@code setMarginMode}, role owner. */
    public static final CommandType<SetMarginMode> TYPE = CommandType.of(
        18, "setMarginMode", CommandRole.OWNER, SetMarginMode.class,
        "Owner-signed: switch a subaccount between standard and portfolio margin.",
        CollateralCodecs.SET_MARGIN_MODE);

    /** The EIP-712 type of a margin mode change. */
    public static final String EIP712_TYPE =
        "MarginMode(address account,uint32 subaccount,bool portfolio,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the owner signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 5];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putUint256(words, 64, subaccount);
        Eip712.putUint256(words, 96, portfolio ? 1 : 0);
        Eip712.putUint256(words, 128, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * The same request with a signature.
     *
     * @param newSignature the signature.
     * @return a new command.
     */
    public SetMarginMode withSignature(final EcdsaSignature newSignature)
    {
        return new SetMarginMode(time, account, subaccount, portfolio, nonce, newSignature);
    }

    @Override
    public SetMarginMode withTime(final long newTime)
    {
        return newTime == time ? this : new SetMarginMode(newTime, account, subaccount, portfolio, nonce, signature);
    }

    @Override
    public CommandType<SetMarginMode> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setMarginMode(this);
    }
}
