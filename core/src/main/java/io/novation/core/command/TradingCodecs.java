package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the trading commands: trade settlement (two signed orders) and keeper liquidations (fields in
 * record order).
 */
final class TradingCodecs
{
    static final CommandType.BinaryCodec<SettleTrade> SETTLE_TRADE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SettleTrade c, final BinaryWriter out)
        {
            encodeFill(out, c.marketId(), c.maker(), c.taker(), c.fillSize(), c.fillPrice());
        }

        @Override
        public SettleTrade decode(final long time, final BinaryReader in)
        {
            return decode(time, in, OrderReader.FRESH);
        }

        @Override
        public SettleTrade decode(final long time, final BinaryReader in, final OrderReader orders)
        {
            return decodeFill(time, in, orders, new FillParts()).toCommand();
        }
    };

    /**
     * Writes a fill's fields after its frame: what {@link #SETTLE_TRADE} writes for a record.
     *
     * @param out       the writer.
     * @param marketId  the market.
     * @param maker     the maker order, or null.
     * @param taker     the taker order, or null.
     * @param fillSize  base quantums.
     * @param fillPrice price units.
     */
    static void encodeFill(final BinaryWriter out, final int marketId, final Order maker, final Order taker,
        final long fillSize, final long fillPrice)
    {
        out.putInt(marketId);
        CommandFields.putOrder(out, maker);
        CommandFields.putOrder(out, taker);
        out.putLong(fillSize).putLong(fillPrice);
    }

    /**
     * Reads a fill's fields after its frame into a holder: what {@link #SETTLE_TRADE} reads for a record.
     *
     * @param time   the command's time, epoch ms.
     * @param in     positioned after the frame.
     * @param orders reads the two orders.
     * @param into   receives the fields.
     * @return {@code into}.
     */
    static FillParts decodeFill(final long time, final BinaryReader in, final OrderReader orders,
        final FillParts into)
    {
        final int marketId = in.getInt();
        final Order maker = orders.read(in);
        final Order taker = orders.read(in);
        final long fillSize = in.getLong();
        return into.set(time, marketId, maker, taker, fillSize, in.getLong());
    }

    static final CommandType.BinaryCodec<Liquidate> LIQUIDATE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final Liquidate c, final BinaryWriter out)
        {
            out.putAddress(c.keeper()).putInt(c.keeperSubaccount()).putAddress(c.target()).putInt(c.targetSubaccount())
                .putInt(c.marketId()).putLong(c.size()).putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public Liquidate decode(final long time, final BinaryReader in)
        {
            return new Liquidate(time, in.getAddress(), in.getInt(), in.getAddress(), in.getInt(), in.getInt(),
                in.getLong(), in.getLong(), in.getSignature());
        }
    };

    private TradingCodecs()
    {
    }
}
