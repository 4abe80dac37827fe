package io.novation.core.margin;

/**
 * A subaccount's liquidation and bankruptcy prices for one oracle that prices its holdings, in price units at the
 * oracle's exponent: the nearest crossing below the current index and the nearest above, each found by
 * {@link LiquidationPriceSearch} on the engine's own margin function with every other oracle held at its price.
 *
 * @param oracleId the oracle.
 * @param price    its index price the search started from.
 * @param below    the crossings as the price falls.
 * @param above    the crossings as the price rises.
 */
public record OracleLiquidationPrices(int oracleId, long price, Side below, Side above)
{
    /** Marks a price that does not exist on the searched range. */
    public static final long NONE = -1L;

    /**
     * The side with the nearer liquidation price (below on a tie), or null when neither side has one.
     *
     * @return the side or null.
     */
    public Side nearest()
    {
        if (!below.hasLiquidationPrice())
        {
            return above.hasLiquidationPrice() ? above : null;
        }
        if (!above.hasLiquidationPrice())
        {
            return below;
        }
        return above.liquidationPrice() - price < price - below.liquidationPrice() ? above : below;
    }

    /**
     * The crossings in one direction, in price units.
     *
     * @param direction        −1 for a falling price, +1 for a rising one.
     * @param liquidationPrice the first price, moving away from the current index, at which the subaccount is below
     *                         maintenance (there and one unit further; not one unit nearer), the current price
     *                         when it is below maintenance already, or {@link #NONE}.
     * @param bankruptcyPrice  the same for maintenance net collateral at or below zero, or {@link #NONE}.
     * @param searchedTo       the farthest grid point evaluated: the end of the range (1 unit below, ten times the
     *                         price above) unless both prices were found before it, or the last point before a
     *                         figure stops fitting 64 bits. A price marked {@link #NONE} has no crossing found on
     *                         the grid from the current price to here.
     */
    public record Side(int direction, long liquidationPrice, long bankruptcyPrice, long searchedTo)
    {
        /**
         * Whether some price on the searched range makes the subaccount liquidatable.
         *
         * @return true when {@link #liquidationPrice} is a price.
         */
        public boolean hasLiquidationPrice()
        {
            return liquidationPrice != NONE;
        }

        /**
         * Whether some price on the searched range leaves no maintenance net collateral.
         *
         * @return true when {@link #bankruptcyPrice} is a price.
         */
        public boolean hasBankruptcyPrice()
        {
            return bankruptcyPrice != NONE;
        }
    }
}
