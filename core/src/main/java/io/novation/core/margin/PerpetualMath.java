package io.novation.core.margin;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.QuoteUnit;
import io.novation.core.money.Rounding;

import static io.novation.core.money.FixedPoint.PPM;

/**
 * Allocation-free perpetual-position arithmetic in dYdX v4 units: positions in base quantums, prices as integer
 * price values with a per-market exponent, notionals and margin requirements in quote quantums (1e-6 USDC).
 * <p>
 * One base quantum is {@code 10^atomicResolution} whole base units; a price value {@code p} with exponent
 * {@code e} is {@code p * 10^e} USDC per whole base unit; one quote quantum is {@code 10^-6} USDC.
 */
public final class PerpetualMath
{
    /**
     * Atomic resolution of the quote asset (USDC): one quote quantum is 10^-6 USDC.
     */
    public static final int QUOTE_ATOMIC_RESOLUTION = QuoteUnit.ATOMIC_RESOLUTION;

    /**
     * Beyond this power of ten every non-zero result is either too large for a long or below one quantum, so
     * exponents are clamped to it without changing any result.
     */
    private static final int EXPONENT_CLAMP = 64;

    private PerpetualMath()
    {
    }

    /**
     * The notional value of a position (dYdX {@code GetNetNotionalInQuoteQuantums}, {@code BaseToQuoteQuantums}):
     * {@code baseQuantums * price * 10^(priceExponent + atomicResolution - QUOTE_ATOMIC_RESOLUTION)}, exact with a
     * 128-bit intermediate, longs positive and shorts negative.
     * <p>
     * dYdX truncates ({@link Rounding#TOWARD_ZERO}). In the protocol's favour: {@link Rounding#DOWN} for a value
     * that counts toward net collateral (a long is worth no more, a short owes no less), and the magnitude rounded
     * {@link Rounding#AWAY_FROM_ZERO} for a notional that margin requirements are taken from.
     *
     * @param baseQuantums     position size in base quantums, positive for a long.
     * @param price            market price value, non-negative.
     * @param priceExponent    market price exponent: the price is {@code price * 10^priceExponent} USDC.
     * @param atomicResolution the perpetual's atomic resolution: one base quantum is {@code 10^atomicResolution}
     *                         base units.
     * @param rounding         direction for an inexact result.
     * @return the notional in quote quantums.
     * @throws IllegalArgumentException if {@code price} is negative.
     * @throws ArithmeticException      if the notional does not fit a {@code long}.
     */
    public static long notionalQuoteQuantums(
        final long baseQuantums,
        final long price,
        final int priceExponent,
        final int atomicResolution,
        final Rounding rounding)
    {
        checkPrice(price);
        return FixedPoint.mulScaleByPow10(
            baseQuantums, price, quoteExponent(priceExponent, atomicResolution), rounding);
    }

    /**
     * The notional rounded up, given the same notional rounded down, for a long position (see
     * {@link FixedPoint#mulScaleByPow10Ceiling}).
     *
     * @param baseQuantums     size, not negative.
     * @param price            price value, not negative.
     * @param priceExponent    price exponent.
     * @param atomicResolution the market's atomic resolution.
     * @param floor            {@link #notionalQuoteQuantums} rounded down.
     * @return the notional rounded up, in quote quantums.
     */
    public static long notionalQuoteQuantumsCeiling(
        final long baseQuantums,
        final long price,
        final int priceExponent,
        final int atomicResolution,
        final long floor)
    {
        checkPrice(price);
        return FixedPoint.mulScaleByPow10Ceiling(
            baseQuantums, price, quoteExponent(priceExponent, atomicResolution), floor);
    }

    /**
     * The position size worth a notional (dYdX {@code QuoteToBaseQuantums}):
     * {@code notionalQuoteQuantums / (price * 10^(priceExponent + atomicResolution - QUOTE_ATOMIC_RESOLUTION))},
     * exact with a 128-bit intermediate. dYdX truncates ({@link Rounding#TOWARD_ZERO}).
     * <p>
     * When the exponent is below -18 the intermediate {@code notional * 10^(-exponent - 18)} must fit a long; no
     * intermediate is needed while {@code priceExponent + atomicResolution >= -24} (BTC-USD at dYdX genesis: -5 - 10).
     *
     * @param notionalQuoteQuantums notional in quote quantums, of either sign.
     * @param price                 market price value, positive.
     * @param priceExponent         market price exponent.
     * @param atomicResolution      the perpetual's atomic resolution.
     * @param rounding              direction for an inexact result.
     * @return the size in base quantums, with the sign of the notional.
     * @throws IllegalArgumentException if {@code price} is negative.
     * @throws ArithmeticException      if {@code price} is zero or the size does not fit a {@code long}.
     */
    public static long baseQuantumsForNotional(
        final long notionalQuoteQuantums,
        final long price,
        final int priceExponent,
        final int atomicResolution,
        final Rounding rounding)
    {
        checkPrice(price);
        if (price == 0)
        {
            throw new ArithmeticException("baseQuantumsForNotional: price is zero");
        }

        final int exponent = quoteExponent(priceExponent, atomicResolution);
        if (exponent <= 0)
        {
            final int digits = -exponent;
            if (digits <= FixedPoint.MAX_POW10_EXPONENT)
            {
                return FixedPoint.mulDiv(notionalQuoteQuantums, FixedPoint.pow10(digits), price, rounding);
            }

            final long scaled = FixedPoint.scaleByPow10(
                notionalQuoteQuantums, digits - FixedPoint.MAX_POW10_EXPONENT, rounding);
            return FixedPoint.mulDiv(scaled, FixedPoint.pow10(FixedPoint.MAX_POW10_EXPONENT), price, rounding);
        }

        // Divide by price first, then by 10^exponent: floor and ceiling compose over successive divisions.
        final Rounding stepRounding = compositionRounding(rounding, notionalQuoteQuantums);
        return FixedPoint.scaleByPow10(
            FixedPoint.divide(notionalQuoteQuantums, price, stepRounding), -exponent, stepRounding);
    }

    /**
     * The initial margin requirement of a position: {@code ceil(|notional| * imfPpm / 1,000,000)}.
     *
     * @param notionalQuoteQuantums position notional in quote quantums, of either sign.
     * @param imfPpm                initial margin fraction in [0, 1,000,000] ppm.
     * @return the requirement in quote quantums, rounded up.
     * @throws IllegalArgumentException if {@code imfPpm} is out of range.
     * @throws ArithmeticException      if the notional is {@code Long.MIN_VALUE}.
     */
    public static long initialMarginRequirement(final long notionalQuoteQuantums, final long imfPpm)
    {
        return requirement(notionalQuoteQuantums, imfPpm, "imfPpm");
    }

    /**
     * The maintenance margin requirement of a position: {@code ceil(|notional| * mmfPpm / 1,000,000)}.
     *
     * @param notionalQuoteQuantums position notional in quote quantums, of either sign.
     * @param mmfPpm                maintenance margin fraction in [0, 1,000,000] ppm.
     * @return the requirement in quote quantums, rounded up.
     * @throws IllegalArgumentException if {@code mmfPpm} is out of range.
     * @throws ArithmeticException      if the notional is {@code Long.MIN_VALUE}.
     */
    public static long maintenanceMarginRequirement(final long notionalQuoteQuantums, final long mmfPpm)
    {
        return requirement(notionalQuoteQuantums, mmfPpm, "mmfPpm");
    }

    /**
     * The maintenance margin requirement exactly as dYdX computes it in {@code GetMarginRequirementsInQuoteQuantums}:
     * the base initial requirement, rounded up, times the maintenance fraction, rounded up again:
     * {@code ceil(ceil(|notional| * baseImfPpm / 10^6) * maintenanceFractionPpm / 10^6)}.
     * It is never below {@code ceil(|notional| * baseImfPpm * maintenanceFractionPpm / 10^12)}.
     *
     * @param notionalQuoteQuantums  position notional in quote quantums, of either sign.
     * @param baseImfPpm             the tier's base initial margin fraction in [0, 1,000,000] ppm (dYdX ignores
     *                               the open-interest adjustment here).
     * @param maintenanceFractionPpm maintenance fraction of initial margin in [0, 1,000,000] ppm.
     * @return the requirement in quote quantums.
     * @throws IllegalArgumentException if a fraction is out of range.
     * @throws ArithmeticException      if the notional is {@code Long.MIN_VALUE}.
     */
    public static long maintenanceMarginRequirement(
        final long notionalQuoteQuantums, final long baseImfPpm, final long maintenanceFractionPpm)
    {
        final long baseInitialRequirement = requirement(notionalQuoteQuantums, baseImfPpm, "baseImfPpm");
        return requirement(baseInitialRequirement, maintenanceFractionPpm, "maintenanceFractionPpm");
    }

    private static long requirement(final long notionalQuoteQuantums, final long fractionPpm, final String what)
    {
        if (fractionPpm < 0 || fractionPpm > PPM)
        {
            throw new IllegalArgumentException(what + " must be in [0, 1,000,000]: " + fractionPpm);
        }

        return FixedPoint.mulPpm(Math.absExact(notionalQuoteQuantums), fractionPpm, Rounding.UP);
    }

    private static void checkPrice(final long price)
    {
        if (price < 0)
        {
            throw new IllegalArgumentException("price value must not be negative: " + price);
        }
    }

    private static int quoteExponent(final int priceExponent, final int atomicResolution)
    {
        final long exponent = (long)priceExponent + atomicResolution - QUOTE_ATOMIC_RESOLUTION;
        return (int)Math.max(-EXPONENT_CLAMP, Math.min(EXPONENT_CLAMP, exponent));
    }

    /**
     * Floor and ceiling compose over successive positive divisions, truncation too; away-from-zero is a ceiling
     * of the magnitude, so it is the ceiling for a positive dividend and the floor for a negative one.
     */
    private static Rounding compositionRounding(final Rounding rounding, final long dividend)
    {
        if (rounding == Rounding.AWAY_FROM_ZERO)
        {
            return dividend < 0 ? Rounding.DOWN : Rounding.UP;
        }

        return rounding;
    }
}
