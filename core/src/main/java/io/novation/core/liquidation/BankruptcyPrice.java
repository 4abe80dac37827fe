package io.novation.core.liquidation;

import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.PerpetualMarket;

/**
 * The bankruptcy price of a liquidation, in quote quantums for the part closed: the amount at which closing it leaves
 * the subaccount's net collateral in the same ratio to its maintenance requirement (all of it, when it is the only
 * position: net collateral zero). Worse than it the insurance fund pays; it is what deleveraging closes at. (The
 * oracle price at which a subaccount's net collateral reaches zero, as published, is
 * {@link io.novation.core.margin.LiquidationPriceSearch}'s.)
 */
public final class BankruptcyPrice
{
    private BankruptcyPrice()
    {
    }

    /**
     * What a subaccount receives at its bankruptcy price for resizing one position (dYdX
     * {@code GetBankruptcyPriceInQuoteQuantums}).
     *
     * @param calculator  the margin calculator.
     * @param figures     the subaccount's margin figures now (TMMR positive).
     * @param market      the market.
     * @param position    the position's signed size now.
     * @param newPosition its signed size after, toward zero.
     * @return quote quantums, negative when the subaccount pays.
     */
    public static long quote(final MarginCalculator calculator, final MarginFigures figures,
        final PerpetualMarket market, final long position, final long newPosition)
    {
        final PositionMargin before = new PositionMargin();
        final PositionMargin after = new PositionMargin();
        calculator.position(market, position, 0, before);
        long valueAfter = 0;
        long requirementAfter = 0;
        if (newPosition != 0)
        {
            calculator.position(market, newPosition, 0, after);
            valueAfter = after.value();
            requirementAfter = after.maintenanceRequirement();
        }
        return LiquidationMath.bankruptcyQuote(figures.netCollateralMaintenance(),
            figures.maintenanceMarginRequirement(), valueAfter - before.value(),
            requirementAfter - before.maintenanceRequirement());
    }
}
