package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

import java.util.List;

/**
 * Owner-signed: delegate a session key that may sign, as the owner, what its scope allows (trade, cancel, transfer
 * between the owner's subaccounts) for the subaccounts listed (none: all) until its expiry.
 *
 * @param time        sequencer time, epoch ms.
 * @param account     owner address.
 * @param key         the session key's address.
 * @param scope       scope bits ({@code SessionKey.TRADE | CANCEL | TRANSFER}).
 * @param subaccounts subaccount numbers the key acts for, empty for all.
 * @param expiry      epoch ms from which the key no longer signs; at most 30 days after {@code time}.
 * @param nonce       greater than the account's last nonce.
 * @param signature   the owner's EIP-712 signature over {@code RegisterSessionKey}.
 */
public record RegisterSessionKey(long time, Address account, Address key, int scope, List<Integer> subaccounts,
    long expiry, long nonce, EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 60, JSON {@code registerSessionKey}, role owner. */
    public static final CommandType<RegisterSessionKey> TYPE = CommandType.of(
        60, "registerSessionKey", CommandRole.OWNER, RegisterSessionKey.class,
        "Owner-signed: delegate a scoped, expiring session key.",
        SessionCodecs.REGISTER_SESSION_KEY);

    /** The EIP-712 type of a key registration. */
    public static final String EIP712_TYPE = "RegisterSessionKey(address account,address key,uint32 scope," +
        "uint32[] subaccounts,uint64 expiry,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * A registration; the subaccount list is copied.
     */
    public RegisterSessionKey
    {
        subaccounts = subaccounts == null ? null : List.copyOf(subaccounts);
    }

    /**
     * The EIP-712 digest the owner signs; the subaccount array is encoded as the hash of its {@code uint256} words.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 7];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putAddress(words, 64, key.toBytes());
        Eip712.putUint256(words, 96, Integer.toUnsignedLong(scope));
        final List<Integer> listed = subaccounts == null ? List.of() : subaccounts;
        final byte[] array = new byte[32 * listed.size()];
        for (int i = 0; i < listed.size(); i++)
        {
            Eip712.putUint256(array, 32 * i, Integer.toUnsignedLong(listed.get(i)));
        }
        Eip712.putBytes32(words, 128, Keccak256.hash(array));
        Eip712.putUint256(words, 160, expiry);
        Eip712.putUint256(words, 192, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public RegisterSessionKey withTime(final long newTime)
    {
        return newTime == time ? this :
            new RegisterSessionKey(newTime, account, key, scope, subaccounts, expiry, nonce, signature);
    }

    /**
     * The same registration with a signature.
     *
     * @param newSignature the signature.
     * @return a copy.
     */
    public RegisterSessionKey withSignature(final EcdsaSignature newSignature)
    {
        return new RegisterSessionKey(time, account, key, scope, subaccounts, expiry, nonce, newSignature);
    }

    @Override
    public CommandType<RegisterSessionKey> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.registerSessionKey(this);
    }
}
