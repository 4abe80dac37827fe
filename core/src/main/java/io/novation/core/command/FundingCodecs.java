package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the funding commands: premium samples, ticks and parameters (fields in record order).
 */
final class FundingCodecs
{
    static final CommandType.BinaryCodec<FundingSample> FUNDING_SAMPLE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final FundingSample c, final BinaryWriter out)
        {
            out.putInt(c.marketId()).putLong(c.impactBidPrice()).putLong(c.impactAskPrice());
        }

        @Override
        public FundingSample decode(final long time, final BinaryReader in)
        {
            return new FundingSample(time, in.getInt(), in.getLong(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<FundingTick> FUNDING_TICK = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final FundingTick c, final BinaryWriter out)
        {
            out.putInt(c.marketId()).putBoolean(c.rateReported()).putLong(c.rate8hPpb());
        }

        @Override
        public FundingTick decode(final long time, final BinaryReader in)
        {
            return new FundingTick(time, in.getInt(), in.getBoolean(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<SetFundingParameters> SET_FUNDING_PARAMETERS =
        new CommandType.BinaryCodec<>()
        {
            @Override
            public void encode(final SetFundingParameters c, final BinaryWriter out)
            {
                out.putInt(c.marketId());
                CommandFields.putFundingParameters(out, c.parameters());
            }

            @Override
            public SetFundingParameters decode(final long time, final BinaryReader in)
            {
                return new SetFundingParameters(time, in.getInt(), CommandFields.getFundingParameters(in));
            }
        };

    private FundingCodecs()
    {
    }
}
