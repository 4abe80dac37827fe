package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.governance.AssetWeightsChange;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.LiquidationTermsChange;
import io.novation.core.governance.DepthPenaltyBoundsChange;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.governance.MarginControllerBoundsChange;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.governance.PositionCapsChange;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.governance.FundingParametersChange;
import io.novation.core.governance.OracleParametersChange;
import io.novation.core.governance.VolSurfaceParametersChange;
import io.novation.core.governance.PublisherAddition;
import io.novation.core.governance.PublisherRemoval;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON of each kind of risk parameter change, the {@code change} object of {@code setRiskParameters}: its
 * {@code kind} and the kind's fields; fractions as decimals with six places, amounts in USDC, markets by ticker,
 * assets by symbol, oracles by name. Adding a kind: one {@link Kind} in {@link #KINDS}.
 */
public final class RiskParameterKinds
{
    private static final String FRACTION = "fraction, 6 decimals";
    private static final String USDC_DECIMALS = "USDC";
    private static final int QUOTE_DECIMALS = 6;
    private static final JsonField MARKET = required("market", STRING, "perpetual market ticker", "");
    private static final JsonField ORACLE = required("oracle", STRING, "oracle name, e.g. BTC-USD", "");
    private static final JsonField PUBLISHER = required("publisher", ADDRESS, "the publisher's address", "");
    private static final JsonField KEY = required("key", ADDRESS, "the new key's address", "");

    /**
     * One kind's JSON: its name, fields, decoder and encoder.
     *
     * @param <K> the change record.
     */
    record Kind<K extends RiskParameterChange>(String name, Class<K> changeClass, List<JsonField> fields,
        Decoding<K> decoding, Encoding<K> encoding)
    {
        @SuppressWarnings("unchecked")
        void encode(final RiskParameterChange change, final ObjectNode json, final Definitions definitions)
        {
            encoding.encode((K)change, json, definitions);
        }
    }

    /**
     * Reads a kind's fields.
     *
     * @param <K> the change record.
     */
    @FunctionalInterface
    interface Decoding<K>
    {
        K decode(JsonFields fields, DecodingContext context) throws CommandFormatException;
    }

    /**
     * Writes a kind's fields.
     *
     * @param <K> the change record.
     */
    @FunctionalInterface
    interface Encoding<K>
    {
        void encode(K change, ObjectNode json, Definitions definitions);
    }

    private static final List<Kind<?>> KINDS = List.of(
        new Kind<>(LiquidityTierChange.KIND, LiquidityTierChange.class,
            List.of(MARKET,
                required("initialMargin", DECIMAL, "base initial margin fraction", FRACTION),
                required("maintenanceFraction", DECIMAL, "maintenance margin as a fraction of initial", FRACTION),
                optional("imfFactor", DECIMAL, "size-premium factor, default 0", FRACTION),
                optional("openInterestLowerCap", DECIMAL, "open interest where the margin starts to grow, " +
                    "default 0", USDC_DECIMALS),
                optional("openInterestUpperCap", DECIMAL, "open interest where it reaches 100%, default 0 (none)",
                    USDC_DECIMALS)),
            (fields, context) -> new LiquidityTierChange(context.perpetual(fields, "market").id(),
                fields.decimal("initialMargin", PPM), fields.decimal("maintenanceFraction", PPM),
                fields.decimal("imfFactor", PPM, 0), fields.decimal("openInterestLowerCap", QUOTE_DECIMALS, 0),
                fields.decimal("openInterestUpperCap", QUOTE_DECIMALS, 0)),
            (c, json, definitions) -> json.put("market", definitions.perpetual(c.marketId()).ticker())
                .put("initialMargin", decimal(c.initialMarginPpm(), PPM))
                .put("maintenanceFraction", decimal(c.maintenanceFractionPpm(), PPM))
                .put("imfFactor", decimal(c.imfFactorPpm(), PPM))
                .put("openInterestLowerCap", decimal(c.openInterestLowerCap(), QUOTE_DECIMALS))
                .put("openInterestUpperCap", decimal(c.openInterestUpperCap(), QUOTE_DECIMALS))),
        new Kind<>(MarketFeesChange.KIND, MarketFeesChange.class,
            List.of(MARKET,
                required("makerFee", DECIMAL, "maker fee (negative: a rebate)", FRACTION),
                required("takerFee", DECIMAL, "taker fee", FRACTION)),
            (fields, context) -> new MarketFeesChange(context.perpetual(fields, "market").id(),
                fields.decimal("makerFee", PPM), fields.decimal("takerFee", PPM)),
            (c, json, definitions) -> json.put("market", definitions.perpetual(c.marketId()).ticker())
                .put("makerFee", decimal(c.makerFeePpm(), PPM)).put("takerFee", decimal(c.takerFeePpm(), PPM))),
        new Kind<>(PositionCapsChange.KIND, PositionCapsChange.class,
            List.of(MARKET,
                optional("openInterestCap", DECIMAL, "hard cap on open interest (sum of longs), default 0 (none)",
                    "base units"),
                optional("positionLimit", DECIMAL, "largest absolute position of one subaccount, default 0 (none)",
                    "base units")),
            (fields, context) ->
            {
                final Definitions.Market market = context.perpetual(fields, "market");
                return new PositionCapsChange(market.id(),
                    fields.decimal("openInterestCap", -market.atomicResolution(), 0),
                    fields.decimal("positionLimit", -market.atomicResolution(), 0));
            },
            (c, json, definitions) ->
            {
                final Definitions.Market market = definitions.perpetual(c.marketId());
                json.put("market", market.ticker())
                    .put("openInterestCap", JsonUnits.size(market, c.openInterestCap()))
                    .put("positionLimit", JsonUnits.size(market, c.positionLimit()));
            }),
        new Kind<>(LiquidationTermsChange.KIND, LiquidationTermsChange.class,
            List.of(MARKET,
                optional("maxLiquidationFee", DECIMAL, "insurance fund's largest share of the notional, default " +
                    "0.005", FRACTION),
                optional("bankruptcyAdjustment", DECIMAL, "BA of the fillable price, 1 to 2, default 1", FRACTION),
                optional("spreadToMaintenanceMarginRatio", DECIMAL, "SMMR of the fillable price, default 0.1",
                    FRACTION),
                optional("largePositionNotional", DECIMAL, "positions worth more go in parts, default 100000",
                    USDC_DECIMALS),
                optional("partialFraction", DECIMAL, "largest part of a large position, default 0.2", FRACTION),
                optional("cooldownMs", INTEGER, "wait between two parts, default 30000", "ms"),
                optional("backstopRatio", DECIMAL, "collateral ratio below which a large position goes whole, " +
                    "default 0.666667", FRACTION)),
            (fields, context) ->
            {
                final LiquidationTerms d = LiquidationTerms.DEFAULTS;
                return new LiquidationTermsChange(context.perpetual(fields, "market").id(), new LiquidationTerms(
                    fields.decimal("maxLiquidationFee", PPM, d.maxLiquidationFeePpm()),
                    fields.decimal("bankruptcyAdjustment", PPM, d.bankruptcyAdjustmentPpm()),
                    fields.decimal("spreadToMaintenanceMarginRatio", PPM, d.spreadToMaintenanceMarginRatioPpm()),
                    fields.decimal("largePositionNotional", QUOTE_DECIMALS, d.largePositionNotional()),
                    fields.decimal("partialFraction", PPM, d.partialFractionPpm()),
                    fields.integer("cooldownMs", d.cooldownMs()),
                    fields.decimal("backstopRatio", PPM, d.backstopRatioPpm())));
            },
            (c, json, definitions) -> json.put("market", definitions.perpetual(c.marketId()).ticker())
                .put("maxLiquidationFee", decimal(c.terms().maxLiquidationFeePpm(), PPM))
                .put("bankruptcyAdjustment", decimal(c.terms().bankruptcyAdjustmentPpm(), PPM))
                .put("spreadToMaintenanceMarginRatio", decimal(c.terms().spreadToMaintenanceMarginRatioPpm(), PPM))
                .put("largePositionNotional", decimal(c.terms().largePositionNotional(), QUOTE_DECIMALS))
                .put("partialFraction", decimal(c.terms().partialFractionPpm(), PPM))
                .put("cooldownMs", c.terms().cooldownMs())
                .put("backstopRatio", decimal(c.terms().backstopRatioPpm(), PPM))),
        new Kind<>(AssetWeightsChange.KIND, AssetWeightsChange.class,
            List.of(required("asset", STRING, "collateral asset symbol", ""),
                required("initialWeight", DECIMAL, "collateral weight for initial margin", FRACTION),
                optional("maintenanceWeight", DECIMAL, "collateral weight for maintenance, default initialWeight",
                    FRACTION)),
            (fields, context) ->
            {
                final long initial = fields.decimal("initialWeight", PPM);
                return new AssetWeightsChange(context.asset(fields, "asset").id(), initial,
                    fields.decimal("maintenanceWeight", PPM, initial));
            },
            (c, json, definitions) -> json.put("asset", definitions.asset(c.assetId()).symbol())
                .put("initialWeight", decimal(c.initialWeightPpm(), PPM))
                .put("maintenanceWeight", decimal(c.maintenanceWeightPpm(), PPM))),
        new Kind<>(OracleParametersChange.KIND, OracleParametersChange.class,
            OracleCodecs.SET_ORACLE_PARAMETERS.fields(),
            (fields, context) ->
            {
                final SetOracleParameters parsed = OracleCodecs.setOracleParameters(fields, 0, context);
                return new OracleParametersChange(parsed.oracleId(), parsed.parameters());
            },
            (c, json, definitions) -> OracleCodecs.putOracleParameters(c.oracleId(), c.parameters(), json,
                definitions)),
        new Kind<>(PublisherAddition.KIND, PublisherAddition.class, List.of(ORACLE, PUBLISHER),
            (fields, context) -> new PublisherAddition(context.oracle(fields).id(),
                context.account(fields, "publisher")),
            (c, json, definitions) -> json.put("oracle", definitions.oracle(c.oracleId()).name())
                .put("publisher", c.publisher().toString())),
        new Kind<>(PublisherRemoval.KIND, PublisherRemoval.class, List.of(ORACLE, PUBLISHER),
            (fields, context) -> new PublisherRemoval(context.oracle(fields).id(),
                context.account(fields, "publisher")),
            (c, json, definitions) -> json.put("oracle", definitions.oracle(c.oracleId()).name())
                .put("publisher", c.publisher().toString())),
        new Kind<>(GovernanceKeyRotation.KIND, GovernanceKeyRotation.class, List.of(KEY),
            (fields, context) -> new GovernanceKeyRotation(context.account(fields, "key")),
            (c, json, definitions) -> json.put("key", c.key().toString())),
        new Kind<>(BridgeKeyRotation.KIND, BridgeKeyRotation.class, List.of(KEY),
            (fields, context) -> new BridgeKeyRotation(context.account(fields, "key")),
            (c, json, definitions) -> json.put("key", c.key().toString())),
        new Kind<>(MarginControllerBoundsChange.KIND, MarginControllerBoundsChange.class,
            List.of(MARKET,
                optional("minInitialMargin", DECIMAL, "lowest initial margin fraction; omit every bound to turn " +
                    "the controller off", FRACTION),
                optional("maxInitialMargin", DECIMAL, "highest initial margin fraction", FRACTION),
                optional("maxStep", DECIMAL, "largest change of one adjustment", FRACTION),
                optional("minIntervalMs", INTEGER, "least time between two applied adjustments", "ms"),
                optional("tighteningDelayMs", INTEGER, "wait between announcing a raise and applying it", "ms"),
                optional("looseningDelayMs", INTEGER, "wait between announcing a cut and applying it", "ms"),
                optional("volatilityHalfLifeMs", INTEGER, "half-life of the EWMA of oracle log-returns, default " +
                    MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS + " (RiskMetrics' daily lambda 0.94)", "ms")),
            RiskParameterKinds::controllerBounds,
            (c, json, definitions) ->
            {
                json.put("market", definitions.perpetual(c.marketId()).ticker());
                final MarginControllerBounds b = c.bounds();
                if (b != null)
                {
                    json.put("minInitialMargin", decimal(b.minImfPpm(), PPM))
                        .put("maxInitialMargin", decimal(b.maxImfPpm(), PPM))
                        .put("maxStep", decimal(b.maxStepPpm(), PPM))
                        .put("minIntervalMs", b.minIntervalMs()).put("tighteningDelayMs", b.tighteningDelayMs())
                        .put("looseningDelayMs", b.looseningDelayMs()).put("volatilityHalfLifeMs", b.halfLifeMs());
                }
            }),
        new Kind<>(DepthPenaltyBoundsChange.KIND, DepthPenaltyBoundsChange.class,
            List.of(MARKET,
                optional("maxSpreadRatio", DECIMAL, "largest spread-to-maintenance-margin ratio of a liquidation's " +
                    "fillable price; omit every bound to turn the depth penalty off", FRACTION),
                optional("maxFee", DECIMAL, "largest insurance fee of a liquidation", FRACTION),
                optional("maxDepthAgeMs", INTEGER, "oldest depth report used", "ms")),
            RiskParameterKinds::depthBounds,
            (c, json, definitions) ->
            {
                json.put("market", definitions.perpetual(c.marketId()).ticker());
                final DepthPenaltyBounds d = c.bounds();
                if (d != null)
                {
                    json.put("maxSpreadRatio", decimal(d.maxSpreadRatioPpm(), PPM))
                        .put("maxFee", decimal(d.maxFeePpm(), PPM)).put("maxDepthAgeMs", d.maxDepthAgeMs());
                }
            }),
        new Kind<>(FundingParametersChange.KIND, FundingParametersChange.class,
            FundingCodecs.SET_FUNDING_PARAMETERS.fields(),
            (fields, context) ->
            {
                final SetFundingParameters parsed = FundingCodecs.setFundingParameters(fields, 0, context);
                return new FundingParametersChange(parsed.marketId(), parsed.parameters());
            },
            (c, json, definitions) -> FundingCodecs.putFundingParameters(c.marketId(), c.parameters(), json,
                definitions)),
        new Kind<>(VolSurfaceParametersChange.KIND, VolSurfaceParametersChange.class,
            OracleCodecs.SET_VOL_SURFACE_PARAMETERS.fields(),
            (fields, context) ->
            {
                final SetVolSurfaceParameters parsed = OracleCodecs.setVolSurfaceParameters(fields, 0, context);
                return new VolSurfaceParametersChange(parsed.oracleId(), parsed.parameters());
            },
            (c, json, definitions) -> OracleCodecs.putVolSurfaceParameters(c.oracleId(), c.parameters(), json,
                definitions)));

    private static final Map<String, Kind<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, Kind<?>> BY_CLASS = new LinkedHashMap<>();

    static
    {
        for (final Kind<?> kind : KINDS)
        {
            BY_NAME.put(kind.name(), kind);
            BY_CLASS.put(kind.changeClass(), kind);
        }
    }

    private RiskParameterKinds()
    {
    }

    private static MarginControllerBoundsChange controllerBounds(final JsonFields fields,
        final DecodingContext context) throws CommandFormatException
    {
        final int market = context.perpetual(fields, "market").id();
        if (!fields.has("minInitialMargin") && !fields.has("maxInitialMargin") && !fields.has("maxStep"))
        {
            return new MarginControllerBoundsChange(market, null);
        }
        final long min = fields.decimal("minInitialMargin", PPM);
        final long max = fields.decimal("maxInitialMargin", PPM);
        final long step = fields.decimal("maxStep", PPM);
        final long interval = fields.integer("minIntervalMs");
        final long tighten = fields.integer("tighteningDelayMs");
        final long loosen = fields.integer("looseningDelayMs");
        final long halfLife = fields.integer("volatilityHalfLifeMs", MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS);
        final String problem = MarginControllerBounds.problem(min, max, step, interval, tighten, loosen, halfLife);
        if (problem != null)
        {
            throw new CommandFormatException(fields.name("minInitialMargin"), problem);
        }
        return new MarginControllerBoundsChange(market,
            new MarginControllerBounds(min, max, step, interval, tighten, loosen, halfLife));
    }

    private static DepthPenaltyBoundsChange depthBounds(final JsonFields fields, final DecodingContext context)
        throws CommandFormatException
    {
        final int market = context.perpetual(fields, "market").id();
        if (!fields.has("maxSpreadRatio") && !fields.has("maxFee") && !fields.has("maxDepthAgeMs"))
        {
            return new DepthPenaltyBoundsChange(market, null);
        }
        final long spread = fields.decimal("maxSpreadRatio", PPM);
        final long fee = fields.decimal("maxFee", PPM);
        final long age = fields.integer("maxDepthAgeMs");
        final String problem = DepthPenaltyBounds.problem(spread, fee, age);
        if (problem != null)
        {
            throw new CommandFormatException(fields.name("maxSpreadRatio"), problem);
        }
        return new DepthPenaltyBoundsChange(market, new DepthPenaltyBounds(spread, fee, age));
    }

    /**
     * The kinds' names.
     *
     * @return names in documentation order.
     */
    static List<String> names()
    {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The fields of every kind, each name once (kinds sharing a name share its meaning), after {@code kind}; all
     * optional, since each kind needs only its own.
     *
     * @return the fields.
     */
    static List<JsonField> allFields()
    {
        final Map<String, JsonField> fields = new LinkedHashMap<>();
        fields.put("kind", required("kind", STRING, "the kind of change: " + String.join(", ", names()), ""));
        for (final Kind<?> kind : KINDS)
        {
            for (final JsonField field : kind.fields())
            {
                fields.putIfAbsent(field.name(), optional(field.name(), field.type(), field.description() +
                    " (" + kind.name() + ")", field.unit()));
            }
        }
        return new ArrayList<>(fields.values());
    }

    /**
     * Decodes a {@code change} object.
     *
     * @param fields  the object.
     * @param context definitions and account names.
     * @return the change.
     * @throws CommandFormatException when the kind is unknown or a field is missing or malformed.
     */
    static RiskParameterChange decode(final JsonFields fields, final DecodingContext context)
        throws CommandFormatException
    {
        final String name = fields.text("kind");
        final Kind<?> kind = BY_NAME.get(name);
        if (kind == null)
        {
            throw new CommandFormatException(fields.name("kind"), "unknown kind '" + JsonFields.quote(name) +
                "'; known: " + String.join(", ", names()));
        }
        final Set<String> allowed = new HashSet<>(JsonCommandCodec.namesOf(kind.fields()));
        allowed.add("kind");
        fields.allowOnly(allowed);
        return kind.decoding().decode(fields, context);
    }

    /**
     * Encodes a change as its {@code change} object.
     *
     * @param change      the change.
     * @param definitions names of markets, assets and oracles.
     * @return the object.
     */
    public static ObjectNode encode(final RiskParameterChange change, final Definitions definitions)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode().put("kind", change.kind());
        BY_CLASS.get(change.getClass()).encode(change, json, definitions);
        return json;
    }
}
