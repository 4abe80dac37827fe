package io.novation.core.pricing;

/**
 * The parameters of portfolio margin in the manner of Derive's PM2 ({@code derivexyz/v2-core}
 * {@code PMRMLib_2}, with the values of its published portfolio cases): the scenario grid (spot shocks as multiples of
 * the forward, vol shock directions, dampening factors of the tail scenarios), the vol shock (up, down, powers over
 * 30 days), the skew shock, the loss factors (IM 1.0, MM 0.8), static discounts, the basis contingency and the
 * contingencies per naked short option and per perpetual, as fractions of the underlying's notional. Dimensionless
 * decimals unless named otherwise.
 *
 * @param spotShocks             per scenario of the grid, the multiple of the forward (1.18 is +18 %).
 * @param volShocks              per scenario: 1 up, −1 down, 0 none, 2 linear skew, 3 absolute skew.
 * @param dampening              per scenario, the factor applied to its PnL (1 except in the tails).
 * @param volRangeUp             up shock: vol × (1 + volRangeUp·(30 d / max(T, floor))^power).
 * @param minVolUpShock          the least volatility of an up shock.
 * @param volRangeDown           down shock: vol × (1 − volRangeDown·(30 d / max(T, floor))^power).
 * @param shortTermPower         the power up to 30 days.
 * @param longTermPower          the power after 30 days.
 * @param dteFloorSeconds        the floor of the time to expiry in the vol shock, seconds.
 * @param linearScaleCap         linear skew shock: cap of the multiplier at √T = 0.
 * @param linearCBase            linear skew shock: slope of the cap in √T.
 * @param absScaleCap            absolute skew shock: cap of the multiplier at √T = 0.
 * @param absCBase               absolute skew shock: slope of the cap in √T.
 * @param minKStar               the least k* (log-moneyness where the skew multiplier reaches its cap).
 * @param widthScale             k* = √T·widthScale·(volParamStatic + √T·volParamScale).
 * @param volParamStatic         see widthScale.
 * @param volParamScale          see widthScale.
 * @param maintenanceLossFactor  MM = worst loss × this (0.8).
 * @param initialLossFactor      IM = worst loss × this (1.0).
 * @param shortRateMultScale     static discount of a losing expiry: rate × this + shortRateAddScale.
 * @param longRateMultScale      static discount of a winning expiry: rate × this + longRateAddScale.
 * @param shortRateAddScale      see shortRateMultScale.
 * @param longRateAddScale       see longRateMultScale.
 * @param longBaseStaticDiscount winning expiries' shocked value × this × e^{−T·(rate·mult + add)} (0.95).
 * @param shortBaseStaticDiscount losing expiries' shocked value × min(1/discount, this / e^{−T·(…)}) (1.04).
 * @param basisSpotUp            basis contingency scenario up (1.045).
 * @param basisSpotDown          basis contingency scenario down (0.955).
 * @param basisAddFactor         basis contingency: loss × (add + mult·T).
 * @param basisMultFactor        see basisAddFactor.
 * @param maintenancePerpPercent contingency per perpetual, of |position|·spot.
 * @param initialPerpPercent     added for initial margin, of |position|·spot.
 * @param maintenanceOptionPercent contingency per naked short option, of its amount·spot.
 * @param initialOptionPercent   added for initial margin, of its amount·spot.
 */
public record PortfolioMarginParameters(
    double[] spotShocks,
    int[] volShocks,
    double[] dampening,
    double volRangeUp,
    double minVolUpShock,
    double volRangeDown,
    double shortTermPower,
    double longTermPower,
    double dteFloorSeconds,
    double linearScaleCap,
    double linearCBase,
    double absScaleCap,
    double absCBase,
    double minKStar,
    double widthScale,
    double volParamStatic,
    double volParamScale,
    double maintenanceLossFactor,
    double initialLossFactor,
    double shortRateMultScale,
    double longRateMultScale,
    double shortRateAddScale,
    double longRateAddScale,
    double longBaseStaticDiscount,
    double shortBaseStaticDiscount,
    double basisSpotUp,
    double basisSpotDown,
    double basisAddFactor,
    double basisMultFactor,
    double maintenancePerpPercent,
    double initialPerpPercent,
    double maintenanceOptionPercent,
    double initialOptionPercent)
{
    /** Vol shock direction: none. */
    public static final int NONE = 0;
    /** Vol shock direction: up. */
    public static final int UP = 1;
    /** Vol shock direction: down. */
    public static final int DOWN = -1;
    /** Skew shock: linear in log-moneyness. */
    public static final int LINEAR = 2;
    /** Skew shock: in absolute log-moneyness. */
    public static final int ABS = 3;

    /**
     * Requires the three scenario arrays to have one length.
     */
    public PortfolioMarginParameters
    {
        if (spotShocks.length != volShocks.length || spotShocks.length != dampening.length)
        {
            throw new IllegalArgumentException("spot shocks, vol shocks and dampening need one entry per scenario");
        }
    }

    /**
     * Derive's PM2 parameters as its published portfolio cases use them: ±18 % in 4.5 % steps with vol up, down and
     * none (only up at ±18 %), −66 %, −33 %, +50 %, ×2, ×3, ×4 tails with dampening, the linear and absolute skew
     * shocks; 31 scenarios, with the two basis scenarios 33.
     *
     * @return the parameters.
     */
    public static PortfolioMarginParameters derive()
    {
        final double[] shocks = {1.18, 1.135, 1.135, 1.135, 1.09, 1.09, 1.09, 1.045, 1.045, 1.045, 1, 1, 1, 0.955,
            0.955, 0.955, 0.91, 0.91, 0.91, 0.865, 0.865, 0.865, 0.8200000000000001, 0.33999999999999997,
            0.6699999999999999, 1.5, 2.0, 3.0, 4.0, 1, 1};
        final int[] vol = {UP, DOWN, NONE, UP, DOWN, NONE, UP, DOWN, NONE, UP, DOWN, NONE, UP, DOWN, NONE, UP, DOWN,
            NONE, UP, DOWN, NONE, UP, UP, UP, UP, UP, UP, UP, UP, LINEAR, ABS};
        final double[] damp = new double[shocks.length];
        java.util.Arrays.fill(damp, 1.0);
        damp[23] = 0.054545454545454536;
        damp[24] = 0.10909090909090907;
        damp[25] = 0.072;
        damp[26] = 0.036;
        damp[27] = 0.018;
        damp[28] = 0.011999999999999999;
        return new PortfolioMarginParameters(shocks, vol, damp, 0.5, 0.45, 0.275, 0.3, 0.13, 86_400.0, 0.15, -0.05,
            0.15, -0.05, 0.01, 4.0, 0.6, -0.1, 0.8, 1.0, 0.5, 1.0, 0.08, 0.08, 0.95, 1.04, 1.045, 0.955, 0.5, 2.0,
            0.015, 0.005000000000000001, 0.003, 0.002);
    }

    /**
     * The number of scenarios of the grid (without the basis scenarios).
     *
     * @return count.
     */
    public int scenarioCount()
    {
        return spotShocks.length;
    }
}
