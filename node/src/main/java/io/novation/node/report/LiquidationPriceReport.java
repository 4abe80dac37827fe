package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.margin.OracleLiquidationPrices;
import io.novation.core.oracle.OracleBook;

import java.util.List;

import static io.novation.node.report.ReportUnits.price;

/**
 * The liquidation and bankruptcy prices of the state report, in USD per base unit of each oracle: per position its
 * oracle's nearer prices, per subaccount both sides of every oracle that prices its holdings.
 */
final class LiquidationPriceReport
{
    private LiquidationPriceReport()
    {
    }

    /**
     * A position's liquidation and bankruptcy prices: its oracle's nearer liquidation price (below on a tie) with its
     * side and the bankruptcy price on that side; or, when no price of the oracle makes the subaccount liquidatable,
     * the nearer bankruptcy price; nulls with {@code false} flags where there is none.
     */
    static void liquidationPrice(final OracleBook oracles, final int oracleId,
        final List<OracleLiquidationPrices> all, final ObjectNode position)
    {
        OracleLiquidationPrices.Side side = null;
        for (final OracleLiquidationPrices prices : all)
        {
            if (prices.oracleId() == oracleId)
            {
                side = prices.nearest();
                if (side == null && (prices.below().hasBankruptcyPrice() || prices.above().hasBankruptcyPrice()))
                {
                    side = !prices.above().hasBankruptcyPrice() || prices.below().hasBankruptcyPrice() &&
                        prices.price() - prices.below().bankruptcyPrice() <=
                        prices.above().bankruptcyPrice() - prices.price() ? prices.below() : prices.above();
                }
            }
        }
        if (side == null)
        {
            position.putNull("liquidationPrice");
            position.put("liquidationPriceExists", false);
            position.putNull("bankruptcyPrice");
            position.put("bankruptcyPriceExists", false);
            position.putNull("liquidationSide");
            return;
        }
        prices(oracles, oracleId, side, position);
        position.put("liquidationSide", side.direction() < 0 ? "below" : "above");
    }

    /**
     * One side of an oracle's prices: the two prices with their flags, and where one of them is none, the end of the
     * range searched for it.
     */
    static void side(final OracleBook oracles, final int oracleId, final OracleLiquidationPrices.Side side,
        final ObjectNode node)
    {
        prices(oracles, oracleId, side, node);
        if (!side.hasLiquidationPrice() || !side.hasBankruptcyPrice())
        {
            node.put("searchedTo", price(oracles, oracleId, side.searchedTo()));
        }
    }

    private static void prices(final OracleBook oracles, final int oracleId, final OracleLiquidationPrices.Side side,
        final ObjectNode node)
    {
        node.put("liquidationPrice", side.hasLiquidationPrice() ?
            price(oracles, oracleId, side.liquidationPrice()) : null);
        node.put("liquidationPriceExists", side.hasLiquidationPrice());
        node.put("bankruptcyPrice", side.hasBankruptcyPrice() ? price(oracles, oracleId, side.bankruptcyPrice()) :
            null);
        node.put("bankruptcyPriceExists", side.hasBankruptcyPrice());
    }
}
