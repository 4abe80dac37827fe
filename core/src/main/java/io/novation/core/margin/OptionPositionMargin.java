package io.novation.core.margin;

/**
 * The margin figures of one option position, in quote quantums unless named otherwise: its value at the mark (a
 * long's rounded down, a short's liability rounded up, negative), the part of it counted in initial net collateral
 * (a short's value; nothing for a long), its magnitude for leverage (a short's underlying notional n·S rounded up,
 * a long's value), the initial and maintenance
 * requirements, the underlying price used (price units), the mark (micro price units per base unit) and the
 * volatility it was priced at (per year, reporting only). A mutable scratch value, reused on the hot path.
 */
public final class OptionPositionMargin
{
    long value;
    long initialValue;
    long magnitude;
    long initialRequirement;
    long maintenanceRequirement;
    long underlyingPrice;
    long markMicros;
    double volatility;

    public long value()
    {
        return value;
    }

    public long initialValue()
    {
        return initialValue;
    }

    public long magnitude()
    {
        return magnitude;
    }

    public long initialRequirement()
    {
        return initialRequirement;
    }

    public long maintenanceRequirement()
    {
        return maintenanceRequirement;
    }

    /**
     * The underlying price the position was valued at.
     *
     * @return price units.
     */
    public long underlyingPrice()
    {
        return underlyingPrice;
    }

    /**
     * The mark per base unit of underlying, rounded in the protocol's favour for the position's side.
     *
     * @return micro price units (price units × 10^6).
     */
    public long markMicros()
    {
        return markMicros;
    }

    /**
     * The volatility the mark used.
     *
     * @return per year; 0 at or after expiry.
     */
    public double volatility()
    {
        return volatility;
    }
}
