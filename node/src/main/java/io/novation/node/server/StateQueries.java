package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Subaccount;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.engine.Conservation;
import io.novation.core.liquidation.HealthIndexView;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.market.Instrument;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import io.novation.node.sequencer.Refusal;

import java.util.concurrent.CompletionException;

/**
 * The reads of the venue as a whole ({@code /v1/state}, assets, markets, oracles, option series, insurance funds and
 * the keepers' list of liquidatable subaccounts), each a function run on the engine thread; amounts are decimal
 * strings in human units (quote amounts in USDC).
 */
final class StateQueries
{
    private final EngineHost host;
    private final StateReport report;

    StateQueries(final EngineHost host, final StateReport report)
    {
        this.host = host;
        this.report = report;
    }

    ObjectNode state(final ClearingEngine engine)
    {
        final ClearingStateView state = engine.state();
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", state.sequence());
        body.put("durableSequence", host.durableSequence());
        body.put("time", state.time());
        body.put("stateRoot", Hex.encode(engine.stateRoot()));
        body.put("accounts", state.accounts().count());
        body.put("conservation", Conservation.holds(state));
        body.put("chainId", host.genesis().chainId());
        body.put("verifyingContract", host.genesis().verifyingContract().toString());
        body.put("domainSeparator", Hex.encode(engine.domainSeparator()));
        body.put("batchCount", state.batchCount());
        body.put("lastDepositId", state.lastDepositId());
        body.put("lastForcedRequestId", state.lastForcedRequestId());
        host.describe(body);
        return body;
    }

    ArrayNode assets(final ClearingEngine engine)
    {
        final ArrayNode assets = Json.MAPPER.createArrayNode();
        final ClearingStateView state = engine.state();
        for (int i = 0; i < state.markets().assetCount(); i++)
        {
            final Asset asset = state.markets().asset(i);
            final ObjectNode node = assets.addObject();
            node.put("id", asset.id());
            node.put("symbol", asset.symbol());
            node.put("decimals", asset.decimals());
            node.put("oracle", asset.oracleId() < 0 ? null : state.oracles().name(asset.oracleId()));
            node.put("initialWeight", FixedPoint.formatDecimal(asset.initialWeightPpm(), 6));
            node.put("maintenanceWeight", FixedPoint.formatDecimal(asset.maintenanceWeightPpm(), 6));
            node.put("deposited", FixedPoint.formatDecimal(state.totalDeposited(i), asset.decimals()));
            node.put("withdrawn", FixedPoint.formatDecimal(state.totalWithdrawn(i), asset.decimals()));
        }
        return assets;
    }

    Object markets(final ClearingEngine engine)
    {
        return report.markets(engine.state());
    }

    Object market(final ClearingEngine engine, final String ticker)
    {
        final PerpetualMarket market = engine.state().markets().perpetualByTicker(ticker);
        if (market == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_MARKET", "no market " + ticker));
        }
        return report.markets(engine.state()).get(market.id());
    }

    Object oracles(final ClearingEngine engine)
    {
        return report.oracles(engine.state());
    }

    Object optionSeries(final ClearingEngine engine)
    {
        return report.optionSeries(engine.state());
    }

    ObjectNode insurance(final ClearingEngine engine)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("insuranceFund", StateReport.quote(engine.state().insuranceFund()));
        final ObjectNode isolated = body.putObject("isolatedInsuranceFunds");
        for (int m = 0; m < engine.state().markets().perpetualCount(); m++)
        {
            final PerpetualMarket market = engine.state().markets().perpetual(m);
            isolated.put(market.ticker(), StateReport.quote(market.isolatedInsuranceFund()));
        }
        body.put("feePool", StateReport.quote(engine.state().feePool()));
        body.put("badDebt", StateReport.quote(engine.state().badDebt()));
        return body;
    }

    /** The keepers' list, from the engine's health index (no scan of every subaccount). */
    ObjectNode liquidatable(final ClearingEngine engine)
    {
        final ClearingStateView state = engine.state();
        final HealthIndexView index = engine.healthIndex();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures figures = new MarginFigures();
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", state.sequence());
        final ArrayNode list = body.putArray("subaccounts");
        for (int i = 0; i < index.liquidatableCount(); i++)
        {
            final Subaccount subaccount = index.liquidatable(i);
            final ObjectNode entry = list.addObject();
            entry.put("account", subaccount.account().owner().toString());
            entry.put("subaccount", subaccount.number());
            final ArrayNode positions = entry.putArray("positions");
            for (int p = 0; p < subaccount.positionCount(); p++)
            {
                final Instrument market = state.markets().instrument(subaccount.positionMarket(p));
                positions.addObject().put("market", market.ticker())
                    .put("kind", market instanceof OptionSeries ? "option" : "perpetual")
                    .put("size", FixedPoint.formatDecimal(subaccount.positionSize(p), -market.atomicResolution()));
            }
            try
            {
                if (calculator.compute(subaccount, figures))
                {
                    entry.put("netCollateralMaintenance", StateReport.quote(figures.netCollateralMaintenance()));
                    entry.put("maintenanceMarginRequirement",
                        StateReport.quote(figures.maintenanceMarginRequirement()));
                }
            }
            catch (final ArithmeticException ex)
            {
                // Figures that do not fit 64 bits are left out; the subaccount is still listed.
            }
        }
        return body;
    }
}
