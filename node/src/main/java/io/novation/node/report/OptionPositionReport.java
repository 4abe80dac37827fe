package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.core.pricing.OptionGreeks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import static io.novation.node.report.ReportUnits.decimal;
import static io.novation.node.report.ReportUnits.entryPrice;
import static io.novation.node.report.ReportUnits.price;
import static io.novation.node.report.ReportUnits.quote;

/**
 * One option position in the state report: size in base units, strike, entry premium and mark in USD per base unit,
 * volatility as a decimal fraction, value and requirements in USDC, and its Greeks in USD.
 */
final class OptionPositionReport
{
    private OptionPositionReport()
    {
    }

    /**
     * One option position: size, entry premium, mark and volatility, value, requirements and Greeks in USD.
     */
    static void write(final ClearingStateView state, final MarginCalculator calculator, final Subaccount subaccount,
        final int p, final ObjectNode position, final PortfolioGreeks greeks)
    {
        final OracleBook oracles = state.oracles();
        final OptionSeries series = state.markets().option(subaccount.positionMarket(p));
        final long size = subaccount.positionSize(p);
        position.put("market", series.ticker());
        position.put("optionType", series.isCall() ? "call" : "put");
        position.put("strike", price(oracles, series.oracleId(), series.strike()));
        position.put("expiry", Instant.ofEpochMilli(series.expiry()).toString());
        position.put("size", FixedPoint.formatDecimal(size, -series.atomicResolution()));
        position.put("entryPrice", entryPrice(oracles, series.oracleId(), series.atomicResolution(), size,
            subaccount.positionCostBasis(p)));
        position.put("oraclePrice", price(oracles, series.oracleId(), oracles.price(series.oracleId())));
        final OptionPositionMargin margin = new OptionPositionMargin();
        if (calculator.options().position(series, size, margin))
        {
            final int exponent = oracles.priceExponent(series.oracleId());
            position.put("markPrice", new BigDecimal(margin.markMicros()).movePointLeft(OptionMargin.MARK_DIGITS)
                .movePointRight(exponent).stripTrailingZeros().toPlainString());
            position.put("volatility", BigDecimal.valueOf(margin.volatility()).setScale(6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());
            position.put("value", quote(margin.value()));
            position.put("underlyingNotional", quote(margin.magnitude()));
            position.put("unrealizedPnl", quote(margin.value() - subaccount.positionCostBasis(p)));
            position.put("initialMarginRequirement", quote(margin.initialRequirement()));
            position.put("maintenanceMarginRequirement", quote(margin.maintenanceRequirement()));
        }
        final OptionGreeks unit = calculator.options().greeksUsd(series);
        if (unit != null)
        {
            final double units = size * OptionMargin.usdPerPriceUnit(series.atomicResolution());
            final double spotUsd = oracles.price(series.oracleId()) *
                OptionMargin.usdPerPriceUnit(oracles.priceExponent(series.oracleId()));
            final ObjectNode node = position.putObject("greeks");
            node.put("delta", decimal(units * unit.delta()));
            node.put("deltaUsd", decimal(units * unit.delta() * spotUsd));
            node.put("gammaUsd", decimal(units * unit.gamma() * spotUsd * spotUsd / 100));
            node.put("vegaUsd", decimal(units * unit.vega() / 100));
            node.put("thetaUsd", decimal(units * unit.theta() / 365));
            greeks.add(units * unit.delta() * spotUsd,
                units * unit.gamma() * spotUsd * spotUsd / 100, units * unit.vega() / 100, units * unit.theta() / 365);
        }
    }
}
