package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Signed by the owner or a session key with the cancel scope: every order of the subaccount whose order nonce is
 * below the floor never fills again; the floor only rises.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address.
 * @param subaccount the subaccount.
 * @param floor      the new order-nonce floor, above the current one.
 * @param nonce      greater than the account's last nonce.
 * @param signature  the signer's EIP-712 signature over {@code SetNonceFloor}.
 */
public record SetNonceFloor(long time, Address account, int subaccount, long floor, long nonce,
    EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 63, JSON {@code setNonceFloor}, role owner. */
    public static final CommandType<SetNonceFloor> TYPE = CommandType.of(
        63, "setNonceFloor", CommandRole.OWNER, SetNonceFloor.class,
        "Owner- or session-key-signed: orders of the subaccount with a lower nonce never fill.",
        SessionCodecs.SET_NONCE_FLOOR);

    /** The EIP-712 type of a nonce floor. */
    public static final String EIP712_TYPE =
        "SetNonceFloor(address account,uint32 subaccount,uint64 floor,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the signer signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 5];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putUint256(words, 64, Integer.toUnsignedLong(subaccount));
        Eip712.putUint256(words, 96, floor);
        Eip712.putUint256(words, 128, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public SetNonceFloor withTime(final long newTime)
    {
        return newTime == time ? this : new SetNonceFloor(newTime, account, subaccount, floor, nonce, signature);
    }

    /**
     * The same floor with a signature.
     *
     * @param newSignature the signature.
     * @return a copy.
     */
    public SetNonceFloor withSignature(final EcdsaSignature newSignature)
    {
        return new SetNonceFloor(time, account, subaccount, floor, nonce, newSignature);
    }

    @Override
    public CommandType<SetNonceFloor> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.setNonceFloor(this);
    }
}
