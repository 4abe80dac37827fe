package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary codecs of session keys and cancels (fields in record order; a list is a 2-byte count and its items, a
 * missing list is written empty).
 */
final class SessionCodecs
{
    /** Most items a decoded list may announce: more than any valid command holds, fewer than a forged count. */
    private static final int MAX_DECODED_ITEMS = 1_024;

    static final CommandType.BinaryCodec<RegisterSessionKey> REGISTER_SESSION_KEY = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final RegisterSessionKey c, final BinaryWriter out)
        {
            final List<Integer> subaccounts = c.subaccounts() == null ? List.of() : c.subaccounts();
            out.putAddress(c.account()).putAddress(c.key()).putInt(c.scope()).putShort(subaccounts.size());
            for (final int subaccount : subaccounts)
            {
                out.putInt(subaccount);
            }
            out.putLong(c.expiry()).putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public RegisterSessionKey decode(final long time, final BinaryReader in)
        {
            final io.novation.core.account.Address account = in.getAddress();
            final io.novation.core.account.Address key = in.getAddress();
            final int scope = in.getInt();
            final int count = count(in);
            final List<Integer> subaccounts = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                subaccounts.add(in.getInt());
            }
            return new RegisterSessionKey(time, account, key, scope, subaccounts, in.getLong(), in.getLong(),
                in.getSignature());
        }
    };

    static final CommandType.BinaryCodec<RevokeSessionKey> REVOKE_SESSION_KEY = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final RevokeSessionKey c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putAddress(c.key()).putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public RevokeSessionKey decode(final long time, final BinaryReader in)
        {
            return new RevokeSessionKey(time, in.getAddress(), in.getAddress(), in.getLong(), in.getSignature());
        }
    };

    static final CommandType.BinaryCodec<CancelOrders> CANCEL_ORDERS = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final CancelOrders c, final BinaryWriter out)
        {
            final List<CancelledOrder> orders = c.orders() == null ? List.of() : c.orders();
            out.putAddress(c.account()).putInt(c.subaccount()).putShort(orders.size());
            for (final CancelledOrder order : orders)
            {
                out.putBytes(order.digest(), 0, 32).putLong(order.expiry());
            }
            out.putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public CancelOrders decode(final long time, final BinaryReader in)
        {
            final io.novation.core.account.Address account = in.getAddress();
            final int subaccount = in.getInt();
            final int count = count(in);
            final List<CancelledOrder> orders = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                orders.add(CancelledOrder.of(in.getBytes(32), in.getLong()));
            }
            return new CancelOrders(time, account, subaccount, orders, in.getLong(), in.getSignature());
        }
    };

    static final CommandType.BinaryCodec<SetNonceFloor> SET_NONCE_FLOOR = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetNonceFloor c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putLong(c.floor()).putLong(c.nonce())
                .putSignature(c.signature());
        }

        @Override
        public SetNonceFloor decode(final long time, final BinaryReader in)
        {
            return new SetNonceFloor(time, in.getAddress(), in.getInt(), in.getLong(), in.getLong(),
                in.getSignature());
        }
    };

    private SessionCodecs()
    {
    }

    private static int count(final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        if (count > MAX_DECODED_ITEMS)
        {
            throw new CodecException("a list of " + count + " items is longer than " + MAX_DECODED_ITEMS);
        }
        return count;
    }
}
