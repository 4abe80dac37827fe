package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidityTier;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;

import java.util.List;

/**
 * The binary encoding of commands, for the journal and for signing envelopes: a frame of a version byte, the type's
 * binary id ({@link CommandType#id()}) and the command's time (epoch ms, 8 bytes), then the fields its descriptor's
 * codec writes, in record order, big-endian, in the engine's units (quantums, price units, ppm). Every reference
 * field may be null (a presence byte, or a length of 0xFFFF for strings), so that a command the engine rejects for a
 * missing field is journaled as it was sequenced. Version 1 is described in docs/protocol.md; a later version adds a
 * new number and keeps decoding the old ones.
 */
public final class CommandCodec
{
    /** The version this codec writes. */
    public static final int VERSION = 1;

    /** The time argument of {@link #decode(BinaryReader, OrderReader, long)} that keeps the frame's time. */
    public static final long FRAME_TIME = Long.MIN_VALUE;

    private CommandCodec()
    {
    }

    /**
     * Encodes a command at the writer's position.
     *
     * @param command the command, not null.
     * @param out     receives the encoding.
     */
    public static void encode(final Command command, final BinaryWriter out)
    {
        final CommandType<?> type = command.type();
        out.putByte(VERSION).putByte(type.id()).putLong(command.time());
        type.encodeCommand(command, out);
    }

    /**
     * Encodes a command into a new array.
     *
     * @param command the command.
     * @return its encoding.
     */
    public static byte[] encode(final Command command)
    {
        final BinaryWriter out = new BinaryWriter(256);
        encode(command, out);
        return out.toBytes();
    }

    /**
     * Decodes one command that fills the whole array.
     *
     * @param bytes the encoding.
     * @return the command.
     * @throws CodecException when malformed.
     */
    public static Command decode(final byte[] bytes)
    {
        final BinaryReader in = new BinaryReader(bytes);
        final Command command = decode(in);
        if (in.remaining() != 0)
        {
            throw new CodecException(in.remaining() + " bytes after the command");
        }
        return command;
    }

    /**
     * Decodes one command at the reader's position.
     *
     * @param in the reader.
     * @return the command.
     * @throws CodecException when malformed.
     */
    public static Command decode(final BinaryReader in)
    {
        return decode(in, OrderReader.FRESH, FRAME_TIME);
    }

    /**
     * Decodes one command at the reader's position, its signed orders read through an {@link OrderReader} (which
     * may give equal orders decoded before), and with a given time in place of the frame's: a sequencer that will
     * stamp the command with that time anyway (it ignores the time of a command without an explicit one) then has
     * nothing to copy.
     *
     * @param in     the reader.
     * @param orders reads the command's orders.
     * @param time   the time to give the command, epoch ms, or {@link #FRAME_TIME} for the frame's.
     * @return the command.
     * @throws CodecException when malformed.
     */
    public static Command decode(final BinaryReader in, final OrderReader orders, final long time)
    {
        final int version = in.getUnsignedByte();
        if (version != VERSION)
        {
            throw new CodecException("unknown command encoding version " + version);
        }
        final int typeId = in.getUnsignedByte();
        final long frameTime = in.getLong();
        final CommandType<?> type = CommandTypes.byId(typeId);
        if (type == null)
        {
            throw new CodecException("unknown command type " + typeId);
        }
        try
        {
            return type.decode(typeId, time == FRAME_TIME ? frameTime : time, in, orders);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid value in command type " + typeId + ": " + ex.getMessage());
        }
    }

    /**
     * Whether the command at the reader's position is a {@code settleTrade} under its own type id, which
     * {@link #decodeFill} reads; moves nothing.
     *
     * @param in the reader.
     * @return true for a fill's frame.
     */
    public static boolean isFill(final BinaryReader in)
    {
        return in.remaining() >= 2 && (in.buffer()[in.position() + 1] & 0xFF) == SettleTrade.TYPE.id();
    }

    /**
     * Decodes a {@code settleTrade} at the reader's position into a holder, without a record: the bytes and the
     * errors of {@link #decode(BinaryReader, OrderReader, long)}, the fields it would give the record.
     *
     * @param in     the reader, at a frame {@link #isFill} accepts.
     * @param orders reads the fill's orders.
     * @param time   the time to give the fill, epoch ms, or {@link #FRAME_TIME} for the frame's.
     * @param into   receives the fields.
     * @return {@code into}.
     * @throws CodecException when malformed, or not a fill.
     */
    public static FillParts decodeFill(final BinaryReader in, final OrderReader orders, final long time,
        final FillParts into)
    {
        final int version = in.getUnsignedByte();
        if (version != VERSION)
        {
            throw new CodecException("unknown command encoding version " + version);
        }
        final int typeId = in.getUnsignedByte();
        final long frameTime = in.getLong();
        if (typeId != SettleTrade.TYPE.id())
        {
            throw new CodecException("type " + typeId + " is not a fill");
        }
        try
        {
            return TradingCodecs.decodeFill(time == FRAME_TIME ? frameTime : time, in, orders, into);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid value in command type " + typeId + ": " + ex.getMessage());
        }
    }

    /**
     * Encodes a {@code settleTrade} from its fields at the writer's position: the bytes {@link #encode(Command,
     * BinaryWriter)} writes for the record of the same fields.
     *
     * @param out       receives the encoding.
     * @param time      the fill's time, epoch ms.
     * @param marketId  the market.
     * @param maker     the maker order, or null.
     * @param taker     the taker order, or null.
     * @param fillSize  base quantums.
     * @param fillPrice price units.
     */
    public static void encodeFill(final BinaryWriter out, final long time, final int marketId, final Order maker,
        final Order taker, final long fillSize, final long fillPrice)
    {
        out.putByte(VERSION).putByte(SettleTrade.TYPE.id()).putLong(time);
        TradingCodecs.encodeFill(out, marketId, maker, taker, fillSize, fillPrice);
    }

    /**
     * Writes a batch header ({@link CommandFields#putHeader}).
     *
     * @param out    the writer.
     * @param header the header, or null.
     */
    public static void putHeader(final BinaryWriter out, final BatchHeader header)
    {
        CommandFields.putHeader(out, header);
    }

    /**
     * Reads a batch header written by {@link #putHeader}.
     *
     * @param in the reader.
     * @return the header, or null.
     */
    public static BatchHeader getHeader(final BinaryReader in)
    {
        return CommandFields.getHeader(in);
    }

    /**
     * Writes funding parameters as a command does; also used by snapshots.
     *
     * @param out        the writer.
     * @param parameters the parameters, or null.
     */
    public static void putFundingParameters(final BinaryWriter out, final FundingParameters parameters)
    {
        CommandFields.putFundingParameters(out, parameters);
    }

    /**
     * Reads funding parameters written by {@link #putFundingParameters}; also used by snapshots.
     *
     * @param in the reader.
     * @return the parameters, or null.
     */
    public static FundingParameters getFundingParameters(final BinaryReader in)
    {
        return CommandFields.getFundingParameters(in);
    }

    /**
     * Writes the slices of a volatility surface as a command does; also used by snapshots.
     *
     * @param out    the writer.
     * @param slices the slices, may be null.
     */
    public static void putSlices(final BinaryWriter out, final List<OracleVolSurface.Slice> slices)
    {
        CommandFields.putSlices(out, slices);
    }

    /**
     * Reads what {@link #putSlices} wrote.
     *
     * @param in the reader.
     * @return the slices, or null.
     */
    public static List<OracleVolSurface.Slice> getSlices(final BinaryReader in)
    {
        return CommandFields.getSlices(in);
    }

    /**
     * Oracle parameters as a command writes them; shared with the snapshot codec.
     *
     * @param out        the writer.
     * @param parameters the parameters, may be null.
     */
    public static void putOracleParameters(final BinaryWriter out, final OracleParameters parameters)
    {
        CommandFields.putOracleParameters(out, parameters);
    }

    /**
     * Reads what {@link #putOracleParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters or null.
     */
    public static OracleParameters getOracleParameters(final BinaryReader in)
    {
        return CommandFields.getOracleParameters(in);
    }

    /**
     * A liquidity tier as a command writes it; shared with the snapshot codec.
     *
     * @param out  the writer.
     * @param tier the tier, may be null.
     */
    public static void putLiquidityTier(final BinaryWriter out, final LiquidityTier tier)
    {
        CommandFields.putTier(out, tier);
    }

    /**
     * Reads what {@link #putLiquidityTier} wrote.
     *
     * @param in the reader.
     * @return the tier or null.
     */
    public static LiquidityTier getLiquidityTier(final BinaryReader in)
    {
        return CommandFields.getTier(in);
    }

    /**
     * Volatility-surface parameters as a command writes them; shared with the snapshot codec.
     *
     * @param out        the writer.
     * @param parameters the parameters, may be null.
     */
    public static void putVolSurfaceParameters(final BinaryWriter out, final VolSurfaceParameters parameters)
    {
        CommandFields.putVolSurfaceParameters(out, parameters);
    }

    /**
     * Reads what {@link #putVolSurfaceParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters or null.
     * @throws IllegalArgumentException when they are out of range.
     */
    public static VolSurfaceParameters getVolSurfaceParameters(final BinaryReader in)
    {
        return CommandFields.getVolSurfaceParameters(in);
    }
}
