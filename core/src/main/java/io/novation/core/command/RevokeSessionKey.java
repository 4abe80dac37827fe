package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Owner-signed: revoke a session key at once; it signs nothing from this command on.
 *
 * @param time      sequencer time, epoch ms.
 * @param account   owner address.
 * @param key       the session key's address.
 * @param nonce     greater than the account's last nonce.
 * @param signature the owner's EIP-712 signature over {@code RevokeSessionKey}.
 */
public record RevokeSessionKey(long time, Address account, Address key, long nonce, EcdsaSignature signature)
    implements Command
{
    /** The descriptor: binary type id 61, JSON {@code revokeSessionKey}, role owner. */
    public static final CommandType<RevokeSessionKey> TYPE = CommandType.of(
        61, "revokeSessionKey", CommandRole.OWNER, RevokeSessionKey.class,
        "Owner-signed: revoke a session key immediately.",
        SessionCodecs.REVOKE_SESSION_KEY);

    /** The EIP-712 type of a key revocation. */
    public static final String EIP712_TYPE = "RevokeSessionKey(address account,address key,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the owner signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 4];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putAddress(words, 64, key.toBytes());
        Eip712.putUint256(words, 96, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public RevokeSessionKey withTime(final long newTime)
    {
        return newTime == time ? this : new RevokeSessionKey(newTime, account, key, nonce, signature);
    }

    /**
     * The same revocation with a signature.
     *
     * @param newSignature the signature.
     * @return a copy.
     */
    public RevokeSessionKey withSignature(final EcdsaSignature newSignature)
    {
        return new RevokeSessionKey(time, account, key, nonce, newSignature);
    }

    @Override
    public CommandType<RevokeSessionKey> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.revokeSessionKey(this);
    }
}
