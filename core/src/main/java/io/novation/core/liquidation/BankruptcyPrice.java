package io.novation.core.liquidation;

import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The bankruptcy price of a whole position, in the oracle's price units: the price at which closing it leaves the
 * subaccount's net collateral in the same ratio to its maintenance requirement (all of it, when it is the only
 * position: net collateral zero). Below it (for a long) the insurance fund pays; it is what deleveraging closes at.
 */
public final class BankruptcyPrice
{
    /** Returned when the subaccount has no maintenance requirement or the position no price. */
    public static final long NONE = -1L;

    private BankruptcyPrice()
    {
    }

    /**
     * The bankruptcy price of the subaccount's position in a market.
     *
     * @param calculator the margin calculator.
     * @param subaccount the subaccount.
     * @param market     the market.
     * @param oracles    the oracle prices.
     * @param figures    the subaccount's current margin figures.
     * @return price units at the oracle's exponent (rounded up for a long, down for a short; 0 when the position
     * could be given away), or {@link #NONE}.
     */
    public static long of(final MarginCalculator calculator, final Subaccount subaccount,
        final PerpetualMarket market, final OracleBook oracles, final MarginFigures figures)
    {
        final long size = subaccount.positionSizeIn(market.id());
        if (size == 0 || figures.maintenanceMarginRequirement() <= 0 ||
            !calculator.position(market, size, 0, new PositionMargin()))
        {
            return NONE;
        }
        final long quote = quote(calculator, figures, market, size, 0);
        // quote = |size| · price · 10^e  (a long receives it, a short pays it), e = exponent + resolution + 6.
        final int e = oracles.priceExponent(market.oracleId()) + market.atomicResolution() + 6;
        final BigDecimal price = BigDecimal.valueOf(size > 0 ? quote : -quote)
            .divide(BigDecimal.valueOf(Math.abs(size)).scaleByPowerOfTen(e), 0,
                size > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return Math.max(0, price.longValueExact());
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
