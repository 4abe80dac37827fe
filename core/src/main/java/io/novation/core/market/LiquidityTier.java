package io.novation.core.market;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.util.Objects;

import static io.novation.core.money.FixedPoint.PPM;

/**
 * A liquidity tier of perpetual markets, as in dYdX v4 plus Drift's size premium: initial margin fraction and
 * maintenance fraction in ppm, open-interest caps in quote quantums (1e-6 USDC), and a size-premium factor in ppm
 * of initial margin fraction per square root of (position notional / 1,000,000 USDC).
 * <p>
 * <b>Open-interest-adjusted IMF</b> (dYdX {@code LiquidityTier.GetAdjustedInitialMarginPpm}): the base IMF while
 * the market's open notional is at or below {@link #openInterestLowerCap()}, rising linearly to 1,000,000 ppm
 * (100 %) at {@link #openInterestUpperCap()}, and 100 % beyond; an upper cap of zero disables the adjustment.
 * <pre>
 *   imf(oi) = im + floor((1,000,000 - im) * (oi - lower) / (upper - lower))     for lower &lt; oi &lt; upper
 * </pre>
 * The division rounds down, exactly as dYdX does (its published case: 387,653 ppm, not 387,654). The requirement
 * in quote quantums computed from it rounds up.
 * <p>
 * <b>Size premium</b> (Drift {@code calculate_size_premium_liability_weight}): a large position needs a larger
 * fraction, {@code max(im, 0.8 * im + imfFactor * sqrt(|notional| / 1,000,000 USDC))}. In ppm, rounded up:
 * <pre>
 *   premium(n) = ceil(4 * im / 5) + ceil(imfFactorPpm * sqrt(|n| / 10^12))          (n in quote quantums)
 * </pre>
 * both terms computed exactly with integer square roots. Drift measures the position in whole base units; this
 * tier measures it in notional, so one factor suits assets of any price. A Drift factor {@code f} (in 1e-6 per
 * square root of base units) for an asset priced {@code P} USDC converts as {@code imfFactorPpm = f * 1000 / sqrt(P)}.
 * A factor of zero disables the premium.
 */
public record LiquidityTier(
    int id,
    String name,
    long initialMarginPpm,
    long maintenanceFractionPpm,
    long imfFactorPpm,
    long openInterestLowerCap,
    long openInterestUpperCap)
{
    /**
     * Largest size-premium factor accepted: 1,000,000,000 ppm, that is +100 % IMF at one USDC of notional.
     */
    public static final long MAX_IMF_FACTOR_PPM = 1_000_000_000L;

    /**
     * Notional at which the size-premium term equals {@link #imfFactorPpm()}: 1,000,000 USDC in quote quantums.
     */
    public static final long SIZE_PREMIUM_REFERENCE_NOTIONAL = 1_000_000_000_000L;

    private static final long PPM_SQUARED = PPM * PPM;

    /**
     * Validates the tier.
     *
     * @throws IllegalArgumentException if a parameter is out of range.
     * @throws NullPointerException     if {@code name} is null.
     */
    public LiquidityTier
    {
        Objects.requireNonNull(name, "name");
        if (id < 0)
        {
            throw new IllegalArgumentException("liquidity tier id must not be negative: " + id);
        }
        if (name.isBlank())
        {
            throw new IllegalArgumentException("liquidity tier name must not be blank");
        }
        if (initialMarginPpm <= 0 || initialMarginPpm > PPM)
        {
            throw new IllegalArgumentException(
                "initialMarginPpm must be in (0, 1,000,000]: " + initialMarginPpm + " (tier " + name + ")");
        }
        if (maintenanceFractionPpm < 0 || maintenanceFractionPpm > PPM)
        {
            throw new IllegalArgumentException(
                "maintenanceFractionPpm must be in [0, 1,000,000]: " + maintenanceFractionPpm + " (tier " + name + ")");
        }
        if (imfFactorPpm < 0 || imfFactorPpm > MAX_IMF_FACTOR_PPM)
        {
            throw new IllegalArgumentException(
                "imfFactorPpm must be in [0, " + MAX_IMF_FACTOR_PPM + "]: " + imfFactorPpm + " (tier " + name + ")");
        }
        if (openInterestLowerCap < 0 || openInterestUpperCap < 0)
        {
            throw new IllegalArgumentException("open interest caps must not be negative: lower " +
                openInterestLowerCap + ", upper " + openInterestUpperCap + " (tier " + name + ")");
        }
        if (openInterestLowerCap > openInterestUpperCap)
        {
            throw new IllegalArgumentException("openInterestLowerCap " + openInterestLowerCap +
                " is larger than openInterestUpperCap " + openInterestUpperCap + " (tier " + name + ")");
        }
    }

    /**
     * Creates a validated tier.
     *
     * @param id                     tier id.
     * @param name                   tier name.
     * @param initialMarginPpm       base initial margin fraction, in (0, 1,000,000] ppm.
     * @param maintenanceFractionPpm maintenance margin as a fraction of initial margin, in [0, 1,000,000] ppm.
     * @param imfFactorPpm           size-premium factor, ppm of IMF per sqrt(notional / 1,000,000 USDC); 0 disables.
     * @param openInterestLowerCap   open notional, in quote quantums, up to which the base IMF applies.
     * @param openInterestUpperCap   open notional, in quote quantums, from which the IMF is 100 %; 0 disables.
     * @return the tier.
     */
    public static LiquidityTier of(
        final int id,
        final String name,
        final long initialMarginPpm,
        final long maintenanceFractionPpm,
        final long imfFactorPpm,
        final long openInterestLowerCap,
        final long openInterestUpperCap)
    {
        return new LiquidityTier(
            id, name, initialMarginPpm, maintenanceFractionPpm, imfFactorPpm, openInterestLowerCap, openInterestUpperCap);
    }

    /**
     * dYdX v4 "Large-Cap" (id 0) as in the dYdX mainnet genesis: IM 5 %, MF 60 % (MM 3 %), no open-interest caps.
     * dYdX's current local-testnet genesis ({@code protocol/testing/genesis.sh}) sets its IM to 2 %.
     *
     * @return the tier.
     */
    public static LiquidityTier largeCap()
    {
        return of(0, "Large-Cap", 50_000, 600_000, 0, 0, 0);
    }

    /**
     * dYdX v4 "Small-Cap" (id 1): IM 10 %, MF 50 %, open-interest caps 20 and 50 million USDC. At mainnet genesis
     * the same id and fractions were called "Mid-Cap", without caps.
     *
     * @return the tier.
     */
    public static LiquidityTier smallCap()
    {
        return of(1, "Small-Cap", 100_000, 500_000, 0, 20_000_000_000_000L, 50_000_000_000_000L);
    }

    /**
     * dYdX v4 "Long-Tail" (id 2): IM 20 %, MF 50 %, open-interest caps 5 and 10 million USDC.
     *
     * @return the tier.
     */
    public static LiquidityTier longTail()
    {
        return of(2, "Long-Tail", 200_000, 500_000, 0, 5_000_000_000_000L, 10_000_000_000_000L);
    }

    /**
     * dYdX v4 "Safety" (id 3): IM 100 %, MF 20 %, open-interest caps 2 and 5 million USDC.
     *
     * @return the tier.
     */
    public static LiquidityTier safety()
    {
        return of(3, "Safety", 1_000_000, 200_000, 0, 2_000_000_000_000L, 5_000_000_000_000L);
    }

    /**
     * dYdX v4 "Isolated" (id 4): IM 5 %, MF 60 %, open-interest caps 0.5 and 1 million USDC.
     *
     * @return the tier.
     */
    public static LiquidityTier isolated()
    {
        return of(4, "Isolated", 50_000, 600_000, 0, 500_000_000_000L, 1_000_000_000_000L);
    }

    /**
     * dYdX v4 "Mid-Cap" (id 5): IM 5 %, MF 60 %, open-interest caps 40 and 100 million USDC.
     *
     * @return the tier.
     */
    public static LiquidityTier midCap()
    {
        return of(5, "Mid-Cap", 50_000, 600_000, 0, 40_000_000_000_000L, 100_000_000_000_000L);
    }

    /**
     * dYdX v4 "FX" (id 6): IM 1 %, MF 50 %, open-interest caps 0.5 and 1 million USDC.
     *
     * @return the tier.
     */
    public static LiquidityTier fx()
    {
        return of(6, "FX", 10_000, 500_000, 0, 500_000_000_000L, 1_000_000_000_000L);
    }

    /**
     * Returns this tier with another size-premium factor.
     *
     * @param factorPpm size-premium factor, ppm of IMF per sqrt(notional / 1,000,000 USDC); 0 disables.
     * @return the new tier.
     */
    public LiquidityTier withImfFactorPpm(final long factorPpm)
    {
        return of(id, name, initialMarginPpm, maintenanceFractionPpm, factorPpm, openInterestLowerCap, openInterestUpperCap);
    }

    /**
     * The open-interest-adjusted initial margin fraction (dYdX {@code GetAdjustedInitialMarginPpm}), rounded down
     * as dYdX rounds it.
     *
     * @param openInterestQuoteQuantums the market's open interest valued at the oracle price, in quote quantums
     *                                  (a negative value counts as below the lower cap).
     * @return the initial margin fraction in ppm, in [{@link #initialMarginPpm()}, 1,000,000].
     */
    public long initialMarginPpmAtOpenInterest(final long openInterestQuoteQuantums)
    {
        if (openInterestUpperCap == 0 || openInterestQuoteQuantums <= openInterestLowerCap)
        {
            return initialMarginPpm;
        }
        if (openInterestQuoteQuantums >= openInterestUpperCap)
        {
            return PPM;
        }

        return initialMarginPpm + FixedPoint.mulDiv(
            PPM - initialMarginPpm,
            openInterestQuoteQuantums - openInterestLowerCap,
            openInterestUpperCap - openInterestLowerCap,
            Rounding.DOWN);
    }

    /**
     * The size-adjusted initial margin fraction (Drift's size premium alone, without the open-interest
     * adjustment): {@code min(1,000,000, max(im, ceil(4 * im / 5) + ceil(imfFactorPpm * sqrt(|n| / 10^12))))}.
     * Pass its result to {@link #maintenanceMarginPpm(long)} for a maintenance fraction that grows with size, as
     * Drift's does.
     *
     * @param positionNotionalQuoteQuantums the position's notional in quote quantums, of either sign.
     * @return the initial margin fraction in ppm, in [{@link #initialMarginPpm()}, 1,000,000].
     * @throws ArithmeticException if the notional is {@code Long.MIN_VALUE} (its magnitude does not fit a long).
     */
    public long sizeAdjustedInitialMarginPpm(final long positionNotionalQuoteQuantums)
    {
        if (imfFactorPpm == 0)
        {
            return initialMarginPpm;
        }

        final long premiumTermPpm = sizePremiumTermPpm(imfFactorPpm, Math.absExact(positionNotionalQuoteQuantums));
        if (premiumTermPpm >= PPM)
        {
            return PPM;
        }

        final long discountedBasePpm = FixedPoint.divide(4 * initialMarginPpm, 5, Rounding.UP);
        return Math.min(PPM, Math.max(initialMarginPpm, discountedBasePpm + premiumTermPpm));
    }

    /**
     * The effective initial margin fraction of a position: the larger of the open-interest-adjusted fraction and
     * the size-adjusted fraction, at most 1,000,000 ppm.
     *
     * @param openInterestQuoteQuantums     the market's open interest valued at the oracle price, in quote quantums.
     * @param positionNotionalQuoteQuantums the position's notional in quote quantums, of either sign.
     * @return the initial margin fraction in ppm, in [{@link #initialMarginPpm()}, 1,000,000].
     * @throws ArithmeticException if the notional is {@code Long.MIN_VALUE}.
     */
    public long initialMarginPpm(final long openInterestQuoteQuantums, final long positionNotionalQuoteQuantums)
    {
        return Math.min(PPM, Math.max(
            initialMarginPpmAtOpenInterest(openInterestQuoteQuantums),
            sizeAdjustedInitialMarginPpm(positionNotionalQuoteQuantums)));
    }

    /**
     * The maintenance margin fraction of a position of this size: the maintenance fraction of its size-adjusted
     * initial fraction.
     *
     * @param positionNotionalQuoteQuantums the position's notional; its sign is ignored.
     * @return ppm.
     */
    public long maintenanceMarginPpmAtSize(final long positionNotionalQuoteQuantums)
    {
        return maintenanceMarginPpm(sizeAdjustedInitialMarginPpm(positionNotionalQuoteQuantums));
    }

    /**
     * The maintenance margin fraction without size premium, the least a position of this tier can have, and the one
     * of every position when {@code imfFactorPpm} is zero.
     *
     * @return ppm.
     */
    public long baseMaintenanceMarginPpm()
    {
        return maintenanceMarginPpm(initialMarginPpm);
    }

    /**
     * The maintenance margin fraction for an initial margin fraction: {@code ceil(imf * mf / 1,000,000)}.
     * <p>
     * dYdX's {@code GetMaintenanceMarginPpm} takes the floor instead (it only feeds dYdX's funding clamp; dYdX's
     * maintenance requirement in quote quantums is {@code ceil(ceil(|n| * im) * mf)}). Here the fraction is a
     * requirement, so it rounds up; the two differ by one ppm when the product is not a whole number of ppm.
     * dYdX applies the fraction to the base IMF, not to the open-interest-adjusted one; pass
     * {@link #initialMarginPpm()} to do the same.
     *
     * @param initialMarginPpm initial margin fraction in [0, 1,000,000] ppm.
     * @return the maintenance margin fraction in ppm.
     * @throws IllegalArgumentException if {@code initialMarginPpm} is out of range.
     */
    public long maintenanceMarginPpm(final long initialMarginPpm)
    {
        if (initialMarginPpm < 0 || initialMarginPpm > PPM)
        {
            throw new IllegalArgumentException("initialMarginPpm must be in [0, 1,000,000]: " + initialMarginPpm);
        }

        return FixedPoint.mulPpm(initialMarginPpm, maintenanceFractionPpm, Rounding.UP);
    }

    /**
     * Exact {@code ceil(factor * sqrt(notional / 10^12))}, saturated at 1,000,000 ppm: the smallest {@code k} with
     * {@code k^2 * 10^12 >= factor^2 * notional}.
     */
    private static long sizePremiumTermPpm(final long factorPpm, final long notionalMagnitude)
    {
        final long factorSquared = factorPpm * factorPpm; // <= 10^18 by validation
        if (FixedPoint.compareProducts(factorSquared, notionalMagnitude, PPM_SQUARED, SIZE_PREMIUM_REFERENCE_NOTIONAL) >= 0)
        {
            return PPM;
        }

        // Below the cap the radicand is under 10^12, so it fits a long.
        final long radicand = FixedPoint.mulDiv(
            factorSquared, notionalMagnitude, SIZE_PREMIUM_REFERENCE_NOTIONAL, Rounding.UP);
        return FixedPoint.sqrtCeil(radicand);
    }
}
