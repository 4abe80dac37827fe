package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.market.Asset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codec of market risk: the matching engine's depth reports (distances as fractions of mid, notionals in
 * USDC), sent with a governance envelope.
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
     * Governance: a market's book depth, cumulative notional per distance from the mid, as the matching engine reads
     * it; admitted by a governance envelope like any governance command.
     */
    static final JsonCommandCodec<ReportMarketDepth> REPORT_MARKET_DEPTH = new JsonCommandCodec<>(
        "reportMarketDepth", ReportMarketDepth.class,
        List.of(MARKET, required("levels", ARRAY, "1 to 16 levels, distances increasing", "")
            .with(LEVEL_FIELDS.toArray(JsonField[]::new))),
        RiskCodecs::reportMarketDepth,
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

    private static final Set<String> LEVEL_NAMES = Set.of("distance", "bids", "asks");

    private RiskCodecs()
    {
    }

    private static ReportMarketDepth reportMarketDepth(final JsonFields fields, final long time,
        final DecodingContext context) throws CommandFormatException
    {
        final int marketId = context.perpetual(fields, "market").id();
        final JsonNode array = fields.raw("levels");
        if (array == null || !array.isArray())
        {
            throw new CommandFormatException(fields.name("levels"), "must be an array of {distance, bids, asks}");
        }
        JsonFields.boundedList(array, fields.name("levels"));
        final List<ReportMarketDepth.Level> levels = new ArrayList<>();
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields level = new JsonFields(array.get(i), fields.name("levels") + "[" + i + "]");
            level.allowOnly(LEVEL_NAMES);
            levels.add(new ReportMarketDepth.Level(level.decimal("distance", PPM),
                level.decimal("bids", Asset.QUOTE_DECIMALS), level.decimal("asks", Asset.QUOTE_DECIMALS)));
        }
        return new ReportMarketDepth(time, marketId, levels);
    }
}
