package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;

import java.time.Instant;
import java.util.List;

/**
 * The report's sections of the bankruptcy waterfall ({@code waterfall}) and of the risk that follows the market
 * ({@code riskController}: the margin controller's fraction against realized volatility, the depth penalty of a
 * reference liquidation), and their invariants. Money in USDC as exact decimal strings, except in per-minute series
 * (numbers; fractions and volatility in percent).
 */
final class RiskReport
{
    private RiskReport()
    {
    }

    /**
     * Writes both sections into the report and adds their failures.
     *
     * @param root     the report.
     * @param failures the report's failures (appended to).
     * @param markets  the markets.
     * @param settings the run's settings.
     * @param audit    the journal's replay, with its waterfall and risk series.
     * @param desk     the risk desk (bounds and depth).
     */
    static void write(final ObjectNode root, final List<String> failures, final List<DemoMarket> markets,
        final DemoSettings settings, final JournalAudit audit, final MarketRiskDesk desk)
    {
        final Waterfall waterfall = audit.waterfall();
        final RiskSeries series = audit.riskSeries();
        if (waterfall == null || series == null)
        {
            return;
        }
        final boolean reconciles = waterfall(root.putObject("waterfall"), markets, waterfall, audit);
        if (!reconciles)
        {
            failures.add("waterfall: insurance fund + deleveraging + socialized differs from the deficits");
        }
        riskController(root.putObject("riskController"), markets, settings, series, desk);
        final ObjectNode invariants = (ObjectNode)root.get("invariants");
        if (invariants != null)
        {
            invariants.put("waterfallReconciles", reconciles && waterfall.failures().isEmpty());
            invariants.put("noUncoveredNegativeEquityAfterEveryBatch", waterfall.uncovered() == 0);
            final ArrayNode failed = invariants.putArray("failures");
            failures.forEach(failed::add);
            invariants.put("hold", failures.isEmpty());
        }
    }

    private static boolean waterfall(final ObjectNode json, final List<DemoMarket> markets, final Waterfall waterfall,
        final JournalAudit audit)
    {
        json.put("note", "per market, from the node's events in the journal's replay: a liquidation's deficit is " +
            "its bankruptcy quote less the keeper's fill (Liquidated) or, for a part deleveraged, the counterparty's " +
            "payment at the bankruptcy price less the part's value at the oracle (Deleveraged); it is covered by the " +
            "insurance fund, the deleveraged counterparties and the loss socialized (LossSocialized); the " +
            "deleveraged amount is counted from the counterparties' quote balances and positions before and after " +
            "each liquidation (less the funding settled to them), not from the Deleveraged events");
        final ArrayNode list = json.putArray("markets");
        boolean all = true;
        long deficits = 0;
        long fund = 0;
        long deleveraged = 0;
        long socialized = 0;
        for (final DemoMarket market : markets)
        {
            final Waterfall.Steps s = waterfall.steps(market.id());
            final boolean reconciles = s.fundPaid + s.deleveragedAmount + s.socialized == s.deficitAmount;
            all &= reconciles;
            deficits += s.deficitAmount;
            fund += s.fundPaid;
            deleveraged += s.deleveragedAmount;
            socialized += s.socialized;
            final ObjectNode m = list.addObject();
            m.put("market", market.ticker());
            // An isolated market's traders are backed by its own fund (docs/protocol.md §12), the majors by the cross.
            m.put("insuranceFund", market.isolated() ? "isolated" : "cross");
            if (market.isolated())
            {
                m.put("isolatedFundEnd", StateReport.quote(audit.engine().state().markets().perpetual(market.id())
                    .isolatedInsuranceFund()));
            }
            m.putObject("deficits").put("count", s.deficits).put("amount", StateReport.quote(s.deficitAmount));
            m.putObject("insuranceFundPaid").put("count", s.fundPayments).put("amount", StateReport.quote(s.fundPaid));
            m.putObject("deleveraged").put("offsets", s.offsets)
                .put("amount", StateReport.quote(s.deleveragedAmount))
                .put("gainedBelowOracle", StateReport.quote(s.deleveragedBelowOracle));
            m.putObject("socialized").put("count", s.socializations).put("amount", StateReport.quote(s.socialized));
            m.put("reconciles", reconciles);
            m.put("fundBeforeFirstDeleveraging", s.fundBeforeDeleveraging < 0 ? null :
                StateReport.quote(s.fundBeforeDeleveraging));
            m.put("firstDeleveragedAt", s.firstDeleveragedAt == 0 ? null : time(s.firstDeleveragedAt));
            m.put("firstSocializedAt", s.firstSocializedAt == 0 ? null : time(s.firstSocializedAt));
        }
        final ObjectNode total = json.putObject("total");
        total.put("deficits", StateReport.quote(deficits));
        total.put("insuranceFundPaid", StateReport.quote(fund));
        total.put("deleveraged", StateReport.quote(deleveraged));
        total.put("socialized", StateReport.quote(socialized));
        json.put("reconciles", all);
        json.put("deleveragedCounterpartiesChecked", waterfall.counterpartyChecks());
        json.putObject("uncoveredNegativeEquity").put("batchesChecked", waterfall.uncoveredChecks())
            .put("subaccounts", waterfall.uncovered());
        json.put("population", Population.AVAX_SHAPE);
        return all;
    }

    private static void riskController(final ObjectNode json, final List<DemoMarket> markets,
        final DemoSettings settings, final RiskSeries series, final MarketRiskDesk desk)
    {
        json.put("note", "the node's margin controller moves each market's initial margin fraction with the EWMA " +
            "of its oracle's log-returns (docs/protocol.md, Risk that follows the market); series.imf and " +
            "series.realizedVolatility in percent (per day) at the end of each minute; the depth penalty of a " +
            "reference liquidation under the depth the venue published");
        final ArrayNode list = json.putArray("markets");
        final ObjectNode imf = Json.MAPPER.createObjectNode();
        final ObjectNode volatility = Json.MAPPER.createObjectNode();
        final ObjectNode spread = Json.MAPPER.createObjectNode();
        final ObjectNode fee = Json.MAPPER.createObjectNode();
        final var bounds = MarketRiskDesk.depthBounds();
        for (final DemoMarket market : markets)
        {
            final ObjectNode m = list.addObject();
            m.put("market", market.ticker());
            final var b = MarketRiskDesk.controllerBounds(market);
            m.putObject("bounds").put("minImf", ppm(b.minImfPpm())).put("maxImf", ppm(b.maxImfPpm()))
                .put("maxStep", ppm(b.maxStepPpm())).put("minIntervalMs", b.minIntervalMs())
                .put("tighteningDelayMs", b.tighteningDelayMs()).put("looseningDelayMs", b.looseningDelayMs())
                .put("volatilityHalfLifeMs", b.halfLifeMs());
            m.put("changesScheduled", series.scheduled(market.id()));
            m.put("changesCancelled", series.cancelled(market.id()));
            m.put("depthReports", series.depthReports(market.id()));
            final ArrayNode changes = m.putArray("changesApplied");
            for (final RiskSeries.Change change : series.changes())
            {
                if (change.marketId() == market.id())
                {
                    changes.addObject().put("time", time(change.time())).put("from", ppm(change.fromImfPpm()))
                        .put("to", ppm(change.toImfPpm()));
                }
            }
            final long[] f = series.imfPpm(market.id());
            final long[] v = series.volatilityPpm(market.id());
            final ArrayNode fi = imf.putArray(market.ticker());
            final ArrayNode vi = volatility.putArray(market.ticker());
            final ArrayNode si = spread.putArray(market.ticker());
            final ArrayNode ei = fee.putArray(market.ticker());
            long high = 0;
            long low = Long.MAX_VALUE;
            for (int i = 0; i < f.length; i++)
            {
                fi.add(f[i] / 1e4);
                vi.add(v[i] / 1e4);
                high = Math.max(high, f[i]);
                low = Math.min(low, f[i]);
                final LiquidationParameters p = desk.referencePenalty(market, settings.fromMinute() + i);
                si.add(p.spreadToMaintenanceMarginRatioPpm() / 1e4);
                ei.add(p.maxLiquidationFeePpm() / 1e4);
            }
            m.put("imfLow", ppm(low == Long.MAX_VALUE ? 0 : low));
            m.put("imfHigh", ppm(high));
        }
        final ObjectNode s = json.putObject("series");
        s.set("imf", imf);
        s.set("realizedVolatility", volatility);
        final ObjectNode depth = json.putObject("depthPenalty");
        depth.put("note", "the spread ratio (of maintenance margin) and insurance fee the engine liquidates a " +
            MarketRiskDesk.REFERENCE_NOTIONAL_USDC + " USDC long with, at the market's maintenance fraction, under " +
            "the depth published that minute: Binance's BTCUSDT book depth of 2025-10-10 scaled by " +
            MarketRiskDesk.DEPTH_SCALE + ", reported every " + MarketRiskDesk.DEPTH_EVERY_MINUTES + " minutes");
        depth.put("maxSpreadRatio", ppm(bounds.maxSpreadRatioPpm()));
        depth.put("maxFee", ppm(bounds.maxFeePpm()));
        depth.put("maxDepthAgeMs", bounds.maxDepthAgeMs());
        depth.set("spreadRatio", spread);
        depth.set("fee", fee);
        final ArrayNode within1 = depth.putArray("bidsWithin1PercentUsd");
        final ArrayNode within5 = depth.putArray("bidsWithin5PercentUsd");
        for (int i = 0; i < settings.minutes(); i++)
        {
            within1.add(desk.bidsWithinOnePercent(settings.fromMinute() + i) / 1_000_000);
            within5.add(desk.bidsWithinFivePercent(settings.fromMinute() + i) / 1_000_000);
        }
    }

    private static String ppm(final long ppm)
    {
        return java.math.BigDecimal.valueOf(ppm).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    private static String time(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
