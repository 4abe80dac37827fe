package io.novation.core.funding;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.QuoteUnit;
import io.novation.core.money.Rounding;

import java.math.BigInteger;

/**
 * The arithmetic of funding, in fixed point: premiums and rates in parts per billion of the index, the cumulative
 * funding index in billionths of a quote quantum per base quantum, payments in quote quantums.
 * <p>
 * The formulas are those of dYdX v4 ({@code x/perpetuals/funding/funding.go}, {@code x/perpetuals/lib/lib.go}) and
 * BitMEX (the interest adjustment); dYdX quotes rates and the index in parts per million, Novation in parts per
 * billion, and every function here is written so that it gives dYdX's numbers when fed dYdX's units.
 */
public final class FundingMath
{
    private FundingMath()
    {
    }

    /**
     * The impact premium (dYdX, after FTX): {@code (max(0, bid − index) − max(0, index − ask)) / index}. A side that
     * is not reported (zero) adds nothing.
     *
     * @param impactBidPrice price at which the book absorbs a standard sell, in index price units, or 0.
     * @param impactAskPrice price at which the book absorbs a standard buy, in index price units, or 0.
     * @param indexPrice     the oracle price, positive.
     * @return premium in ppb, rounded toward zero.
     */
    public static long impactPremiumPpb(final long impactBidPrice, final long impactAskPrice, final long indexPrice)
    {
        checkPositive(indexPrice);
        final long bidPremium = impactBidPrice > indexPrice ? impactBidPrice - indexPrice : 0;
        final long askDiscount = impactAskPrice > 0 && impactAskPrice < indexPrice ? indexPrice - impactAskPrice : 0;
        return FixedPoint.mulDiv(Math.subtractExact(bidPremium, askDiscount), FundingParameters.PPB, indexPrice,
            Rounding.TOWARD_ZERO);
    }

    /**
     * The premium of a mark price over the index: {@code (mark − index) / index}.
     *
     * @param markPrice  mark price in index price units, positive.
     * @param indexPrice oracle price, positive.
     * @return premium in ppb, rounded toward zero.
     */
    public static long markPremiumPpb(final long markPrice, final long indexPrice)
    {
        checkPositive(indexPrice);
        checkPositive(markPrice);
        return FixedPoint.mulDiv(markPrice - indexPrice, FundingParameters.PPB, indexPrice, Rounding.TOWARD_ZERO);
    }

    /**
     * The largest funding rate or premium a market's tier allows: {@code factor · (IMF − MMF)} (dYdX v4's clamp).
     *
     * @param clampFactorPpm        clamp factor in ppm.
     * @param initialMarginPpm      the tier's base initial margin fraction in ppm.
     * @param maintenanceMarginPpm  the tier's maintenance margin fraction in ppm.
     * @return the bound in ppb, rounded down.
     */
    public static long clampBoundPpb(final long clampFactorPpm, final long initialMarginPpm,
        final long maintenanceMarginPpm)
    {
        final long spreadPpb = Math.multiplyExact(Math.max(0, initialMarginPpm - maintenanceMarginPpm), 1_000L);
        return FixedPoint.mulPpm(spreadPpb, clampFactorPpm, Rounding.DOWN);
    }

    /**
     * The 8-hour rate from the average premium: {@code P + clamp(I − P, ±interestClamp)} (BitMEX), then clamped to
     * {@code ±bound}.
     *
     * @param averagePremiumPpb P, ppb.
     * @param interestPpb       I, ppb per 8 hours.
     * @param interestClampPpb  the adjustment bound, ppb.
     * @param boundPpb          the rate bound, ppb.
     * @return the 8-hour rate, ppb.
     */
    public static long rate8hPpb(final long averagePremiumPpb, final long interestPpb, final long interestClampPpb,
        final long boundPpb)
    {
        final long adjustment = clamp(Math.subtractExact(interestPpb, averagePremiumPpb), interestClampPpb);
        return clamp(Math.addExact(averagePremiumPpb, adjustment), boundPpb);
    }

    /**
     * The move of the cumulative funding index for a rate held over an elapsed time (dYdX
     * {@code GetFundingIndexDelta}): {@code rate · elapsed / 8 h · quoteQuantumsPerBaseQuantum}, computed as dYdX
     * does: {@code rate·elapsed} converted from base to quote quantums at the price (truncated), then divided by the
     * period (truncated). Both truncations are toward zero and shared by longs and shorts, so they break no
     * zero-sum. Every intermediate is exact (wider than 64 bits: the product of rate, elapsed time and price at the
     * engine's ppb and milliseconds does not fit a long for real parameters); only the result must fit.
     * <p>
     * Two nested truncations toward zero by positive divisors equal one truncation by their product, so the result
     * is {@code trunc(rate · elapsed · price · 10^e / period)} with {@code e = priceExponent + atomicResolution + 6}
     * (a negative {@code e} divides), whatever the order.
     *
     * @param rate             the 8-hour rate (ppb; dYdX's tests pass ppm).
     * @param elapsed          time the rate was held, in the unit of {@code period}, not negative.
     * @param period           the rate's period, 8 hours in the same unit, positive.
     * @param price            index price value, positive.
     * @param priceExponent    index price exponent.
     * @param atomicResolution the perpetual's atomic resolution.
     * @return index delta, in the rate's unit of a quote quantum per base quantum.
     * @throws ArithmeticException if the result does not fit a long.
     */
    public static long indexDelta(final long rate, final long elapsed, final long period, final long price,
        final int priceExponent, final int atomicResolution)
    {
        checkPositive(price);
        checkPositive(period);
        if (elapsed < 0)
        {
            throw new IllegalArgumentException("elapsed time must not be negative");
        }
        final int exponent = priceExponent + atomicResolution - QuoteUnit.ATOMIC_RESOLUTION;
        BigInteger numerator = BigInteger.valueOf(rate).multiply(BigInteger.valueOf(elapsed))
            .multiply(BigInteger.valueOf(price));
        BigInteger denominator = BigInteger.valueOf(period);
        if (exponent >= 0)
        {
            numerator = numerator.multiply(BigInteger.TEN.pow(exponent));
        }
        else
        {
            denominator = denominator.multiply(BigInteger.TEN.pow(-exponent));
        }
        // BigInteger.divide truncates toward zero.
        return numerator.divide(denominator).longValueExact();
    }

    /**
     * The exact funding a position is owed between the index it settled at and the market's index, in the index's
     * unit times base quantums (dYdX {@code GetSettlementPpmWithPerpetual}: {@code (positionIndex − marketIndex) ·
     * size}): positive means the position receives. Only for values that fit a long; the engine itself uses
     * {@link #settlementQuoteQuantums}.
     *
     * @param positionIndex index the position last settled at.
     * @param marketIndex   the market's cumulative index now.
     * @param size          signed base quantums.
     * @return the settlement, in index units times base quantums.
     */
    public static long settlementInIndexUnits(final long positionIndex, final long marketIndex, final long size)
    {
        return Math.multiplyExact(Math.subtractExact(positionIndex, marketIndex), size);
    }

    /**
     * The funding a position settles, in quote quantums: {@code floor((positionIndex − marketIndex) · size / 1e9)}.
     * The floor is in the protocol's favour on both sides: a payer pays the fraction of a quantum, a receiver
     * forgoes it; {@link #settlementResidueNanos} gives the fraction.
     *
     * @param positionIndex index the position last settled at (billionths of a quote quantum per base quantum).
     * @param marketIndex   the market's cumulative index now.
     * @param size          signed base quantums.
     * @return quote quantums the position receives (negative: pays).
     */
    public static long settlementQuoteQuantums(final long positionIndex, final long marketIndex, final long size)
    {
        return FixedPoint.mulDiv(Math.subtractExact(positionIndex, marketIndex), size, FundingParameters.PPB,
            Rounding.DOWN);
    }

    /**
     * What the floor of {@link #settlementQuoteQuantums} keeps back: the exact settlement minus the settled
     * quantums, in billionths of a quote quantum, in [0, 1e9).
     *
     * @param positionIndex index the position last settled at.
     * @param marketIndex   the market's cumulative index now.
     * @param size          signed base quantums.
     * @return the residue in billionths of a quote quantum.
     */
    public static long settlementResidueNanos(final long positionIndex, final long marketIndex, final long size)
    {
        final long delta = Math.floorMod(Math.subtractExact(positionIndex, marketIndex), FundingParameters.PPB);
        final long quantity = Math.floorMod(size, FundingParameters.PPB);
        return Math.floorMod(delta * quantity, FundingParameters.PPB);
    }

    /**
     * The value clamped to {@code [−bound, bound]}.
     *
     * @param value the value.
     * @param bound non-negative bound.
     * @return the clamped value.
     */
    public static long clamp(final long value, final long bound)
    {
        return Math.max(-bound, Math.min(bound, value));
    }

    private static void checkPositive(final long price)
    {
        if (price <= 0)
        {
            throw new IllegalArgumentException("prices must be positive");
        }
    }
}
