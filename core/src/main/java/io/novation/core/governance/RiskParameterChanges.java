package io.novation.core.governance;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;

/**
 * The binary encoding of a risk parameter change: its kind's tag (one byte) then the kind's fields
 * ({@link RiskParameterChange#encode}), shared by the command codec, the snapshot and the state commitment.
 */
public final class RiskParameterChanges
{
    private RiskParameterChanges()
    {
    }

    /** The tag of no change (a command without one, which the engine rejects). */
    public static final int NONE = 0;

    /**
     * Writes a change with its tag.
     *
     * @param change the change, or null (tag {@link #NONE}).
     * @param out    the writer.
     */
    public static void write(final RiskParameterChange change, final BinaryWriter out)
    {
        if (change == null)
        {
            out.putByte(NONE);
            return;
        }
        out.putByte(change.tag());
        change.encode(out);
    }

    /**
     * Reads a change written by {@link #write}.
     *
     * @param in the reader.
     * @return the change, or null for tag {@link #NONE}.
     * @throws CodecException when the tag names no kind.
     */
    public static RiskParameterChange read(final BinaryReader in)
    {
        final int tag = in.getUnsignedByte();
        return switch (tag)
        {
            case NONE -> null;
            case LiquidityTierChange.TAG -> new LiquidityTierChange(in.getInt(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong());
            case MarketFeesChange.TAG -> new MarketFeesChange(in.getInt(), in.getLong(), in.getLong());
            case PositionCapsChange.TAG -> new PositionCapsChange(in.getInt(), in.getLong(), in.getLong());
            case LiquidationTermsChange.TAG -> new LiquidationTermsChange(in.getInt(), new LiquidationTerms(
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
            case AssetWeightsChange.TAG -> new AssetWeightsChange(in.getInt(), in.getLong(), in.getLong());
            case OracleParametersChange.TAG -> readOracleParameters(in);
            case PublisherAddition.TAG -> new PublisherAddition(in.getInt(), in.getAddress());
            case PublisherRemoval.TAG -> new PublisherRemoval(in.getInt(), in.getAddress());
            case GovernanceKeyRotation.TAG -> new GovernanceKeyRotation(in.getAddress());
            case BridgeKeyRotation.TAG -> new BridgeKeyRotation(in.getAddress());
            case MarginControllerBoundsChange.TAG -> MarginControllerBoundsChange.read(in);
            case DepthPenaltyBoundsChange.TAG -> DepthPenaltyBoundsChange.read(in);
            case FundingParametersChange.TAG -> readFundingParameters(in);
            case VolSurfaceParametersChange.TAG -> readVolSurfaceParameters(in);
            default -> throw new CodecException("unknown risk parameter change kind " + tag);
        };
    }

    private static FundingParametersChange readFundingParameters(final BinaryReader in)
    {
        final int marketId = in.getInt();
        final int mode = in.getUnsignedByte();
        if (mode >= FundingMode.values().length)
        {
            throw new CodecException("unknown funding mode " + mode);
        }
        try
        {
            return new FundingParametersChange(marketId, new FundingParameters(FundingMode.values()[mode],
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid funding parameters: " + ex.getMessage());
        }
    }

    private static VolSurfaceParametersChange readVolSurfaceParameters(final BinaryReader in)
    {
        final int oracleId = in.getInt();
        try
        {
            return new VolSurfaceParametersChange(oracleId, new VolSurfaceParameters(in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid surface parameters: " + ex.getMessage());
        }
    }

    private static OracleParametersChange readOracleParameters(final BinaryReader in)
    {
        final int oracleId = in.getInt();
        try
        {
            return new OracleParametersChange(oracleId, new OracleParameters(in.getInt(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getLong()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid oracle parameters: " + ex.getMessage());
        }
    }
}
