package io.novation.core.margin;

/**
 * The margin figures of one position, in quote quantums: value at the oracle price (credited to net collateral),
 * magnitude of its notional, and its initial and maintenance requirements; plus the maintenance fraction in ppm.
 * A mutable scratch value, reused on the hot path.
 */
public final class PositionMargin
{
    long value;
    long magnitude;
    long initialRequirement;
    long maintenanceRequirement;
    long maintenanceFractionPpm;

    public long value()
    {
        return value;
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

    public long maintenanceFractionPpm()
    {
        return maintenanceFractionPpm;
    }
}
