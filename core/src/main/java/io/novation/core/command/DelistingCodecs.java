package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the delisting and insurance-treasury commands (fields in record order).
 */
final class DelistingCodecs
{
    static final CommandType.BinaryCodec<SettleMarket> SETTLE_MARKET = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SettleMarket c, final BinaryWriter out)
        {
            out.putInt(c.marketId()).putLong(c.settlementTime());
        }

        @Override
        public SettleMarket decode(final long time, final BinaryReader in)
        {
            return new SettleMarket(time, in.getInt(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<FundInsurance> FUND_INSURANCE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final FundInsurance c, final BinaryWriter out)
        {
            out.putInt(c.fundMarketId()).putLong(c.amount());
        }

        @Override
        public FundInsurance decode(final long time, final BinaryReader in)
        {
            return new FundInsurance(time, in.getInt(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<WithdrawInsurance> WITHDRAW_INSURANCE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final WithdrawInsurance c, final BinaryWriter out)
        {
            out.putInt(c.fundMarketId()).putLong(c.amount());
        }

        @Override
        public WithdrawInsurance decode(final long time, final BinaryReader in)
        {
            return new WithdrawInsurance(time, in.getInt(), in.getLong());
        }
    };

    private DelistingCodecs()
    {
    }
}
