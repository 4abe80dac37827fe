package io.novation.core.liquidation;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.TimeWeightedAverage;

/**
 * Price bands and certain-flip thresholds of one {@link OracleExposure} around its reference price P0 (all prices in
 * the oracle's price units, caps and targets in quote quantums). Every result is checked exactly, with the bound of
 * {@link OracleExposure} evaluated at the ends of the interval it claims: the linear estimate only aims the check, so
 * a wrong estimate costs a narrower band, never a wrong claim. A cap of {@link #UNBOUNDED} imposes nothing.
 */
final class PriceBands
{
    /** A cap or target that imposes nothing. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    private static final long NONE = TriggerLadder.NONE;
    private static final long HIGHEST_PRICE = TimeWeightedAverage.MAX_PRICE;
    private static final int CERTAIN_TRIES = 24;

    private PriceBands()
    {
    }

    /**
     * The lowest price a ≤ P0 such that for every P in [a, P0] the exposure's health moves by no less than
     * {@code −lossCap} and no more than {@code gainCap}: {@code up(a) − up0 − σ ≥ −lossCap} and
     * {@code down(a) − down0 + σ ≤ gainCap} with σ over [a, P0].
     *
     * @param exposure evaluated at its reference price.
     * @param lossCap  quote quantums, or {@link #UNBOUNDED}.
     * @param gainCap  quote quantums, or {@link #UNBOUNDED}.
     * @return a (P0 itself for a band of zero width), or {@link TriggerLadder#NONE} when no price at or above 1 leaves it.
     */
    static long lowerEdge(final OracleExposure exposure, final long lossCap, final long gainCap)
    {
        final long p0 = exposure.price0;
        if (p0 <= 1)
        {
            return NONE;
        }
        if (!exposure.hasUp && gainCap == UNBOUNDED)
        {
            return NONE;
        }
        final long sigmaBound = exposure.sigmaBelowReferenceBound();
        if (!exposure.hasDown && lossCap == UNBOUNDED && sigmaBound <= gainCap)
        {
            return NONE;
        }
        final long slack = slack(exposure, sigmaBound);
        long distance = p0 - 1;
        if (lossCap != UNBOUNDED && exposure.hasUp)
        {
            distance = Math.min(distance, reach(lossCap - slack, p0, exposure.up0));
        }
        if (gainCap != UNBOUNDED && exposure.hasDown)
        {
            distance = Math.min(distance, reach(gainCap - slack, p0, saturatedNegate(exposure.down0)));
        }
        int tries = 0;
        while (distance > 0)
        {
            final long a = p0 - distance;
            if (holdsBelow(exposure, a, lossCap, gainCap))
            {
                return a <= 1 ? NONE : a;
            }
            distance = shrink(distance, tries++);
        }
        return p0;
    }

    /**
     * The highest price b ≥ P0 (at most four times P0) such that for every P in [P0, b] the exposure's health moves by
     * no less than {@code −lossCap} and no more than {@code gainCap}: {@code down(b) − down0 − σ ≥ −lossCap} and
     * {@code up(b) − up0 + σ ≤ gainCap} with σ over [P0, b].
     *
     * @param exposure evaluated at its reference price.
     * @param lossCap  quote quantums, or {@link #UNBOUNDED}.
     * @param gainCap  quote quantums, or {@link #UNBOUNDED}.
     * @return b (P0 itself for a band of zero width), or {@link TriggerLadder#NONE} when no accepted price leaves it.
     */
    static long upperEdge(final OracleExposure exposure, final long lossCap, final long gainCap)
    {
        final long p0 = exposure.price0;
        if (p0 >= HIGHEST_PRICE)
        {
            return NONE;
        }
        if (!exposure.hasDown && !exposure.sizePremium && gainCap == UNBOUNDED && lossCap >= exposure.longPositions)
        {
            return NONE;
        }
        if (!exposure.hasUp && lossCap == UNBOUNDED)
        {
            return NONE;
        }
        final long slack = slack(exposure, exposure.longPositions);
        long distance = ceiling(p0) - p0;
        if (lossCap != UNBOUNDED && exposure.hasDown)
        {
            distance = Math.min(distance, reach(lossCap - slack, p0, saturatedNegate(exposure.down0)));
        }
        if (gainCap != UNBOUNDED && exposure.hasUp)
        {
            distance = Math.min(distance, reach(gainCap - slack, p0, exposure.up0));
        }
        int tries = 0;
        while (distance > 0)
        {
            final long b = p0 + distance;
            if (holdsAbove(exposure, b, lossCap, gainCap))
            {
                return b >= HIGHEST_PRICE ? NONE : b;
            }
            distance = shrink(distance, tries++);
        }
        return p0;
    }

    /**
     * For an exposure without shorts whose subaccount is healthy: the highest price c below {@code lowerEdge} such
     * that at every price P ≤ c the exposure's health has fallen by more than {@code target}:
     * {@code up0 − up(c) − σ(0, c) > target}, since {@code up(P) ≤ up(c) + σ(0, c)}.
     *
     * @param exposure  evaluated at its reference price; no shorts.
     * @param target    quote quantums: the cushion plus what the other values may gain.
     * @param lowerEdge the lower edge of the exposure's band.
     * @return c, or {@link TriggerLadder#NONE}.
     */
    static long certainFallBelow(final OracleExposure exposure, final long target, final long lowerEdge)
    {
        final long p0 = exposure.price0;
        if (target == UNBOUNDED || exposure.up0 <= 0)
        {
            return NONE;
        }
        final long need = saturatedAdd(target, slack(exposure, exposure.sigmaBelowReferenceBound()));
        long c = p0 - 1 - reach(need, p0, exposure.up0, Rounding.UP);
        for (int tries = 0; tries < CERTAIN_TRIES && c >= 1; tries++)
        {
            if (c < lowerEdge && fallsBelow(exposure, c, target))
            {
                return c;
            }
            c -= Math.max(1, (p0 - c) >> 4);
        }
        return NONE;
    }

    /**
     * For an exposure of shorts only whose subaccount is liquidatable: the highest price c below {@code lowerEdge}
     * such that at every price P ≤ c the exposure's health has risen by at least {@code target}:
     * {@code down(c) − down0 ≥ target} ({@code down} is non-increasing exactly).
     *
     * @param exposure  evaluated at its reference price; shorts only.
     * @param target    quote quantums: the shortfall plus what the other values may lose.
     * @param lowerEdge the lower edge of the exposure's band.
     * @return c, or {@link TriggerLadder#NONE}.
     */
    static long certainRiseBelow(final OracleExposure exposure, final long target, final long lowerEdge)
    {
        final long p0 = exposure.price0;
        if (target == UNBOUNDED || exposure.down0 >= 0)
        {
            return NONE;
        }
        final long need = saturatedAdd(target, slack(exposure, 0));
        long c = p0 - 1 - reach(need, p0, saturatedNegate(exposure.down0), Rounding.UP);
        for (int tries = 0; tries < CERTAIN_TRIES && c >= 1; tries++)
        {
            if (c < lowerEdge && risesBelow(exposure, c, target))
            {
                return c;
            }
            c -= Math.max(1, (p0 - c) >> 4);
        }
        return NONE;
    }

    /**
     * For an exposure of shorts only whose subaccount is healthy: the lowest price c above {@code upperEdge} such that
     * at every price P ≥ c the exposure's health has fallen by more than {@code target}:
     * {@code down0 − down(c) > target}.
     *
     * @param exposure  evaluated at its reference price; shorts only.
     * @param target    quote quantums: the cushion plus what the other values may gain.
     * @param upperEdge the upper edge of the exposure's band.
     * @return c, or {@link TriggerLadder#NONE}.
     */
    static long certainFallAbove(final OracleExposure exposure, final long target, final long upperEdge)
    {
        final long p0 = exposure.price0;
        if (target == UNBOUNDED || exposure.down0 >= 0)
        {
            return NONE;
        }
        final long need = saturatedAdd(target, slack(exposure, 0));
        final long ceiling = ceiling(p0);
        long c = saturatedAdd(p0 + 1, reach(need, p0, saturatedNegate(exposure.down0), Rounding.UP));
        for (int tries = 0; tries < CERTAIN_TRIES && c <= ceiling; tries++)
        {
            if (c > upperEdge && fallsAbove(exposure, c, target))
            {
                return c;
            }
            c += Math.max(1, (c - p0) >> 4);
        }
        return NONE;
    }

    /**
     * For an exposure without shorts and without size premium whose subaccount is liquidatable: the lowest price c
     * above {@code upperEdge} such that at every price P ≥ c the exposure's health has risen by at least
     * {@code target}: {@code up(c) − σ − up0 ≥ target} with σ the number of long positions.
     *
     * @param exposure  evaluated at its reference price; no shorts, no size premium.
     * @param target    quote quantums: the shortfall plus what the other values may lose.
     * @param upperEdge the upper edge of the exposure's band.
     * @return c, or {@link TriggerLadder#NONE}.
     */
    static long certainRiseAbove(final OracleExposure exposure, final long target, final long upperEdge)
    {
        final long p0 = exposure.price0;
        if (target == UNBOUNDED || exposure.up0 <= 0 || exposure.sizePremium)
        {
            return NONE;
        }
        final long need = saturatedAdd(target, slack(exposure, exposure.longPositions));
        final long ceiling = ceiling(p0);
        long c = saturatedAdd(p0 + 1, reach(need, p0, exposure.up0, Rounding.UP));
        for (int tries = 0; tries < CERTAIN_TRIES && c <= ceiling; tries++)
        {
            if (c > upperEdge && risesAbove(exposure, c, target))
            {
                return c;
            }
            c += Math.max(1, (c - p0) >> 4);
        }
        return NONE;
    }

    private static boolean holdsBelow(final OracleExposure exposure, final long a, final long lossCap,
        final long gainCap)
    {
        try
        {
            exposure.evaluate(a);
            final long sigma = exposure.sigmaBelowReference();
            if (lossCap != UNBOUNDED &&
                Math.subtractExact(Math.subtractExact(exposure.up, exposure.up0), sigma) < -lossCap)
            {
                return false;
            }
            return gainCap == UNBOUNDED ||
                Math.addExact(Math.subtractExact(exposure.down, exposure.down0), sigma) <= gainCap;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean holdsAbove(final OracleExposure exposure, final long b, final long lossCap,
        final long gainCap)
    {
        try
        {
            exposure.evaluate(b);
            final long sigma = exposure.sigmaAboveReference();
            if (lossCap != UNBOUNDED &&
                Math.subtractExact(Math.subtractExact(exposure.down, exposure.down0), sigma) < -lossCap)
            {
                return false;
            }
            return gainCap == UNBOUNDED ||
                Math.addExact(Math.subtractExact(exposure.up, exposure.up0), sigma) <= gainCap;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean fallsBelow(final OracleExposure exposure, final long c, final long target)
    {
        try
        {
            exposure.evaluate(c);
            return Math.subtractExact(Math.subtractExact(exposure.up0, exposure.up), exposure.sigmaFromZero()) >
                target;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean risesBelow(final OracleExposure exposure, final long c, final long target)
    {
        try
        {
            exposure.evaluate(c);
            return Math.subtractExact(exposure.down, exposure.down0) >= target;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean fallsAbove(final OracleExposure exposure, final long c, final long target)
    {
        try
        {
            exposure.evaluate(c);
            return Math.subtractExact(exposure.down0, exposure.down) > target;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    private static boolean risesAbove(final OracleExposure exposure, final long c, final long target)
    {
        try
        {
            exposure.evaluate(c);
            return Math.subtractExact(Math.subtractExact(exposure.up, exposure.longPositions), exposure.up0) >=
                target;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    /** Rounding slack of the linear aim: two quantums per holding, two more, and the σ of the interval. */
    private static long slack(final OracleExposure exposure, final long sigma)
    {
        return saturatedAdd(2L * exposure.holdings() + 2, sigma);
    }

    /** The price distance over which a value of {@code slope} at P0 (proportional to the price) moves by budget. */
    private static long reach(final long budget, final long p0, final long slope)
    {
        if (budget <= 0)
        {
            return 0;
        }
        if (slope <= 0)
        {
            return p0;
        }
        return reach(budget, p0, slope, Rounding.DOWN);
    }

    private static long reach(final long budget, final long p0, final long slope, final Rounding rounding)
    {
        if (slope <= 0)
        {
            return Long.MAX_VALUE / 2;
        }
        try
        {
            return Math.min(Long.MAX_VALUE / 2, FixedPoint.mulDiv(Math.max(0, budget), p0, slope, rounding));
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Retreats toward P0: twice by a sixteenth, then by halves. */
    private static long shrink(final long distance, final int tries)
    {
        return tries < 2 ? distance - (distance >> 4) - 1 : distance >> 1;
    }

    /** The highest band edge: four times P0, at most the highest price an oracle accepts. */
    private static long ceiling(final long p0)
    {
        return p0 > HIGHEST_PRICE / 4 ? HIGHEST_PRICE : p0 * 4;
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedNegate(final long value)
    {
        return value == Long.MIN_VALUE ? Long.MAX_VALUE : -value;
    }
}
