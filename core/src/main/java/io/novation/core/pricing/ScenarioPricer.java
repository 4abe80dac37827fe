package io.novation.core.pricing;

/**
 * Prices one option series in every scenario of a {@link PortfolioMarginParameters} grid (Derive PM2,
 * {@code PMRMLib_2._getExpiryShockedMTM} and {@code _getExpirySkewedShockedMTM}): Black-76 per unit of the
 * underlying at the shocked forward F·shock and the shocked volatility (up: max(minVolUpShock, σ·up), down: σ·down,
 * none: σ; up/down = 1 ± range·(30 d / max(T, floor))^power, power short-term up to 30 days), or, in the skew
 * scenarios, at the unshocked forward with σ·(1 + clamp(k·cap/k*, ±cap)), k = ln(K/F) (|k| for the absolute skew),
 * cap = cBase·√T + scaleCap, k* = max(minKStar, √T·widthScale·(volParamStatic + √T·volParamScale)). Each series is
 * priced once per scenario, whatever the number of positions that hold it.
 * <p>
 * Output layout: one value per scenario of the grid, then the basis-up and basis-down scenarios (vol unshocked), then
 * the unshocked value: {@link #valueCount(PortfolioMarginParameters)} doubles, in strike currency per unit, discounted.
 */
public final class ScenarioPricer
{
    /** Seconds in Derive's year (365 days). */
    public static final double YEAR_SECONDS = 31_536_000.0;
    private static final double THIRTY_DAYS_SECONDS = 30 * 86_400.0;

    private ScenarioPricer()
    {
    }

    /**
     * The number of values {@link #price} writes.
     *
     * @param parameters the grid.
     * @return scenarios + 3.
     */
    public static int valueCount(final PortfolioMarginParameters parameters)
    {
        return parameters.scenarioCount() + 3;
    }

    /**
     * Index of the basis-up value.
     *
     * @param parameters the grid.
     * @return index.
     */
    public static int basisUpIndex(final PortfolioMarginParameters parameters)
    {
        return parameters.scenarioCount();
    }

    /**
     * Index of the unshocked value.
     *
     * @param parameters the grid.
     * @return index.
     */
    public static int unshockedIndex(final PortfolioMarginParameters parameters)
    {
        return parameters.scenarioCount() + 2;
    }

    /**
     * The vol shock multiplier (30 d / max(T, floor))^power of an expiry.
     *
     * @param parameters      the grid.
     * @param secondsToExpiry T in seconds.
     * @return the multiplier.
     */
    public static double volShockScale(final PortfolioMarginParameters parameters, final double secondsToExpiry)
    {
        final double ratio = THIRTY_DAYS_SECONDS / Math.max(secondsToExpiry, parameters.dteFloorSeconds());
        return StrictMath.pow(ratio, secondsToExpiry <= THIRTY_DAYS_SECONDS ? parameters.shortTermPower() :
            parameters.longTermPower());
    }

    /**
     * Prices a series in every scenario.
     *
     * @param parameters      the grid.
     * @param secondsToExpiry T in seconds, ≥ 0.
     * @param forward         forward F, strike currency, > 0.
     * @param rate            discount rate per year (0 where the engine prices on the index).
     * @param type            call or put.
     * @param strike          strike K, > 0.
     * @param volatility      σ of the series, per year, ≥ 0.
     * @param out             receives {@link #valueCount} values.
     */
    public static void price(
        final PortfolioMarginParameters parameters,
        final double secondsToExpiry,
        final double forward,
        final double rate,
        final OptionType type,
        final double strike,
        final double volatility,
        final double[] out)
    {
        final double years = secondsToExpiry / YEAR_SECONDS;
        final double scale = volShockScale(parameters, secondsToExpiry);
        final double up = 1.0 + parameters.volRangeUp() * scale;
        final double down = Math.max(0.0, 1.0 - parameters.volRangeDown() * scale);
        final double sqrtTau = StrictMath.sqrt(years);
        final double kStar = Math.max(parameters.minKStar(), sqrtTau * parameters.widthScale() *
            (parameters.volParamStatic() + sqrtTau * parameters.volParamScale()));
        final double logMoneyness = StrictMath.log(strike / forward);
        final int scenarios = parameters.scenarioCount();
        for (int s = 0; s < scenarios; s++)
        {
            final int direction = parameters.volShocks()[s];
            if (direction == PortfolioMarginParameters.LINEAR || direction == PortfolioMarginParameters.ABS)
            {
                final boolean linear = direction == PortfolioMarginParameters.LINEAR;
                final double cap = linear ? parameters.linearCBase() * sqrtTau + parameters.linearScaleCap() :
                    parameters.absCBase() * sqrtTau + parameters.absScaleCap();
                final double k = linear ? logMoneyness : Math.abs(logMoneyness);
                final double multiplier = 1.0 + (k >= 0 ? Math.min(cap, k * cap / kStar) :
                    Math.max(-cap, k * cap / kStar));
                out[s] = Black76.price(type, forward, strike, years, rate, volatility * Math.max(multiplier, 0.0));
                continue;
            }
            final double shocked = direction == PortfolioMarginParameters.UP ?
                Math.max(parameters.minVolUpShock(), volatility * up) :
                direction == PortfolioMarginParameters.DOWN ? volatility * down : volatility;
            out[s] = Black76.price(type, forward * parameters.spotShocks()[s], strike, years, rate, shocked);
        }
        out[scenarios] = Black76.price(type, forward * parameters.basisSpotUp(), strike, years, rate, volatility);
        out[scenarios + 1] = Black76.price(type, forward * parameters.basisSpotDown(), strike, years, rate, volatility);
        out[scenarios + 2] = Black76.price(type, forward, strike, years, rate, volatility);
    }
}
