package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.command.SetMarketRiskBounds;
import io.novation.core.market.Asset;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;

import java.util.List;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.OBJECT;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of market risk: the sequencer's depth reports (distances as fractions of mid, notionals in USDC)
 * and governance's risk bounds (fractions with six decimals, times in ms).
 */
final class RiskCodecs
{
    private static final String FRACTION = "fraction, 6 decimals";
    private static final JsonField MARKET = required("market", STRING, "perpetual market ticker", "");
    private static final List<JsonField> LEVEL_FIELDS = List.of(
        required("distance", DECIMAL, "distance from the mid price", FRACTION),
        required("bids", DECIMAL, "cumulative bid notional within the distance below the mid", "USDC"),
        required("asks", DECIMAL, "cumulative ask notional within the distance above the mid", "USDC"));
    private static final List<JsonField> CONTROLLER_FIELDS = List.of(
        required("minInitialMargin", DECIMAL, "lowest initial margin fraction", FRACTION),
        required("maxInitialMargin", DECIMAL, "highest initial margin fraction", FRACTION),
        required("maxStep", DECIMAL, "largest change of one adjustment", FRACTION),
        required("minIntervalMs", INTEGER, "least time between two applied adjustments", "ms"),
        required("tighteningDelayMs", INTEGER, "wait between announcing a raise and applying it", "ms"),
        required("looseningDelayMs", INTEGER, "wait between announcing a cut and applying it", "ms"),
        optional("volatilityHalfLifeMs", INTEGER, "half-life of the EWMA of oracle log-returns, default " +
            MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS + " (RiskMetrics' daily lambda 0.94)", "ms"));
    private static final Set<String> CONTROLLER_NAMES = JsonCommandCodec.namesOf(CONTROLLER_FIELDS);
    private static final List<JsonField> DEPTH_FIELDS = List.of(
        required("maxSpreadRatio", DECIMAL, "largest spread-to-maintenance-margin ratio", FRACTION),
        required("maxFee", DECIMAL, "largest insurance fee", FRACTION),
        required("maxDepthAgeMs", INTEGER, "oldest depth report used", "ms"));
    private static final Set<String> DEPTH_NAMES = JsonCommandCodec.namesOf(DEPTH_FIELDS);

    /**
     * Sequencer: a market's book depth, cumulative notional per distance from the mid; the matching engine hands it
     * to the sequencer, so it is encoded for readers of the journal and never decoded from a client.
     */
    static final JsonCommandCodec<ReportMarketDepth> REPORT_MARKET_DEPTH = new JsonCommandCodec<>(
        "reportMarketDepth", ReportMarketDepth.class,
        List.of(MARKET, required("levels", ARRAY, "1 to 16 levels, distances increasing", "")
            .with(LEVEL_FIELDS.toArray(JsonField[]::new))),
        null,
        (c, json, definitions) ->
        {
            json.put("market", definitions.perpetual(c.marketId()).ticker());
            final ArrayNode levels = json.putArray("levels");
            for (final ReportMarketDepth.Level level : c.levels())
            {
                levels.addObject().put("distance", decimal(level.distancePpm(), PPM))
                    .put("bids", decimal(level.bidNotional(), Asset.QUOTE_DECIMALS))
                    .put("asks", decimal(level.askNotional(), Asset.QUOTE_DECIMALS));
            }
        });

    /** Governance: a market's margin-controller and depth-penalty bounds; an omitted part turns it off. */
    static final JsonCommandCodec<SetMarketRiskBounds> SET_MARKET_RISK_BOUNDS = new JsonCommandCodec<>(
        "setMarketRiskBounds", SetMarketRiskBounds.class,
        List.of(MARKET,
            optional("controller", OBJECT, "the margin controller's bounds; omitted: controller off", "")
                .with(CONTROLLER_FIELDS.toArray(JsonField[]::new)),
            optional("depthPenalty", OBJECT, "the depth penalty's bounds; omitted: static penalty", "")
                .with(DEPTH_FIELDS.toArray(JsonField[]::new))),
        (fields, time, context) ->
        {
            final int market = context.perpetual(fields, "market").id();
            MarginControllerBounds controller = null;
            if (fields.has("controller"))
            {
                final JsonFields c = fields.object("controller");
                c.allowOnly(CONTROLLER_NAMES);
                final String problem = MarginControllerBounds.problem(c.decimal("minInitialMargin", PPM),
                    c.decimal("maxInitialMargin", PPM), c.decimal("maxStep", PPM), c.integer("minIntervalMs"),
                    c.integer("tighteningDelayMs"), c.integer("looseningDelayMs"), halfLife(c));
                if (problem != null)
                {
                    throw new CommandFormatException(fields.name("controller"), problem);
                }
                controller = new MarginControllerBounds(c.decimal("minInitialMargin", PPM),
                    c.decimal("maxInitialMargin", PPM), c.decimal("maxStep", PPM), c.integer("minIntervalMs"),
                    c.integer("tighteningDelayMs"), c.integer("looseningDelayMs"), halfLife(c));
            }
            DepthPenaltyBounds depth = null;
            if (fields.has("depthPenalty"))
            {
                final JsonFields d = fields.object("depthPenalty");
                d.allowOnly(DEPTH_NAMES);
                final String problem = DepthPenaltyBounds.problem(d.decimal("maxSpreadRatio", PPM),
                    d.decimal("maxFee", PPM), d.integer("maxDepthAgeMs"));
                if (problem != null)
                {
                    throw new CommandFormatException(fields.name("depthPenalty"), problem);
                }
                depth = new DepthPenaltyBounds(d.decimal("maxSpreadRatio", PPM), d.decimal("maxFee", PPM),
                    d.integer("maxDepthAgeMs"));
            }
            return new SetMarketRiskBounds(time, market, controller, depth);
        },
        (c, json, definitions) ->
        {
            json.put("market", definitions.perpetual(c.marketId()).ticker());
            if (c.controller() != null)
            {
                final MarginControllerBounds b = c.controller();
                final ObjectNode node = json.putObject("controller");
                node.put("minInitialMargin", decimal(b.minImfPpm(), PPM))
                    .put("maxInitialMargin", decimal(b.maxImfPpm(), PPM)).put("maxStep", decimal(b.maxStepPpm(), PPM))
                    .put("minIntervalMs", b.minIntervalMs()).put("tighteningDelayMs", b.tighteningDelayMs())
                    .put("looseningDelayMs", b.looseningDelayMs()).put("volatilityHalfLifeMs", b.halfLifeMs());
            }
            if (c.depth() != null)
            {
                final DepthPenaltyBounds d = c.depth();
                json.putObject("depthPenalty").put("maxSpreadRatio", decimal(d.maxSpreadRatioPpm(), PPM))
                    .put("maxFee", decimal(d.maxFeePpm(), PPM)).put("maxDepthAgeMs", d.maxDepthAgeMs());
            }
        });

    private RiskCodecs()
    {
    }

    private static long halfLife(final JsonFields controller) throws CommandFormatException
    {
        return controller.integer("volatilityHalfLifeMs", MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS);
    }
}
