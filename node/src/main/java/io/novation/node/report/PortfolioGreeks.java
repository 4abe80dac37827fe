package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.margin.OptionMargin;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.node.json.Json;

import static io.novation.node.report.ReportUnits.decimal;

/**
 * A subaccount's Greeks in USD: delta (USD per 100 % move of each underlying, perpetuals included), gamma (change
 * of that delta for a 1 % move), vega (per volatility point), theta (per day).
 */
final class PortfolioGreeks
{
    private boolean any;
    private double deltaUsd;
    private double gammaUsd;
    private double vegaUsd;
    private double thetaUsd;

    /** Adds a perpetual position's delta: its notional in USD. */
    void addPerpetual(final OracleBook oracles, final PerpetualMarket market, final long size)
    {
        final long price = oracles.price(market.oracleId());
        if (price == OracleBook.NO_PRICE)
        {
            return;
        }
        add(size * OptionMargin.usdPerPriceUnit(market.atomicResolution()) * price *
            OptionMargin.usdPerPriceUnit(oracles.priceExponent(market.oracleId())), 0, 0, 0);
    }

    /** Adds a position's Greeks in USD. */
    void add(final double delta, final double gamma, final double vega, final double theta)
    {
        any = true;
        deltaUsd += delta;
        gammaUsd += gamma;
        vegaUsd += vega;
        thetaUsd += theta;
    }

    /** Whether any position added Greeks. */
    boolean any()
    {
        return any;
    }

    /** The sums as decimal strings. */
    ObjectNode toJson()
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("deltaUsd", decimal(deltaUsd));
        node.put("gammaUsd", decimal(gammaUsd));
        node.put("vegaUsd", decimal(vegaUsd));
        node.put("thetaUsd", decimal(thetaUsd));
        return node;
    }
}
