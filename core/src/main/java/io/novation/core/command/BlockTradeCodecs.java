package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of block trades: the maker's package (legs as a counted list), the taker's acceptance, the fees and
 * the broker, in record order.
 */
final class BlockTradeCodecs
{
    /** Most legs decoded, above the engine's limit so that an oversized package is journaled and rejected. */
    private static final int MAX_DECODED_LEGS = 255;

    static final CommandType.BinaryCodec<SettleBlockTrade> SETTLE_BLOCK_TRADE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SettleBlockTrade c, final BinaryWriter out)
        {
            final BlockPackage p = c.maker();
            out.putBoolean(p != null);
            if (p != null)
            {
                final List<BlockLeg> legs = p.legs() == null ? List.of() : p.legs();
                out.putAddress(p.maker()).putInt(p.subaccount()).putShort(legs.size());
                for (final BlockLeg leg : legs)
                {
                    out.putInt(leg.instrument()).putBoolean(leg.makerBuys()).putLong(leg.size()).putLong(leg.price());
                }
                out.putLong(p.maxFee()).putLong(p.nonce()).putLong(p.expiry()).putSignature(p.signature());
            }
            final BlockAcceptance a = c.taker();
            out.putBoolean(a != null);
            if (a != null)
            {
                final byte[] digest = a.packageDigest();
                out.putAddress(a.taker()).putInt(a.subaccount()).putBytes(digest == null ? new byte[32] : digest, 0,
                    32).putLong(a.maxFee()).putAddress(a.broker()).putInt(a.brokerSubaccount()).putLong(a.brokerFee())
                    .putLong(a.nonce()).putLong(a.expiry()).putSignature(a.signature());
            }
            out.putLong(c.makerFee()).putLong(c.takerFee()).putAddress(c.broker()).putInt(c.brokerSubaccount())
                .putLong(c.brokerFee());
        }

        @Override
        public SettleBlockTrade decode(final long time, final BinaryReader in)
        {
            BlockPackage p = null;
            if (in.getBoolean())
            {
                final io.novation.core.account.Address maker = in.getAddress();
                final int subaccount = in.getInt();
                final int count = in.getUnsignedShort();
                if (count > MAX_DECODED_LEGS)
                {
                    throw new CodecException("a package of " + count + " legs is longer than " + MAX_DECODED_LEGS);
                }
                final List<BlockLeg> legs = new ArrayList<>(count);
                for (int i = 0; i < count; i++)
                {
                    legs.add(new BlockLeg(in.getInt(), in.getBoolean(), in.getLong(), in.getLong()));
                }
                p = new BlockPackage(maker, subaccount, legs, in.getLong(), in.getLong(), in.getLong(),
                    in.getSignature());
            }
            BlockAcceptance a = null;
            if (in.getBoolean())
            {
                a = new BlockAcceptance(in.getAddress(), in.getInt(), in.getBytes(32), in.getLong(), in.getAddress(),
                    in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getSignature());
            }
            return new SettleBlockTrade(time, p, a, in.getLong(), in.getLong(), in.getAddress(), in.getInt(),
                in.getLong());
        }
    };

    private BlockTradeCodecs()
    {
    }
}
