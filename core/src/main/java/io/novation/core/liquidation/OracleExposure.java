package io.novation.core.liquidation;

import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.LiquidityTier;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.util.Arrays;

/**
 * The holdings of one subaccount priced by one oracle, valued at any price as maintenance margin values them (all
 * amounts in quote quantums): its part of the health {@code g(P) = NC_maintenance − MMR} split into
 * {@code up(P)}, the sum over longs of {@code value − MMR} and over positive collateral of the weighted value, and
 * {@code down(P)}, the same over shorts (and negative collateral).
 * <p>
 * {@code down} is non-increasing in the price exactly: a short's value {@code −⌈x⌉} and its requirement
 * {@code ⌈⌈x⌉·MMF(⌈x⌉)/1e6⌉} both move against it. {@code up} is non-decreasing up to a slack: for a long with
 * {@code x = s·P·10^e}, value {@code V = ⌊x⌋}, magnitude {@code n = ⌈x⌉} and fraction {@code m = MMF(n) ≤ 1e6}
 * non-decreasing in {@code n}, for {@code a ≤ P1 ≤ P2 ≤ b}:
 * {@code n2 − n1 ≤ ΔV + 1} and {@code ΔMMR < (m2·(n2 − n1) + n1·(m2 − m1))/1e6 + 1}, so
 * {@code Δ(V − MMR) ≥ −1 − ⌈n(b)·(m(b) − m(a))/1e6⌉}, which is {@code −1} without a size premium ({@link #sigma});
 * weighted collateral is non-decreasing. Hence for every P in [a, b]:
 * {@code up(a) + down(b) − σ ≤ g(P) ≤ up(b) + down(a) + σ}, the bound every band of the health index is checked
 * against, at its two ends only.
 */
final class OracleExposure
{
    private static final int INITIAL = 4;

    int oracleId;
    int priceExponent;
    int positions;
    int longPositions;
    int collaterals;
    boolean hasUp;
    boolean hasDown;
    boolean sizePremium;

    private long[] sizes = new long[INITIAL];
    private int[] atomicResolutions = new int[INITIAL];
    private LiquidityTier[] tiers = new LiquidityTier[INITIAL];
    private long[] minimumFractions = new long[INITIAL];
    private long[] amounts = new long[INITIAL];
    private int[] decimals = new int[INITIAL];
    private long[] weights = new long[INITIAL];

    /** Results of the last {@link #evaluate}: up, down, gross exposure, and per position magnitude and MMF. */
    long up;
    long down;
    long gross;
    private long[] magnitudes = new long[INITIAL];
    private long[] fractions = new long[INITIAL];

    /** The reference valuation at the price the subaccount was checked at. */
    long price0;
    long up0;
    long down0;
    long gross0;
    private long[] magnitudes0 = new long[INITIAL];
    private long[] fractions0 = new long[INITIAL];

    void reset(final int oracleId, final int priceExponent)
    {
        this.oracleId = oracleId;
        this.priceExponent = priceExponent;
        positions = 0;
        longPositions = 0;
        collaterals = 0;
        hasUp = false;
        hasDown = false;
        sizePremium = false;
    }

    void addPosition(final long size, final int atomicResolution, final LiquidityTier tier)
    {
        if (positions == sizes.length)
        {
            final int capacity = positions * 2;
            sizes = Arrays.copyOf(sizes, capacity);
            atomicResolutions = Arrays.copyOf(atomicResolutions, capacity);
            tiers = Arrays.copyOf(tiers, capacity);
            minimumFractions = Arrays.copyOf(minimumFractions, capacity);
            magnitudes = Arrays.copyOf(magnitudes, capacity);
            fractions = Arrays.copyOf(fractions, capacity);
            magnitudes0 = Arrays.copyOf(magnitudes0, capacity);
            fractions0 = Arrays.copyOf(fractions0, capacity);
        }
        sizes[positions] = size;
        atomicResolutions[positions] = atomicResolution;
        tiers[positions] = tier;
        // Without a size premium the fraction is the same at every magnitude: computed once here.
        minimumFractions[positions] = tier.baseMaintenanceMarginPpm();
        positions++;
        if (size > 0)
        {
            longPositions++;
            hasUp = true;
            sizePremium |= tier.imfFactorPpm() != 0;
        }
        else
        {
            hasDown = true;
        }
    }

    void addCollateral(final long amount, final int assetDecimals, final long maintenanceWeightPpm)
    {
        if (collaterals == amounts.length)
        {
            final int capacity = collaterals * 2;
            amounts = Arrays.copyOf(amounts, capacity);
            decimals = Arrays.copyOf(decimals, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        amounts[collaterals] = amount;
        decimals[collaterals] = assetDecimals;
        weights[collaterals] = maintenanceWeightPpm;
        collaterals++;
        if (amount > 0)
        {
            hasUp = true;
        }
        else
        {
            hasDown = true;
        }
    }

    int holdings()
    {
        return positions + collaterals;
    }

    /**
     * Values the holdings at a price exactly as {@code MarginCalculator} does at an index price, into
     * {@link #up}, {@link #down}, {@link #gross} and the per-position magnitudes and fractions.
     *
     * @param price price units, positive.
     * @throws ArithmeticException when a value does not fit 64 bits.
     */
    void evaluate(final long price)
    {
        long upSum = 0;
        long downSum = 0;
        long grossSum = 0;
        for (int i = 0; i < positions; i++)
        {
            final long size = sizes[i];
            final long value = PerpetualMath.notionalQuoteQuantums(
                size, price, priceExponent, atomicResolutions[i], Rounding.DOWN);
            final long magnitude = size < 0 ? Math.absExact(value) : PerpetualMath.notionalQuoteQuantumsCeiling(
                size, price, priceExponent, atomicResolutions[i], value);
            final LiquidityTier tier = tiers[i];
            final long fraction = tier.imfFactorPpm() == 0 ? minimumFractions[i] :
                tier.maintenanceMarginPpmAtSize(magnitude);
            final long requirement = PerpetualMath.maintenanceMarginRequirement(magnitude, fraction);
            magnitudes[i] = magnitude;
            fractions[i] = fraction;
            final long health = Math.subtractExact(value, requirement);
            if (size > 0)
            {
                upSum = Math.addExact(upSum, health);
            }
            else
            {
                downSum = Math.addExact(downSum, health);
            }
            grossSum = Math.addExact(grossSum, Math.addExact(magnitude, requirement));
        }
        for (int i = 0; i < collaterals; i++)
        {
            final long amount = amounts[i];
            final long value = FixedPoint.mulPpm(PerpetualMath.notionalQuoteQuantums(
                amount, price, priceExponent, -decimals[i], Rounding.DOWN), weights[i], Rounding.DOWN);
            if (amount > 0)
            {
                upSum = Math.addExact(upSum, value);
            }
            else
            {
                downSum = Math.addExact(downSum, value);
            }
            grossSum = Math.addExact(grossSum, Math.absExact(value));
        }
        up = upSum;
        down = downSum;
        gross = grossSum;
    }

    /**
     * Values the holdings at the price the subaccount is checked at and keeps it as the reference.
     *
     * @param price price units, positive.
     */
    void evaluateReference(final long price)
    {
        evaluate(price);
        price0 = price;
        up0 = up;
        down0 = down;
        gross0 = gross;
        System.arraycopy(magnitudes, 0, magnitudes0, 0, positions);
        System.arraycopy(fractions, 0, fractions0, 0, positions);
    }

    /**
     * The slack σ of {@code up} over [a, P0] after {@link #evaluate}(a): Σ over longs of
     * {@code 1 + ⌈n(P0)·(m(P0) − m(a))/1e6⌉}.
     *
     * @return quote quantums.
     */
    long sigmaBelowReference()
    {
        if (!sizePremium)
        {
            return longPositions;
        }
        long sigma = 0;
        for (int i = 0; i < positions; i++)
        {
            if (sizes[i] > 0)
            {
                sigma = Math.addExact(sigma, 1 + FixedPoint.mulPpm(magnitudes0[i], fractions0[i] - fractions[i],
                    Rounding.UP));
            }
        }
        return sigma;
    }

    /**
     * The slack σ of {@code up} over [P0, b] after {@link #evaluate}(b): Σ over longs of
     * {@code 1 + ⌈n(b)·(m(b) − m(P0))/1e6⌉}.
     *
     * @return quote quantums.
     */
    long sigmaAboveReference()
    {
        if (!sizePremium)
        {
            return longPositions;
        }
        long sigma = 0;
        for (int i = 0; i < positions; i++)
        {
            if (sizes[i] > 0)
            {
                sigma = Math.addExact(sigma, 1 + FixedPoint.mulPpm(magnitudes[i], fractions[i] - fractions0[i],
                    Rounding.UP));
            }
        }
        return sigma;
    }

    /**
     * The slack σ of {@code up} over [0, c] after {@link #evaluate}(c): Σ over longs of
     * {@code 1 + ⌈n(c)·(m(c) − m(0))/1e6⌉}, which bounds {@code up(P) − up(c)} for every P at or below c.
     *
     * @return quote quantums.
     */
    long sigmaFromZero()
    {
        if (!sizePremium)
        {
            return longPositions;
        }
        long sigma = 0;
        for (int i = 0; i < positions; i++)
        {
            if (sizes[i] > 0)
            {
                sigma = Math.addExact(sigma, 1 + FixedPoint.mulPpm(magnitudes[i], fractions[i] - minimumFractions[i],
                    Rounding.UP));
            }
        }
        return sigma;
    }

    /**
     * An upper bound of {@link #sigmaBelowReference()} for any a (the fractions at zero magnitude), used to aim
     * before evaluating.
     *
     * @return quote quantums.
     */
    long sigmaBelowReferenceBound()
    {
        if (!sizePremium)
        {
            return longPositions;
        }
        long sigma = 0;
        for (int i = 0; i < positions; i++)
        {
            if (sizes[i] > 0)
            {
                sigma = Math.addExact(sigma, 1 + FixedPoint.mulPpm(magnitudes0[i],
                    fractions0[i] - minimumFractions[i], Rounding.UP));
            }
        }
        return sigma;
    }
}
