package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.margin.LiquidationPriceSearch;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OracleLiquidationPrices;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.Asset;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.node.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static io.novation.node.report.LiquidationPriceReport.liquidationPrice;
import static io.novation.node.report.LiquidationPriceReport.side;
import static io.novation.node.report.ReportUnits.entryPrice;
import static io.novation.node.report.ReportUnits.price;
import static io.novation.node.report.ReportUnits.quote;

/**
 * One subaccount in the state report: collateral in each asset's units, perpetual positions (size in base units,
 * prices in USD, amounts in USDC), option positions ({@link OptionPositionReport}), Greeks and margin figures in USDC.
 */
final class SubaccountReport
{
    private SubaccountReport()
    {
    }

    /**
     * One subaccount: collateral, positions (size, entry, oracle and liquidation prices, notional, unrealized PnL,
     * requirements) and margin figures.
     *
     * @param state      the engine state.
     * @param calculator a margin calculator over the state.
     * @param subaccount the subaccount.
     * @return the object.
     */
    static ObjectNode subaccount(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount)
    {
        try
        {
            return subaccountFigures(state, calculator, subaccount);
        }
        catch (final ArithmeticException ex)
        {
            final ObjectNode unavailable = Json.MAPPER.createObjectNode();
            unavailable.put("number", subaccount.number());
            unavailable.put("margin", "unavailable: a value does not fit 64 bits (" + ex.getMessage() + ")");
            return unavailable;
        }
    }

    private static ObjectNode subaccountFigures(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount)
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("number", subaccount.number());
        node.put("marginMode", subaccount.isIsolated() ? "isolated" : "cross");
        node.put("marginModel", subaccount.isPortfolioMargin() ? "portfolio" : "standard");
        final ObjectNode collateral = node.putObject("collateral");
        for (int assetId = 0; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0)
            {
                final Asset asset = state.markets().asset(assetId);
                collateral.put(asset.symbol(), FixedPoint.formatDecimal(subaccount.balance(assetId), asset.decimals()));
            }
        }
        final MarginFigures figures = new MarginFigures();
        final PositionMargin positionMargin = new PositionMargin();
        final boolean priced = calculator.compute(subaccount, figures);
        final ArrayNode positions = node.putArray("positions");
        final OracleBook oracles = state.oracles();
        List<OracleLiquidationPrices> liquidationPrices = null;
        String liquidationPricesUnavailable = "unavailable: a price is missing";
        try
        {
            liquidationPrices = priced ? new LiquidationPriceSearch(state.markets(), oracles, state.volSurfaces())
                .of(subaccount) : null;
        }
        catch (final ArithmeticException ex)
        {
            liquidationPricesUnavailable = "unavailable: a value does not fit 64 bits (" + ex.getMessage() + ")";
        }
        final PortfolioGreeks greeks = new PortfolioGreeks();
        for (int p = 0; p < subaccount.positionCount(); p++)
        {
            if (subaccount.positionMarket(p) >= OptionSeries.FIRST_ID)
            {
                final ObjectNode option = positions.addObject();
                OptionPositionReport.write(state, calculator, subaccount, p, option, greeks);
                if (liquidationPrices != null)
                {
                    liquidationPrice(oracles, state.markets().option(subaccount.positionMarket(p)).oracleId(),
                        liquidationPrices, option);
                }
                continue;
            }
            final PerpetualMarket market = state.markets().perpetual(subaccount.positionMarket(p));
            final long size = subaccount.positionSize(p);
            greeks.addPerpetual(oracles, market, size);
            final ObjectNode position = positions.addObject();
            position.put("market", market.ticker());
            position.put("size", FixedPoint.formatDecimal(size, -market.atomicResolution()));
            position.put("entryPrice", entryPrice(oracles, market.oracleId(), market.atomicResolution(), size,
                subaccount.positionCostBasis(p)));
            position.put("accruedFunding", quote(market.funding().accrued(size, subaccount.positionFundingIndex(p))));
            final long oraclePrice = oracles.price(market.oracleId());
            position.put("oraclePrice", price(oracles, market.oracleId(), oraclePrice));
            if (calculator.position(market, size, 0, positionMargin))
            {
                position.put("notional", quote(positionMargin.value()));
                position.put("unrealizedPnl", quote(positionMargin.value() - subaccount.positionCostBasis(p)));
                position.put("initialMarginRequirement", quote(positionMargin.initialRequirement()));
                position.put("maintenanceMarginRequirement", quote(positionMargin.maintenanceRequirement()));
            }
            if (liquidationPrices != null)
            {
                liquidationPrice(oracles, market.oracleId(), liquidationPrices, position);
            }
        }
        node.put("realizedPnl", quote(subaccount.realizedPnl()));
        if (greeks.any())
        {
            node.set("greeks", greeks.toJson());
        }
        if (priced)
        {
            node.put("netCollateral", quote(figures.netCollateralInitial()));
            node.put("netCollateralMaintenance", quote(figures.netCollateralMaintenance()));
            node.put("initialMarginRequirement", quote(figures.initialMarginRequirement()));
            node.put("maintenanceMarginRequirement", quote(figures.maintenanceMarginRequirement()));
            node.put("freeCollateral", quote(figures.freeCollateral()));
            node.put("leverage", figures.netCollateralMaintenance() <= 0 ? null :
                new BigDecimal(figures.absoluteNotional())
                    .divide(new BigDecimal(figures.netCollateralMaintenance()), 4, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString());
            node.put("liquidatable", figures.isBelowMaintenance());
            if (liquidationPrices != null)
            {
                final ArrayNode array = node.putArray("liquidationPrices");
                for (final OracleLiquidationPrices prices : liquidationPrices)
                {
                    final ObjectNode entry = array.addObject();
                    entry.put("oracle", oracles.name(prices.oracleId()));
                    entry.put("oraclePrice", price(oracles, prices.oracleId(), prices.price()));
                    side(oracles, prices.oracleId(), prices.below(), entry.putObject("below"));
                    side(oracles, prices.oracleId(), prices.above(), entry.putObject("above"));
                }
            }
            else
            {
                node.put("liquidationPrices", liquidationPricesUnavailable);
            }
        }
        else
        {
            node.put("margin", "unavailable: a price is missing");
        }
        return node;
    }
}
