package io.novation.core.pricing;

import java.util.List;
import java.util.Optional;

/**
 * Checks SVI slices and surfaces for static arbitrage on a grid of log-moneyness k = ln(K/F), with a tolerance, and
 * reports the first violation found (Gatheral and Jacquier, "Arbitrage-free SVI volatility surfaces", 2014).
 * <p>
 * For each slice in order of expiry: first its parameters (b ≥ 0; |ρ| &lt; 1; σ &gt; 0; minimum total variance
 * a + b·σ·√(1 − ρ²) ≥ −tolerance; and wings no steeper than Lee's moment formula allows, b·(1 + |ρ|) ≤
 * 2 + tolerance, which also covers the butterfly condition beyond the grid, where g tends to 1/4 − slope²/16); then
 * butterfly arbitrage, g(k) ≥ −tolerance at every grid point where w(k) &gt; 0 (see
 * {@link SviParameters#densityCondition(double)}); then calendar arbitrage against the previous slice,
 * w(k, Tᵢ) ≥ w(k, Tᵢ₋₁) − tolerance at every grid point. Outside the grid only Lee's bound is checked: two slices
 * may still cross in their far wings.
 * <p>
 * The default grid is {@value #DEFAULT_GRID_POINTS} points evenly spaced over k in
 * [{@value #DEFAULT_MIN_LOG_MONEYNESS}, {@value #DEFAULT_MAX_LOG_MONEYNESS}] (strikes from 5 % to 20 times the forward, a step of 0.005), with a tolerance
 * of {@value #DEFAULT_TOLERANCE} (dimensionless for g, total variance for the others). Immutable.
 */
public final class SviArbitrageCheck
{
    /**
     * Lowest log-moneyness of the default grid.
     */
    public static final double DEFAULT_MIN_LOG_MONEYNESS = -3.0;

    /**
     * Highest log-moneyness of the default grid.
     */
    public static final double DEFAULT_MAX_LOG_MONEYNESS = 3.0;

    /**
     * Points of the default grid, ends included.
     */
    public static final int DEFAULT_GRID_POINTS = 1201;

    /**
     * Default tolerance.
     */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /**
     * Lee's bound on the slope of total variance in the wings (Lee, "The moment formula for implied volatility at
     * extreme strikes", Mathematical Finance 14(3), 2004): lim sup w(k)/|k| ≤ 2.
     */
    public static final double MAX_WING_SLOPE = 2.0;

    private static final SviArbitrageCheck DEFAULTS = new SviArbitrageCheck(
        DEFAULT_MIN_LOG_MONEYNESS, DEFAULT_MAX_LOG_MONEYNESS, DEFAULT_GRID_POINTS, DEFAULT_TOLERANCE);

    private final double minLogMoneyness;
    private final double maxLogMoneyness;
    private final int gridPoints;
    private final double tolerance;

    private SviArbitrageCheck(
        final double minLogMoneyness,
        final double maxLogMoneyness,
        final int gridPoints,
        final double tolerance)
    {
        this.minLogMoneyness = minLogMoneyness;
        this.maxLogMoneyness = maxLogMoneyness;
        this.gridPoints = gridPoints;
        this.tolerance = tolerance;
    }

    /**
     * The check with the default grid and tolerance.
     *
     * @return the check.
     */
    public static SviArbitrageCheck defaults()
    {
        return DEFAULTS;
    }

    /**
     * A check on a grid of evenly spaced log-moneyness points.
     *
     * @param minLogMoneyness lowest k of the grid, finite.
     * @param maxLogMoneyness highest k of the grid, finite and &gt; minLogMoneyness.
     * @param gridPoints      number of points, ends included, at least 2.
     * @param tolerance       how far below zero a condition may fall from rounding, finite and ≥ 0.
     * @return the check.
     * @throws IllegalArgumentException if an argument is out of range.
     */
    public static SviArbitrageCheck of(
        final double minLogMoneyness,
        final double maxLogMoneyness,
        final int gridPoints,
        final double tolerance)
    {
        PricingInputs.requireFinite("minLogMoneyness", minLogMoneyness);
        PricingInputs.requireFinite("maxLogMoneyness", maxLogMoneyness);
        if (!(maxLogMoneyness > minLogMoneyness))
        {
            throw new IllegalArgumentException(
                "maxLogMoneyness must be > minLogMoneyness: " + maxLogMoneyness + " <= " + minLogMoneyness);
        }
        if (gridPoints < 2)
        {
            throw new IllegalArgumentException("gridPoints must be >= 2: " + gridPoints);
        }
        PricingInputs.requireNonNegative("tolerance", tolerance);
        return new SviArbitrageCheck(minLogMoneyness, maxLogMoneyness, gridPoints, tolerance);
    }

    /**
     * The first arbitrage of a surface: its slices in order of expiry, each checked for parameters, butterfly and
     * calendar arbitrage against the slice before it.
     *
     * @param surface the surface.
     * @return the first violation, or empty when the surface passes.
     */
    public Optional<ArbitrageViolation> firstViolation(final VolatilitySurface surface)
    {
        final List<SviSlice> slices = surface.slices();
        for (int i = 0; i < slices.size(); i++)
        {
            final SviSlice slice = slices.get(i);
            final ArbitrageViolation own = sliceViolation(slice);
            if (own != null)
            {
                return Optional.of(own);
            }
            if (i > 0)
            {
                final ArbitrageViolation calendar = calendarViolation(slices.get(i - 1), slice);
                if (calendar != null)
                {
                    return Optional.of(calendar);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first arbitrage within one slice: its parameters, then butterfly arbitrage on the grid.
     *
     * @param slice the slice.
     * @return the first violation, or empty when the slice passes.
     */
    public Optional<ArbitrageViolation> firstViolation(final SviSlice slice)
    {
        return Optional.ofNullable(sliceViolation(slice));
    }

    /**
     * Lowest log-moneyness of the grid.
     *
     * @return k.
     */
    public double minLogMoneyness()
    {
        return minLogMoneyness;
    }

    /**
     * Highest log-moneyness of the grid.
     *
     * @return k.
     */
    public double maxLogMoneyness()
    {
        return maxLogMoneyness;
    }

    /**
     * Number of grid points, ends included.
     *
     * @return the count.
     */
    public int gridPoints()
    {
        return gridPoints;
    }

    /**
     * How far below zero a condition may fall.
     *
     * @return the tolerance.
     */
    public double tolerance()
    {
        return tolerance;
    }

    private ArbitrageViolation sliceViolation(final SviSlice slice)
    {
        final ArbitrageViolation parameters = parameterViolation(slice);
        return parameters != null ? parameters : butterflyViolation(slice);
    }

    private ArbitrageViolation parameterViolation(final SviSlice slice)
    {
        final SviParameters svi = slice.parameters();
        final double expiry = slice.expiryYears();
        if (svi.b() < 0.0)
        {
            return parameters(expiry, -svi.b(), "b >= 0");
        }
        if (Math.abs(svi.rho()) >= 1.0)
        {
            return parameters(expiry, Math.abs(svi.rho()) - 1.0, "|rho| < 1");
        }
        if (svi.sigma() <= 0.0)
        {
            return parameters(expiry, -svi.sigma(), "sigma > 0");
        }
        final double minimum = svi.minimumTotalVariance();
        if (minimum < -tolerance)
        {
            return parameters(expiry, -minimum, "a + b*sigma*sqrt(1 - rho^2) >= 0");
        }
        final double wingSlope = svi.b() * (1.0 + Math.abs(svi.rho()));
        if (wingSlope > MAX_WING_SLOPE + tolerance)
        {
            return parameters(expiry, wingSlope - MAX_WING_SLOPE, "b*(1 + |rho|) <= 2 (Lee)");
        }
        return null;
    }

    private ArbitrageViolation butterflyViolation(final SviSlice slice)
    {
        final SviParameters svi = slice.parameters();
        for (int i = 0; i < gridPoints; i++)
        {
            final double k = gridPoint(i);
            if (svi.totalVariance(k) > 0.0)
            {
                final double g = svi.densityCondition(k);
                if (!(g >= -tolerance))
                {
                    return new ArbitrageViolation(
                        ArbitrageViolation.Kind.BUTTERFLY, slice.expiryYears(), k, -g, "g(k) >= 0");
                }
            }
        }
        return null;
    }

    private ArbitrageViolation calendarViolation(final SviSlice earlier, final SviSlice later)
    {
        for (int i = 0; i < gridPoints; i++)
        {
            final double k = gridPoint(i);
            final double fall = earlier.totalVariance(k) - later.totalVariance(k);
            if (fall > tolerance)
            {
                return new ArbitrageViolation(ArbitrageViolation.Kind.CALENDAR, later.expiryYears(), k, fall,
                    "w(k, " + later.expiryYears() + ") >= w(k, " + earlier.expiryYears() + ")");
            }
        }
        return null;
    }

    private double gridPoint(final int index)
    {
        if (index == gridPoints - 1)
        {
            return maxLogMoneyness;
        }
        return minLogMoneyness + index * ((maxLogMoneyness - minLogMoneyness) / (gridPoints - 1));
    }

    private static ArbitrageViolation parameters(final double expiry, final double amount, final String condition)
    {
        return new ArbitrageViolation(ArbitrageViolation.Kind.PARAMETERS, expiry, Double.NaN, amount, condition);
    }
}
