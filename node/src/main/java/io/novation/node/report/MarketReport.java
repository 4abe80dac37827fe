package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.node.json.Json;

import java.time.Instant;

import static io.novation.node.report.ReportUnits.price;
import static io.novation.node.report.ReportUnits.quote;

/**
 * The markets of the state report: perpetual markets and option series with their units, effective status, open
 * interest in base units and fees as decimal fractions; amounts in USDC.
 */
final class MarketReport
{
    private MarketReport()
    {
    }

    /**
     * Every perpetual market: id, ticker, oracle (name and id), units (price exponent, atomic resolution, step and
     * tick sizes), effective status, oracle price, open interest, initial margin and fees.
     *
     * @param state the engine state.
     * @return the array.
     */
    static ArrayNode markets(final ClearingStateView state)
    {
        final ArrayNode markets = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < state.markets().perpetualCount(); i++)
        {
            final PerpetualMarket market = state.markets().perpetual(i);
            final ObjectNode node = markets.addObject();
            node.put("id", market.id());
            node.put("ticker", market.ticker());
            node.put("oracle", oracles.name(market.oracleId()));
            node.put("oracleId", market.oracleId());
            node.put("priceExponent", oracles.priceExponent(market.oracleId()));
            node.put("atomicResolution", market.atomicResolution());
            node.put("stepSize", FixedPoint.formatDecimal(market.stepSize(), -market.atomicResolution()));
            node.put("tickSize", price(oracles, market.oracleId(), market.tickSize()));
            final MarketStatus oracleStatus = oracles.status(market.oracleId(), state.time());
            node.put("status", (oracleStatus.ordinal() > market.status().ordinal() ? oracleStatus :
                market.status()).name());
            node.put("oraclePrice", price(oracles, market.oracleId(), oracles.price(market.oracleId())));
            node.put("openInterest", FixedPoint.formatDecimal(market.openInterestBaseQuantums(),
                -market.atomicResolution()));
            node.put("initialMargin", FixedPoint.formatDecimal(market.liquidityTier().initialMarginPpm(), 6));
            node.put("makerFee", FixedPoint.formatDecimal(market.makerFeePpm(), 6));
            node.put("takerFee", FixedPoint.formatDecimal(market.takerFeePpm(), 6));
            final MarketFunding funding = market.funding();
            final ObjectNode fundingNode = node.putObject("funding");
            fundingNode.put("mode", funding.parameters().mode() == FundingMode.EXTERNAL_RATE ? "external" : "premium");
            fundingNode.put("lastRate8h", FixedPoint.formatDecimal(funding.lastRate8hPpb(), 9));
            fundingNode.put("lastTick", Instant.ofEpochMilli(funding.lastTickTime()).toString());
            fundingNode.put("cumulativeIndex", funding.cumulativeIndex());
            fundingNode.put("samplesSinceTick", funding.premiumSamples());
            fundingNode.put("ledger", quote(funding.ledger()));
            node.put("isolatedInsuranceFund", quote(market.isolatedInsuranceFund()));
        }
        return markets;
    }

    /**
     * Every option series: terms, effective status, open interest, and the settlement price once fixed.
     *
     * @param state the engine state.
     * @return the array.
     */
    static ArrayNode optionSeries(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < state.markets().optionCount(); i++)
        {
            final OptionSeries series = state.markets().optionAt(i);
            final ObjectNode node = array.addObject();
            node.put("id", series.id());
            node.put("ticker", series.ticker());
            node.put("underlying", oracles.name(series.oracleId()));
            node.put("oracleId", series.oracleId());
            node.put("priceExponent", oracles.priceExponent(series.oracleId()));
            node.put("atomicResolution", series.atomicResolution());
            node.put("stepSize", FixedPoint.formatDecimal(series.stepSize(), -series.atomicResolution()));
            node.put("optionType", series.isCall() ? "call" : "put");
            node.put("strike", price(oracles, series.oracleId(), series.strike()));
            node.put("expiry", Instant.ofEpochMilli(series.expiry()).toString());
            final MarketStatus oracleStatus = oracles.status(series.oracleId(), state.time());
            node.put("status", series.isSettled() ? "SETTLED" : state.time() >= series.expiry() ? "EXPIRED" :
                (oracleStatus.ordinal() > series.status().ordinal() ? oracleStatus : series.status()).name());
            node.put("openInterest", FixedPoint.formatDecimal(series.openInterestBaseQuantums(),
                -series.atomicResolution()));
            node.put("makerFee", FixedPoint.formatDecimal(series.makerFeePpm(), 6));
            node.put("takerFee", FixedPoint.formatDecimal(series.takerFeePpm(), 6));
            if (series.settlementPrice() != OracleBook.NO_PRICE)
            {
                node.put("settlementPrice", price(oracles, series.oracleId(), series.settlementPrice()));
            }
        }
        return array;
    }
}
