package io.novation.core.governance;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.market.DepthPenaltyBounds;

/**
 * A perpetual market's depth-penalty bounds (ppm caps of the spread ratio and the insurance fee, the oldest depth
 * report used in ms), or null to liquidate with the static parameters only (docs/protocol.md, "Risk that follows the
 * market"). The penalty only ever adds to the static one, so turning it on tightens; lower caps, an older report
 * accepted or turning it off loosen.
 *
 * @param marketId the perpetual market.
 * @param bounds   the bounds, or null for off.
 */
public record DepthPenaltyBoundsChange(int marketId, DepthPenaltyBounds bounds) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 17;
    /** The JSON kind. */
    public static final String KIND = "depthPenaltyBounds";

    @Override
    public int tag()
    {
        return TAG;
    }

    @Override
    public String kind()
    {
        return KIND;
    }

    @Override
    public ChangeCheck check(final GovernedBooks books)
    {
        if (books.markets().perpetual(marketId) == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_MARKET, "no perpetual market " + marketId);
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final DepthPenaltyBounds current = books.depthPenaltyBounds(marketId);
        if (bounds == null || current == null)
        {
            return bounds == null && current != null;
        }
        return bounds.maxSpreadRatioPpm() < current.maxSpreadRatioPpm() || bounds.maxFeePpm() < current.maxFeePpm() ||
            bounds.maxDepthAgeMs() > current.maxDepthAgeMs();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.depthPenaltyBounds(marketId, bounds);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(marketId);
        if (bounds == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putLong(bounds.maxSpreadRatioPpm()).putLong(bounds.maxFeePpm()).putLong(bounds.maxDepthAgeMs());
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @param in the reader.
     * @return the change.
     */
    static DepthPenaltyBoundsChange read(final BinaryReader in)
    {
        final int marketId = in.getInt();
        if (!in.getBoolean())
        {
            return new DepthPenaltyBoundsChange(marketId, null);
        }
        try
        {
            return new DepthPenaltyBoundsChange(marketId, new DepthPenaltyBounds(in.getLong(), in.getLong(),
                in.getLong()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid depth-penalty bounds: " + ex.getMessage());
        }
    }
}
