package io.novation.core.governance;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

/**
 * The binary encoding of a risk parameter change: its kind's tag (one byte) then the kind's fields
 * ({@link RiskParameterChange#encode}), shared by the command codec, the snapshot and the state commitment.
 */
public final class RiskParameterChanges
{
    private RiskParameterChanges()
    {
    }

    /**
     * Writes a change with its tag.
     *
     * @param change the change.
     * @param out    the writer.
     */
    public static void write(final RiskParameterChange change, final BinaryWriter out)
    {
        out.putByte(change.tag());
        change.encode(out);
    }

    /**
     * Reads a change written by {@link #write}.
     *
     * @param in the reader.
     * @return the change.
     * @throws CodecException when the tag names no kind.
     */
    public static RiskParameterChange read(final BinaryReader in)
    {
        final int tag = in.getUnsignedByte();
        return switch (tag)
        {
            case LiquidityTierChange.TAG -> new LiquidityTierChange(in.getInt(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong());
            case MarketFeesChange.TAG -> new MarketFeesChange(in.getInt(), in.getLong(), in.getLong());
            case MarginControllerBoundsChange.TAG -> MarginControllerBoundsChange.read(in);
            case DepthPenaltyBoundsChange.TAG -> DepthPenaltyBoundsChange.read(in);
            default -> throw new CodecException("unknown risk parameter change kind " + tag);
        };
    }
}
