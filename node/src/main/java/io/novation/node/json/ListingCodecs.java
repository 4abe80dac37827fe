package io.novation.node.json;

import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleExpiry;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.pricing.OptionType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.NAME_OR_OBJECT;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of listings: assets, perpetual markets and option series, their status and an expiry's
 * settlement; weights and fees are decimal fractions (six decimals), prices in the oracle's units.
 */
final class ListingCodecs
{
    private static final String FRACTION = "fraction, 6 decimals";
    private static final JsonField STATUS = optional("status", STRING,
        "active (default), reduceOnly or halted", "");
    private static final JsonField MAKER_FEE = optional("makerFee", DECIMAL, "maker fee, default 0", FRACTION);
    private static final JsonField TAKER_FEE = optional("takerFee", DECIMAL, "taker fee, default 0", FRACTION);
    private static final List<JsonField> TIER_FIELDS = List.of(
        optional("id", INTEGER, "tier id, default 0", ""),
        optional("name", STRING, "tier name, default custom", ""),
        required("initialMargin", DECIMAL, "initial margin fraction", FRACTION),
        required("maintenanceFraction", DECIMAL, "maintenance margin as a fraction of initial", FRACTION),
        optional("imfFactor", DECIMAL, "initial margin increase with open notional, default 0", FRACTION),
        optional("openInterestLowerCap", DECIMAL, "open interest where the margin starts to grow, default 0",
            "USDC"),
        optional("openInterestUpperCap", DECIMAL, "open interest where the margin stops growing, default 0",
            "USDC"));
    private static final Set<String> TIER_NAMES = JsonCommandCodec.namesOf(TIER_FIELDS);

    static final JsonCommandCodec<CreateAsset> CREATE_ASSET = new JsonCommandCodec<>("createAsset", CreateAsset.class,
        List.of(required("symbol", STRING, "asset symbol, e.g. ETH", ""),
            required("decimals", INTEGER, "decimals of one quantum, 0 to 18", ""),
            required("oracle", STRING, "oracle of its price (defined if new)", ""),
            required("priceExponent", INTEGER, "base-10 exponent of one price unit, -18 to 18", ""),
            required("initialWeight", DECIMAL, "collateral weight for initial margin", FRACTION),
            optional("maintenanceWeight", DECIMAL, "collateral weight for maintenance, default initialWeight",
                FRACTION)),
        (fields, time, context) ->
        {
            final long initialWeight = fields.decimal("initialWeight", PPM);
            return new CreateAsset(time, context.definitions().nextAssetId(), fields.text("symbol"),
                fields.smallInteger("decimals", 0, 18), fields.text("oracle"),
                fields.smallInteger("priceExponent", -18, 18), initialWeight,
                fields.decimal("maintenanceWeight", PPM, initialWeight));
        },
        (c, json, definitions) -> json.put("symbol", c.symbol()).put("decimals", c.decimals())
            .put("oracle", c.oracle()).put("priceExponent", c.priceExponent())
            .put("initialWeight", decimal(c.initialWeightPpm(), PPM))
            .put("maintenanceWeight", decimal(c.maintenanceWeightPpm(), PPM)));

    static final JsonCommandCodec<CreatePerpetual> CREATE_PERPETUAL = new JsonCommandCodec<>("createPerpetual",
        CreatePerpetual.class,
        List.of(required("ticker", STRING, "market ticker, e.g. BTC-USD", ""),
            optional("oracle", STRING, "oracle of its price, default the ticker (defined if new)", ""),
            required("priceExponent", INTEGER, "base-10 exponent of one price unit, -18 to 18", ""),
            required("atomicResolution", INTEGER, "base-10 exponent of one base quantum, -18 to 0", ""),
            required("tickSize", DECIMAL, "price step", "quote per base unit"),
            required("stepSize", DECIMAL, "size step", "base units"),
            required("liquidityTier", NAME_OR_OBJECT, "a named tier (largeCap, midCap, smallCap, longTail, safety, " +
                "isolated, fx) or its fractions", "").with(TIER_FIELDS.toArray(JsonField[]::new)),
            MAKER_FEE, TAKER_FEE, STATUS),
        (fields, time, context) ->
        {
            final int priceExponent = fields.smallInteger("priceExponent", -18, 18);
            final int atomicResolution = fields.smallInteger("atomicResolution", -18, 0);
            final String ticker = fields.text("ticker");
            return new CreatePerpetual(time, context.definitions().nextPerpetualId(), ticker,
                fields.text("oracle", ticker), priceExponent, atomicResolution,
                fields.decimal("tickSize", -priceExponent), fields.decimal("stepSize", -atomicResolution),
                DecodingContext.liquidityTier(fields, TIER_NAMES), fields.decimal("makerFee", PPM, 0),
                fields.decimal("takerFee", PPM, 0),
                fields.has("status") ? DecodingContext.status(fields, "status") : MarketStatus.ACTIVE);
        },
        (c, json, definitions) ->
        {
            final LiquidityTier tier = c.liquidityTier();
            json.put("ticker", c.ticker()).put("oracle", c.oracle())
                .put("priceExponent", c.priceExponent()).put("atomicResolution", c.atomicResolution())
                .put("tickSize", decimal(c.tickSize(), -c.priceExponent()))
                .put("stepSize", decimal(c.stepSize(), -c.atomicResolution()))
                .put("makerFee", decimal(c.makerFeePpm(), PPM))
                .put("takerFee", decimal(c.takerFeePpm(), PPM)).put("status", JsonUnits.status(c.status()));
            json.putObject("liquidityTier").put("id", tier.id()).put("name", tier.name())
                .put("initialMargin", decimal(tier.initialMarginPpm(), PPM))
                .put("maintenanceFraction", decimal(tier.maintenanceFractionPpm(), PPM))
                .put("imfFactor", decimal(tier.imfFactorPpm(), PPM))
                .put("openInterestLowerCap", decimal(tier.openInterestLowerCap(), PPM))
                .put("openInterestUpperCap", decimal(tier.openInterestUpperCap(), PPM));
        });

    /**
     * An option series: the underlying's oracle, strike (its price units), expiry, "call" or "put", the contract
     * size as an atomic resolution, premium tick and size step, fees on the premium; the ticker defaults to
     * ORACLE-yyyyMMdd-STRIKE-C|P.
     */
    static final JsonCommandCodec<CreateOptionSeries> CREATE_OPTION_SERIES = new JsonCommandCodec<>(
        "createOptionSeries", CreateOptionSeries.class,
        List.of(optional("ticker", STRING, "series ticker, default ORACLE-yyyyMMdd-STRIKE-C|P", ""),
            required("oracle", STRING, "the underlying's oracle", ""),
            required("strike", DECIMAL, "strike price", "price units of the oracle"),
            required("expiry", TIME, "expiry time", "epoch ms or ISO-8601"),
            required("optionType", STRING, "call or put", ""),
            required("atomicResolution", INTEGER, "base-10 exponent of one contract quantum, -18 to 0", ""),
            required("tickSize", DECIMAL, "premium step", "price units of the oracle"),
            required("stepSize", DECIMAL, "size step", "contracts"),
            MAKER_FEE, TAKER_FEE, STATUS),
        (fields, time, context) ->
        {
            final Definitions.Oracle oracle = context.oracle(fields);
            final int priceDecimals = -oracle.priceExponent();
            final int atomicResolution = fields.smallInteger("atomicResolution", -18, 0);
            final long strike = fields.decimal("strike", priceDecimals);
            final long expiry = fields.time("expiry");
            final OptionType type = switch (fields.text("optionType").toLowerCase(Locale.ROOT))
            {
                case "call" -> OptionType.CALL;
                case "put" -> OptionType.PUT;
                default -> throw new CommandFormatException(fields.name("optionType"), "must be \"call\" or \"put\"");
            };
            final String ticker = fields.has("ticker") ? fields.text("ticker") : oracle.name() + "-" +
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(expiry)) +
                "-" + fields.text("strike") + "-" + (type == OptionType.CALL ? "C" : "P");
            return new CreateOptionSeries(time, context.definitions().nextOptionId(), ticker, oracle.id(), strike,
                expiry, type, atomicResolution, fields.decimal("tickSize", priceDecimals),
                fields.decimal("stepSize", -atomicResolution), fields.decimal("makerFee", PPM, 0),
                fields.decimal("takerFee", PPM, 0),
                fields.has("status") ? DecodingContext.status(fields, "status") : MarketStatus.ACTIVE);
        },
        (c, json, definitions) ->
        {
            final int decimals = -definitions.oracle(c.oracleId()).priceExponent();
            json.put("ticker", c.ticker())
                .put("oracle", definitions.oracle(c.oracleId()).name()).put("strike", decimal(c.strike(), decimals))
                .put("expiry", Instant.ofEpochMilli(c.expiry()).toString())
                .put("optionType", c.optionType() == OptionType.CALL ? "call" : "put")
                .put("atomicResolution", c.atomicResolution()).put("tickSize", decimal(c.tickSize(), decimals))
                .put("stepSize", decimal(c.stepSize(), -c.atomicResolution()))
                .put("makerFee", decimal(c.makerFeePpm(), PPM))
                .put("takerFee", decimal(c.takerFeePpm(), PPM)).put("status", JsonUnits.status(c.status()));
        });

    static final JsonCommandCodec<SetMarketStatus> SET_MARKET_STATUS = new JsonCommandCodec<>("setMarketStatus",
        SetMarketStatus.class,
        List.of(required("market", STRING, "perpetual market or option series ticker", ""),
            required("status", STRING, "active, reduceOnly or halted", "")),
        (fields, time, context) -> new SetMarketStatus(time, context.instrument(fields, "market").id(),
            DecodingContext.status(fields, "status")),
        (c, json, definitions) -> json.put("market", definitions.instrument(c.marketId()).ticker())
            .put("status", JsonUnits.status(c.status())));

    static final JsonCommandCodec<SettleExpiry> SETTLE_EXPIRY = new JsonCommandCodec<>("settleExpiry",
        SettleExpiry.class,
        List.of(required("series", STRING, "option series ticker", "")),
        (fields, time, context) -> new SettleExpiry(time, context.series(fields, "series").id()),
        (c, json, definitions) -> json.put("series", definitions.option(c.seriesId()).ticker()));

    private ListingCodecs()
    {
    }
}
