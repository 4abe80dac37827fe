package io.novation.node.json;

import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.PPB;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of perpetual funding: premium samples (impact prices in the market's price units), funding ticks
 * (a reported 8-hour rate with nine decimals, or computed) and funding parameters (omitted ones unchanged).
 */
final class FundingCodecs
{
    private static final JsonField MARKET = required("market", STRING, "perpetual market ticker", "");
    private static final String PRICE = "price units of the market's oracle";

    /** A premium sample: the book's impact bid and ask in the market's price units, either or both left out. */
    static final JsonCommandCodec<FundingSample> FUNDING_SAMPLE = new JsonCommandCodec<>("fundingSample",
        FundingSample.class,
        List.of(MARKET, optional("impactBid", DECIMAL, "impact bid price, default none", PRICE),
            optional("impactAsk", DECIMAL, "impact ask price, default none", PRICE)),
        (fields, time, context) ->
        {
            final Definitions.Market market = context.perpetual(fields, "market");
            final int priceDecimals = context.priceDecimals(market.oracleId());
            return new FundingSample(time, market.id(), fields.decimal("impactBid", priceDecimals, 0),
                fields.decimal("impactAsk", priceDecimals, 0));
        },
        (c, json, definitions) ->
        {
            final Definitions.Market market = definitions.perpetual(c.marketId());
            json.put("market", market.ticker());
            if (c.impactBidPrice() != 0)
            {
                json.put("impactBid", JsonUnits.price(definitions, market, c.impactBidPrice()));
            }
            if (c.impactAskPrice() != 0)
            {
                json.put("impactAsk", JsonUnits.price(definitions, market, c.impactAskPrice()));
            }
        });

    static final JsonCommandCodec<FundingTick> FUNDING_TICK = new JsonCommandCodec<>("fundingTick", FundingTick.class,
        List.of(MARKET, optional("rate", DECIMAL, "reported 8-hour rate; default computed from the samples",
            "fraction, 9 decimals")),
        (fields, time, context) -> fields.has("rate") ?
            FundingTick.withRate(time, context.perpetual(fields, "market").id(), fields.decimal("rate", PPB)) :
            FundingTick.computed(time, context.perpetual(fields, "market").id()),
        (c, json, definitions) ->
        {
            json.put("market", definitions.perpetual(c.marketId()).ticker());
            if (c.rateReported())
            {
                json.put("rate", decimal(c.rate8hPpb(), PPB));
            }
        });

    /** Funding settings; rates and clamps as decimal fractions ("0.0001" is 0.01 %), omitted ones unchanged. */
    static final JsonCommandCodec<SetFundingParameters> SET_FUNDING_PARAMETERS = new JsonCommandCodec<>(
        "setFundingParameters", SetFundingParameters.class,
        List.of(MARKET, optional("mode", STRING, "premium or external, default unchanged", ""),
            optional("sampleIntervalMs", INTEGER, "time between premium samples, default unchanged", "ms"),
            optional("tickIntervalMs", INTEGER, "time between funding ticks, default unchanged", "ms"),
            optional("interestRate", DECIMAL, "8-hour interest rate, default unchanged", "fraction, 9 decimals"),
            optional("interestClamp", DECIMAL, "clamp of premium minus interest, default unchanged",
                "fraction, 9 decimals"),
            optional("rateClampFactor", DECIMAL, "rate clamp as a factor of the margin gap, default unchanged",
                "factor, 6 decimals"),
            optional("premiumClampFactor", DECIMAL, "premium clamp factor, default unchanged",
                "factor, 6 decimals")),
        FundingCodecs::setFundingParameters,
        (c, json, definitions) -> putFundingParameters(c.marketId(), c.parameters(), json, definitions));

    /** Writes a market's funding parameters as {@code setFundingParameters} and the kind fundingParameters do. */
    static void putFundingParameters(final int marketId, final FundingParameters p, final ObjectNode json,
        final Definitions definitions)
    {
        json.put("market", definitions.perpetual(marketId).ticker())
            .put("mode", p.mode() == FundingMode.EXTERNAL_RATE ? "external" : "premium")
            .put("sampleIntervalMs", p.sampleIntervalMs()).put("tickIntervalMs", p.tickIntervalMs())
            .put("interestRate", decimal(p.interestRate8hPpb(), PPB))
            .put("interestClamp", decimal(p.interestClampPpb(), PPB))
            .put("rateClampFactor", decimal(p.rateClampFactorPpm(), PPM))
            .put("premiumClampFactor", decimal(p.premiumClampFactorPpm(), PPM));
    }

    private FundingCodecs()
    {
    }

    static SetFundingParameters setFundingParameters(final JsonFields fields, final long time,
        final DecodingContext context) throws CommandFormatException
    {
        final Definitions.Market market = context.perpetual(fields, "market");
        final FundingParameters current = market.funding();
        final FundingMode mode;
        final String modeName = fields.text("mode", "");
        switch (modeName)
        {
            case "":
                mode = current.mode();
                break;
            case "premium":
                mode = FundingMode.PREMIUM_SAMPLES;
                break;
            case "external":
                mode = FundingMode.EXTERNAL_RATE;
                break;
            default:
                throw new CommandFormatException(fields.name("mode"), "must be \"premium\" or \"external\"");
        }
        try
        {
            return new SetFundingParameters(time, market.id(), new FundingParameters(mode,
                fields.integer("sampleIntervalMs", current.sampleIntervalMs()),
                fields.integer("tickIntervalMs", current.tickIntervalMs()),
                fields.decimal("interestRate", PPB, current.interestRate8hPpb()),
                fields.decimal("interestClamp", PPB, current.interestClampPpb()),
                fields.decimal("rateClampFactor", PPM, current.rateClampFactorPpm()),
                fields.decimal("premiumClampFactor", PPM, current.premiumClampFactorPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("market"), ex.getMessage());
        }
    }
}
