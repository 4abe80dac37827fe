package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

import java.util.List;

/**
 * Signed by the owner or a session key with the cancel scope: 1 to {@value #MAX_ORDERS} orders of a subaccount, by
 * digest, never fill again; each cancel is kept until the order's expiry.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    owner address.
 * @param subaccount the subaccount whose orders are cancelled.
 * @param orders     the orders' digests and expiries.
 * @param nonce      greater than the account's last nonce.
 * @param signature  the signer's EIP-712 signature over {@code CancelOrders}.
 */
public record CancelOrders(long time, Address account, int subaccount, List<CancelledOrder> orders, long nonce,
    EcdsaSignature signature) implements Command
{
    /** Most orders one command cancels. */
    public static final int MAX_ORDERS = 100;

    /** The descriptor: binary type id 62, JSON {@code cancelOrders}, role owner. */
    public static final CommandType<CancelOrders> TYPE = CommandType.of(
        62, "cancelOrders", CommandRole.OWNER, CancelOrders.class,
        "Owner- or session-key-signed: cancel 1 to 100 signed orders of a subaccount by digest.",
        SessionCodecs.CANCEL_ORDERS);

    /** The EIP-712 type of a cancel. */
    public static final String EIP712_TYPE = "CancelOrders(address account,uint32 subaccount,bytes32[] orders," +
        "uint64[] expiries,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * A cancel; the list is copied.
     */
    public CancelOrders
    {
        orders = orders == null ? null : List.copyOf(orders);
    }

    /**
     * The EIP-712 digest the signer signs; each array is encoded as the hash of its words.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final List<CancelledOrder> listed = orders == null ? List.of() : orders;
        final byte[] digests = new byte[32 * listed.size()];
        final byte[] expiries = new byte[32 * listed.size()];
        for (int i = 0; i < listed.size(); i++)
        {
            Eip712.putBytes32(digests, 32 * i, listed.get(i).digest());
            Eip712.putUint256(expiries, 32 * i, listed.get(i).expiry());
        }
        final byte[] words = new byte[32 * 6];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, account.toBytes());
        Eip712.putUint256(words, 64, Integer.toUnsignedLong(subaccount));
        Eip712.putBytes32(words, 96, Keccak256.hash(digests));
        Eip712.putBytes32(words, 128, Keccak256.hash(expiries));
        Eip712.putUint256(words, 160, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    @Override
    public CancelOrders withTime(final long newTime)
    {
        return newTime == time ? this : new CancelOrders(newTime, account, subaccount, orders, nonce, signature);
    }

    /**
     * The same cancel with a signature.
     *
     * @param newSignature the signature.
     * @return a copy.
     */
    public CancelOrders withSignature(final EcdsaSignature newSignature)
    {
        return new CancelOrders(time, account, subaccount, orders, nonce, newSignature);
    }

    @Override
    public CommandType<CancelOrders> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.cancelOrders(this);
    }
}
