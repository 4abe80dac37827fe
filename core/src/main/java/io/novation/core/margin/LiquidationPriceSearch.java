package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;
import io.novation.core.surface.VolSurfaceBook;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a subaccount's liquidation and bankruptcy prices per oracle (price units at the oracle's exponent) on the
 * engine's own margin function ({@link MarginCalculator} through an {@link OraclePriceOverride}): for each oracle
 * that prices a position or a collateral balance, and each direction from its index P, a scan over a grid (steps of
 * 1 % of P out to 0 and to 2·P, then steps of 5 % of the last point out to 10·P) until the first grid point where
 * the subaccount is below maintenance ({@link MarginFigures#isBelowMaintenance}), then a bisection between it and the
 * grid point before, to the pair of adjacent price units where the state changes; the liquidation price is the unit
 * on the liquidatable side, and the unit one further must be liquidatable too (else the scan goes on past that
 * one-unit island). Where the margin is monotone in the price (a perpetual or collateral alone) that is the exact
 * first price at which the engine would liquidate; with options, the nearest crossing the grid finds, exact at the
 * published unit. The bankruptcy price is the same search for maintenance net collateral at or below zero. A
 * reporting tool: it allocates, and never runs inside command application.
 */
public final class LiquidationPriceSearch
{
    /** The grid's steps of 1 % of the price on each side, out to 0 below and 2·P above. */
    static final int LINEAR_STEPS = 100;
    /** How far above the price the search goes, as a multiple of it. */
    public static final long MAX_MULTIPLE = 10;
    /** Beyond 2·P, each grid step is this fraction of the last point (1/20: 5 %). */
    private static final long GEOMETRIC_DIVISOR = 20;

    private static final int LIQUIDATABLE = 1;
    private static final int BANKRUPT = 2;
    private static final int UNPRICED = 4;

    private final Markets markets;
    private final OraclePriceOverride override;
    private final MarginFigures figures = new MarginFigures();

    /**
     * A search over the engine's registries.
     *
     * @param markets  assets, perpetuals and option series.
     * @param oracles  the engine's oracles.
     * @param surfaces volatility surfaces.
     */
    public LiquidationPriceSearch(final Markets markets, final OracleBook oracles, final VolSurfaceBook surfaces)
    {
        this.markets = markets;
        this.override = new OraclePriceOverride(markets, oracles, surfaces);
    }

    /**
     * The prices for every oracle that prices the subaccount's positions or non-quote collateral, by oracle id.
     *
     * @param subaccount the subaccount.
     * @return the prices, or null when a price or surface needed is missing.
     * @throws ArithmeticException when a figure at the current prices does not fit 64 bits.
     */
    public List<OracleLiquidationPrices> of(final Subaccount subaccount)
    {
        override.refresh();
        final List<OracleLiquidationPrices> result = new ArrayList<>();
        for (final int oracleId : oraclesOf(subaccount))
        {
            final OracleLiquidationPrices prices = search(subaccount, oracleId);
            if (prices == null)
            {
                return null;
            }
            result.add(prices);
        }
        return result;
    }

    /**
     * The prices for one oracle.
     *
     * @param subaccount the subaccount.
     * @param oracleId   the oracle.
     * @return the prices, or null when a price or surface needed is missing.
     * @throws ArithmeticException when a figure at the current prices does not fit 64 bits.
     */
    public OracleLiquidationPrices of(final Subaccount subaccount, final int oracleId)
    {
        override.refresh();
        return search(subaccount, oracleId);
    }

    /**
     * Whether the engine's margin function finds the subaccount below maintenance with one oracle at a price (after
     * the last search's copy of the other prices).
     *
     * @param subaccount the subaccount.
     * @param oracleId   the oracle.
     * @param price      positive price units.
     * @return true when liquidatable there.
     */
    public boolean isLiquidatableAt(final Subaccount subaccount, final int oracleId, final long price)
    {
        return (state(subaccount, oracleId, price) & LIQUIDATABLE) != 0;
    }

    /**
     * Whether maintenance net collateral is at or below zero with one oracle at a price.
     *
     * @param subaccount the subaccount.
     * @param oracleId   the oracle.
     * @param price      positive price units.
     * @return true when bankrupt there.
     */
    public boolean isBankruptAt(final Subaccount subaccount, final int oracleId, final long price)
    {
        return (state(subaccount, oracleId, price) & BANKRUPT) != 0;
    }

    /**
     * The grid points of one side, in search order.
     *
     * @param price     the current price, positive.
     * @param direction −1 or +1.
     * @return price units moving away from the price, the last one the end of the searched range.
     */
    public static long[] grid(final long price, final int direction)
    {
        final long[] points = new long[LINEAR_STEPS + 64];
        int count = 0;
        long last = price;
        for (int k = 1; k <= LINEAR_STEPS; k++)
        {
            final long step = Math.max(FixedPoint.mulDiv(price, k, LINEAR_STEPS, Rounding.DOWN), 1);
            final long next = direction < 0 ? Math.max(price - step, 1) : saturatedAdd(price, step);
            if (next != last)
            {
                points[count++] = next;
                last = next;
            }
            if (direction < 0 && next == 1)
            {
                return java.util.Arrays.copyOf(points, count);
            }
        }
        if (direction < 0)
        {
            if (last != 1)
            {
                points[count++] = 1;
            }
            return java.util.Arrays.copyOf(points, count);
        }
        final long end = price > Long.MAX_VALUE / MAX_MULTIPLE ? Long.MAX_VALUE : price * MAX_MULTIPLE;
        while (last < end)
        {
            last = Math.min(saturatedAdd(last, Math.max(last / GEOMETRIC_DIVISOR, 1)), end);
            if (count == points.length)
            {
                return java.util.Arrays.copyOf(points, count);
            }
            points[count++] = last;
        }
        return java.util.Arrays.copyOf(points, count);
    }

    private OracleLiquidationPrices search(final Subaccount subaccount, final int oracleId)
    {
        final long price = override.price(oracleId);
        if (price == OracleBook.NO_PRICE)
        {
            return null;
        }
        final int now = state(subaccount, oracleId, price);
        if ((now & UNPRICED) != 0)
        {
            return null;
        }
        final OracleLiquidationPrices.Side below = side(subaccount, oracleId, price, now, -1);
        final OracleLiquidationPrices.Side above = side(subaccount, oracleId, price, now, 1);
        return below == null || above == null ? null :
            new OracleLiquidationPrices(oracleId, price, below, above);
    }

    private OracleLiquidationPrices.Side side(final Subaccount subaccount, final int oracleId, final long price,
        final int now, final int direction)
    {
        long liquidation = (now & LIQUIDATABLE) != 0 ? price : OracleLiquidationPrices.NONE;
        long bankruptcy = (now & BANKRUPT) != 0 ? price : OracleLiquidationPrices.NONE;
        long searched = price;
        long healthyLiquidation = price;
        long healthyBankruptcy = price;
        for (final long point : grid(price, direction))
        {
            if (liquidation != OracleLiquidationPrices.NONE && bankruptcy != OracleLiquidationPrices.NONE)
            {
                break;
            }
            final int state;
            try
            {
                state = state(subaccount, oracleId, point);
            }
            catch (final ArithmeticException ex)
            {
                break;
            }
            if ((state & UNPRICED) != 0)
            {
                return null;
            }
            searched = point;
            if (liquidation == OracleLiquidationPrices.NONE)
            {
                if ((state & LIQUIDATABLE) != 0)
                {
                    liquidation = locate(subaccount, oracleId, healthyLiquidation, point, direction, LIQUIDATABLE);
                    healthyLiquidation = point + direction;
                }
                else
                {
                    healthyLiquidation = point;
                }
            }
            if (bankruptcy == OracleLiquidationPrices.NONE)
            {
                if ((state & BANKRUPT) != 0)
                {
                    bankruptcy = locate(subaccount, oracleId, healthyBankruptcy, point, direction, BANKRUPT);
                    healthyBankruptcy = point + direction;
                }
                else
                {
                    healthyBankruptcy = point;
                }
            }
        }
        return new OracleLiquidationPrices.Side(direction, liquidation, bankruptcy, searched);
    }

    /**
     * Between a price where the condition does not hold and a grid point where it does, the nearest unit to the
     * former where it holds, there and one unit further; or NONE when that is only a one-unit island at the grid
     * point itself (the scan then goes on).
     */
    private long locate(final Subaccount subaccount, final int oracleId, final long healthy, final long point,
        final int direction, final int condition)
    {
        long outside = healthy;
        long inside = point;
        while (true)
        {
            while (Math.abs(inside - outside) > 1)
            {
                final long middle = outside + (inside - outside) / 2;
                if ((state(subaccount, oracleId, middle) & condition) != 0)
                {
                    inside = middle;
                }
                else
                {
                    outside = middle;
                }
            }
            final long further = inside + direction;
            if (further < 1 || direction > 0 && further > gridEnd(override.price(oracleId)))
            {
                return inside;
            }
            final int state;
            try
            {
                state = state(subaccount, oracleId, further);
            }
            catch (final ArithmeticException ex)
            {
                return inside;
            }
            if ((state & condition) != 0)
            {
                return inside;
            }
            if (inside == point)
            {
                return OracleLiquidationPrices.NONE;
            }
            outside = further;
            inside = point;
        }
    }

    private int state(final Subaccount subaccount, final int oracleId, final long price)
    {
        if (!override.compute(subaccount, oracleId, price, figures))
        {
            return UNPRICED;
        }
        return (figures.isBelowMaintenance() ? LIQUIDATABLE : 0) |
            (figures.netCollateralMaintenance() <= 0 ? BANKRUPT : 0);
    }

    private static long gridEnd(final long price)
    {
        return price > Long.MAX_VALUE / MAX_MULTIPLE ? Long.MAX_VALUE : price * MAX_MULTIPLE;
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private int[] oraclesOf(final Subaccount subaccount)
    {
        final boolean[] seen = new boolean[override.oracleCount()];
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            if (subaccount.positionSize(i) != 0)
            {
                seen[markets.instrument(subaccount.positionMarket(i)).oracleId()] = true;
            }
        }
        for (int assetId = 0; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0)
            {
                final Asset asset = markets.asset(assetId);
                if (!asset.isQuote())
                {
                    seen[asset.oracleId()] = true;
                }
            }
        }
        int count = 0;
        for (final boolean s : seen)
        {
            count += s ? 1 : 0;
        }
        final int[] ids = new int[count];
        int next = 0;
        for (int id = 0; id < seen.length; id++)
        {
            if (seen[id])
            {
                ids[next++] = id;
            }
        }
        return ids;
    }
}
