package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the oracle commands: publisher registration, parameters, price rounds and volatility surfaces
 * (fields in record order; see {@link CommandFields} for the shared values).
 */
final class OracleCodecs
{
    static final CommandType.BinaryCodec<RegisterOraclePublisher> REGISTER_ORACLE_PUBLISHER =
        new CommandType.BinaryCodec<>()
        {
            @Override
            public void encode(final RegisterOraclePublisher c, final BinaryWriter out)
            {
                out.putInt(c.oracleId()).putAddress(c.publisher());
            }

            @Override
            public RegisterOraclePublisher decode(final long time, final BinaryReader in)
            {
                return new RegisterOraclePublisher(time, in.getInt(), in.getAddress());
            }
        };

    static final CommandType.BinaryCodec<SetOracleParameters> SET_ORACLE_PARAMETERS = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetOracleParameters c, final BinaryWriter out)
        {
            out.putInt(c.oracleId());
            CommandFields.putOracleParameters(out, c.parameters());
        }

        @Override
        public SetOracleParameters decode(final long time, final BinaryReader in)
        {
            return new SetOracleParameters(time, in.getInt(), CommandFields.getOracleParameters(in));
        }
    };

    static final CommandType.BinaryCodec<OraclePrice> ORACLE_PRICE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final OraclePrice c, final BinaryWriter out)
        {
            out.putInt(c.oracleId());
            CommandFields.putReports(out, c.reports());
        }

        @Override
        public OraclePrice decode(final long time, final BinaryReader in)
        {
            return new OraclePrice(time, in.getInt(), CommandFields.getReports(in));
        }
    };

    static final CommandType.BinaryCodec<OracleVolSurface> ORACLE_VOL_SURFACE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final OracleVolSurface c, final BinaryWriter out)
        {
            out.putInt(c.oracleId()).putLong(c.publishedAt());
            CommandFields.putSlices(out, c.slices());
            out.putAddress(c.publisher()).putSignature(c.signature());
        }

        @Override
        public OracleVolSurface decode(final long time, final BinaryReader in)
        {
            return new OracleVolSurface(time, in.getInt(), in.getLong(), CommandFields.getSlices(in),
                in.getAddress(), in.getSignature());
        }
    };

    /**
     * The governance-authorized, unsigned surface of before publisher signatures (binary type id 16): still decoded
     * (publishedAt = its time, no publisher, no signature), so that an older journal stays readable; the engine
     * refuses it.
     */
    static final CommandType.BinaryDecoder<OracleVolSurface> ORACLE_VOL_SURFACE_UNSIGNED =
        (time, in) -> new OracleVolSurface(time, in.getInt(), time, CommandFields.getSlices(in), null, null);

    static final CommandType.BinaryCodec<SetVolSurfaceParameters> SET_VOL_SURFACE_PARAMETERS =
        new CommandType.BinaryCodec<>()
        {
            @Override
            public void encode(final SetVolSurfaceParameters c, final BinaryWriter out)
            {
                out.putInt(c.oracleId());
                CommandFields.putVolSurfaceParameters(out, c.parameters());
            }

            @Override
            public SetVolSurfaceParameters decode(final long time, final BinaryReader in)
            {
                return new SetVolSurfaceParameters(time, in.getInt(), CommandFields.getVolSurfaceParameters(in));
            }
        };

    private OracleCodecs()
    {
    }
}
