package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.market.Asset;

import java.util.List;

import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codec of market risk: the sequencer's depth reports (distances as fractions of mid, notionals in USDC),
 * encoded for readers of the journal.
 */
final class RiskCodecs
{
    private static final String FRACTION = "fraction, 6 decimals";
    private static final JsonField MARKET = required("market", STRING, "perpetual market ticker", "");
    private static final List<JsonField> LEVEL_FIELDS = List.of(
        required("distance", DECIMAL, "distance from the mid price", FRACTION),
        required("bids", DECIMAL, "cumulative bid notional within the distance below the mid", "USDC"),
        required("asks", DECIMAL, "cumulative ask notional within the distance above the mid", "USDC"));

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

    private RiskCodecs()
    {
    }
}
