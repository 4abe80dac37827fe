package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the governance commands that configure assets and instruments (fields in record order; see
 * {@link CommandFields} for the shared values).
 */
final class ConfigurationCodecs
{
    static final CommandType.BinaryCodec<CreateAsset> CREATE_ASSET = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final CreateAsset c, final BinaryWriter out)
        {
            out.putInt(c.assetId()).putString(c.symbol()).putInt(c.decimals()).putString(c.oracle())
                .putInt(c.priceExponent()).putLong(c.initialWeightPpm()).putLong(c.maintenanceWeightPpm());
        }

        @Override
        public CreateAsset decode(final long time, final BinaryReader in)
        {
            return new CreateAsset(time, in.getInt(), in.getString(), in.getInt(), in.getString(), in.getInt(),
                in.getLong(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<CreatePerpetual> CREATE_PERPETUAL = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final CreatePerpetual c, final BinaryWriter out)
        {
            out.putInt(c.marketId()).putString(c.ticker()).putString(c.oracle()).putInt(c.priceExponent())
                .putInt(c.atomicResolution()).putLong(c.tickSize()).putLong(c.stepSize());
            CommandFields.putTier(out, c.liquidityTier());
            out.putLong(c.makerFeePpm()).putLong(c.takerFeePpm());
            CommandFields.putStatus(out, c.status());
        }

        @Override
        public CreatePerpetual decode(final long time, final BinaryReader in)
        {
            return new CreatePerpetual(time, in.getInt(), in.getString(), in.getString(), in.getInt(), in.getInt(),
                in.getLong(), in.getLong(), CommandFields.getTier(in), in.getLong(), in.getLong(),
                CommandFields.getStatus(in));
        }
    };

    static final CommandType.BinaryCodec<SetMarketStatus> SET_MARKET_STATUS = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetMarketStatus c, final BinaryWriter out)
        {
            out.putInt(c.marketId());
            CommandFields.putStatus(out, c.status());
        }

        @Override
        public SetMarketStatus decode(final long time, final BinaryReader in)
        {
            return new SetMarketStatus(time, in.getInt(), CommandFields.getStatus(in));
        }
    };

    static final CommandType.BinaryCodec<CreateOptionSeries> CREATE_OPTION_SERIES = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final CreateOptionSeries c, final BinaryWriter out)
        {
            out.putInt(c.seriesId()).putString(c.ticker()).putInt(c.oracleId()).putLong(c.strike())
                .putLong(c.expiry());
            CommandFields.putOptionType(out, c.optionType());
            out.putInt(c.atomicResolution()).putLong(c.tickSize()).putLong(c.stepSize()).putLong(c.makerFeePpm())
                .putLong(c.takerFeePpm());
            CommandFields.putStatus(out, c.status());
        }

        @Override
        public CreateOptionSeries decode(final long time, final BinaryReader in)
        {
            return new CreateOptionSeries(time, in.getInt(), in.getString(), in.getInt(), in.getLong(), in.getLong(),
                CommandFields.getOptionType(in), in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                CommandFields.getStatus(in));
        }
    };

    private ConfigurationCodecs()
    {
    }
}
