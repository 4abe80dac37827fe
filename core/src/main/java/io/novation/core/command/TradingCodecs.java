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
            out.putInt(c.marketId());
            CommandFields.putOrder(out, c.maker());
            CommandFields.putOrder(out, c.taker());
            out.putLong(c.fillSize()).putLong(c.fillPrice());
        }

        @Override
        public SettleTrade decode(final long time, final BinaryReader in)
        {
            return decode(time, in, OrderReader.FRESH);
        }

        @Override
        public SettleTrade decode(final long time, final BinaryReader in, final OrderReader orders)
        {
            return new SettleTrade(time, in.getInt(), orders.read(in), orders.read(in), in.getLong(), in.getLong());
        }
    };

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
