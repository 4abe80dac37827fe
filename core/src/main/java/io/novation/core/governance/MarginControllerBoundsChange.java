package io.novation.core.governance;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.market.PerpetualMarket;

/**
 * A perpetual market's margin-controller bounds (initial margin fractions in ppm, times in ms), or null to turn the
 * controller off and return the market to its own tier (docs/protocol.md, "Risk that follows the market"). The
 * market's initial margin fraction in effect must lie within new bounds. The change loosens when it lets the margin
 * fall lower, rise less, move faster or cut sooner, or turns the controller off.
 *
 * @param marketId the perpetual market.
 * @param bounds   the bounds, or null for off.
 */
public record MarginControllerBoundsChange(int marketId, MarginControllerBounds bounds) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 16;
    /** The JSON kind. */
    public static final String KIND = "marginControllerBounds";

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
        final PerpetualMarket market = books.markets().perpetual(marketId);
        if (market == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_MARKET, "no perpetual market " + marketId);
        }
        final long imf = market.liquidityTier().initialMarginPpm();
        if (bounds != null && (imf < bounds.minImfPpm() || imf > bounds.maxImfPpm()))
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, market.ticker() + "'s initial margin fraction " +
                imf + " ppm is outside the bounds [" + bounds.minImfPpm() + ", " + bounds.maxImfPpm() + "]");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final PerpetualMarket market = books.markets().perpetual(marketId);
        final MarginControllerBounds current = books.marginControllerBounds(marketId);
        if (bounds == null)
        {
            return current != null;
        }
        if (current == null)
        {
            return bounds.minImfPpm() < market.liquidityTier().initialMarginPpm();
        }
        return bounds.minImfPpm() < current.minImfPpm() || bounds.maxImfPpm() < current.maxImfPpm() ||
            bounds.maxStepPpm() > current.maxStepPpm() || bounds.minIntervalMs() < current.minIntervalMs() ||
            bounds.tighteningDelayMs() > current.tighteningDelayMs() ||
            bounds.looseningDelayMs() < current.looseningDelayMs() || bounds.halfLifeMs() > current.halfLifeMs();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.marginControllerBounds(marketId, bounds);
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
        out.putByte(1).putLong(bounds.minImfPpm()).putLong(bounds.maxImfPpm()).putLong(bounds.maxStepPpm())
            .putLong(bounds.minIntervalMs()).putLong(bounds.tighteningDelayMs()).putLong(bounds.looseningDelayMs())
            .putLong(bounds.halfLifeMs());
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @param in the reader.
     * @return the change.
     */
    static MarginControllerBoundsChange read(final BinaryReader in)
    {
        final int marketId = in.getInt();
        if (!in.getBoolean())
        {
            return new MarginControllerBoundsChange(marketId, null);
        }
        try
        {
            return new MarginControllerBoundsChange(marketId, new MarginControllerBounds(in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid margin-controller bounds: " + ex.getMessage());
        }
    }
}
