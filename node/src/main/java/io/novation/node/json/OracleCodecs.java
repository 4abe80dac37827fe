package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.SIGNATURE;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;
import static io.novation.node.json.JsonUnits.PPB;
import static io.novation.node.json.JsonUnits.PPM;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of oracles: publishers, feed and surface parameters (omitted ones unchanged), price rounds and
 * volatility surfaces; prices in the oracle's units, SVI parameters with nine decimals.
 */
final class OracleCodecs
{
    private static final String FRACTION = "fraction, 6 decimals";
    private static final String SVI = "SVI raw parameter, 9 decimals";
    private static final JsonField ORACLE = required("oracle", STRING, "oracle name, e.g. BTC-USD", "");
    private static final List<JsonField> REPORT_FIELDS = List.of(
        required("publisher", ADDRESS, "a registered publisher of the oracle", ""),
        required("price", DECIMAL, "reported price", "price units of the oracle"),
        optional("publishedAt", TIME, "publication time, default the command's time", "epoch ms or ISO-8601"),
        optional("signature", SIGNATURE, "the publisher's signature of the report", ""));
    private static final Set<String> REPORT_NAMES = JsonCommandCodec.namesOf(REPORT_FIELDS);
    private static final List<JsonField> SLICE_FIELDS = List.of(
        required("expiry", TIME, "expiry of the slice", "epoch ms or ISO-8601"),
        required("a", DECIMAL, "SVI level a", SVI), required("b", DECIMAL, "SVI slope b", SVI),
        required("rho", DECIMAL, "SVI skew rho", SVI), required("m", DECIMAL, "SVI shift m", SVI),
        required("sigma", DECIMAL, "SVI curvature sigma", SVI));
    private static final Set<String> SLICE_NAMES = JsonCommandCodec.namesOf(SLICE_FIELDS);

    static final JsonCommandCodec<RegisterOraclePublisher> REGISTER_ORACLE_PUBLISHER = new JsonCommandCodec<>(
        "registerOraclePublisher", RegisterOraclePublisher.class,
        List.of(ORACLE, required("publisher", ADDRESS, "the publisher's address", "")),
        (fields, time, context) -> new RegisterOraclePublisher(time, context.oracle(fields).id(),
            context.account(fields, "publisher")),
        (c, json, definitions) -> json.put("oracle", definitions.oracle(c.oracleId()).name())
            .put("publisher", c.publisher().toString()));

    static final JsonCommandCodec<SetOracleParameters> SET_ORACLE_PARAMETERS = new JsonCommandCodec<>(
        "setOracleParameters", SetOracleParameters.class,
        List.of(ORACLE,
            optional("quorum", INTEGER, "reports a round needs, default unchanged", "publishers"),
            optional("freshnessWindowMs", INTEGER, "how old a report may be, default unchanged", "ms"),
            optional("maxFutureSkewMs", INTEGER, "how far ahead a report may be, default unchanged", "ms"),
            optional("heartbeatMs", INTEGER, "staleness after the last round, default unchanged", "ms"),
            optional("haltAfterMs", INTEGER, "halt after so long without a round, default unchanged", "ms"),
            optional("deviationThreshold", DECIMAL, "a move that needs the jump quorum, default unchanged",
                FRACTION),
            optional("jumpQuorum", INTEGER, "reports a jump needs, default unchanged", "publishers"),
            optional("staleBandBase", DECIMAL, "stale price band at once, default unchanged", FRACTION),
            optional("staleBandPerMinute", DECIMAL, "stale band growth per minute, default unchanged", FRACTION),
            optional("staleBandMax", DECIMAL, "widest stale band, default unchanged", FRACTION)),
        OracleCodecs::setOracleParameters,
        (c, json, definitions) -> putOracleParameters(c.oracleId(), c.parameters(), json, definitions));

    /** Decodes {@code setOracleParameters}'s fields: absent fields keep the oracle's current values. */
    static SetOracleParameters setOracleParameters(final JsonFields fields, final long time,
        final DecodingContext context) throws CommandFormatException
    {
        final Definitions.Oracle oracle = context.oracle(fields);
        final OracleParameters current = oracle.parameters();
        try
        {
            return new SetOracleParameters(time, oracle.id(), new OracleParameters(
                fields.smallInteger("quorum", 1, OracleParameters.MAX_PUBLISHERS, current.quorum()),
                fields.integer("freshnessWindowMs", current.freshnessWindowMs()),
                fields.integer("maxFutureSkewMs", current.maxFutureSkewMs()),
                fields.integer("heartbeatMs", current.heartbeatMs()),
                fields.integer("haltAfterMs", current.haltAfterMs()),
                fields.decimal("deviationThreshold", PPM, current.deviationThresholdPpm()),
                fields.smallInteger("jumpQuorum", 1, OracleParameters.MAX_PUBLISHERS, current.jumpQuorum()),
                fields.decimal("staleBandBase", PPM, current.staleBandBasePpm()),
                fields.decimal("staleBandPerMinute", PPM, current.staleBandPpmPerMinute()),
                fields.decimal("staleBandMax", PPM, current.staleBandMaxPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("oracle"), ex.getMessage());
        }
    }

    /** Encodes an oracle's parameters as {@code setOracleParameters}'s fields. */
    static void putOracleParameters(final int oracleId, final OracleParameters p, final ObjectNode json,
        final Definitions definitions)
    {
        json.put("oracle", definitions.oracle(oracleId).name())
            .put("quorum", p.quorum()).put("freshnessWindowMs", p.freshnessWindowMs())
            .put("maxFutureSkewMs", p.maxFutureSkewMs()).put("heartbeatMs", p.heartbeatMs())
            .put("haltAfterMs", p.haltAfterMs())
            .put("deviationThreshold", decimal(p.deviationThresholdPpm(), PPM))
            .put("jumpQuorum", p.jumpQuorum())
            .put("staleBandBase", decimal(p.staleBandBasePpm(), PPM))
            .put("staleBandPerMinute", decimal(p.staleBandPpmPerMinute(), PPM))
            .put("staleBandMax", decimal(p.staleBandMaxPpm(), PPM));
    }

    static final JsonCommandCodec<SetVolSurfaceParameters> SET_VOL_SURFACE_PARAMETERS = new JsonCommandCodec<>(
        "setVolSurfaceParameters", SetVolSurfaceParameters.class,
        List.of(ORACLE,
            optional("heartbeatMs", INTEGER, "staleness after the last surface, default unchanged", "ms"),
            optional("deviationThreshold", DECIMAL, "largest volatility move accepted, default unchanged",
                FRACTION),
            optional("staleBandBase", DECIMAL, "stale volatility band at once, default unchanged", FRACTION),
            optional("staleBandPerHour", DECIMAL, "stale band growth per hour, default unchanged", FRACTION),
            optional("staleBandMax", DECIMAL, "widest stale band, default unchanged", FRACTION)),
        OracleCodecs::setVolSurfaceParameters,
        (c, json, definitions) -> putVolSurfaceParameters(c.oracleId(), c.parameters(), json, definitions));

    /** Reads an underlying's surface parameters, absent fields unchanged. */
    static SetVolSurfaceParameters setVolSurfaceParameters(final JsonFields fields, final long time,
        final DecodingContext context) throws CommandFormatException
    {
        final Definitions.Oracle oracle = context.oracle(fields);
        final VolSurfaceParameters current = oracle.surfaceParameters();
        try
        {
            return new SetVolSurfaceParameters(time, oracle.id(), new VolSurfaceParameters(
                fields.integer("heartbeatMs", current.heartbeatMs()),
                fields.decimal("deviationThreshold", PPM, current.deviationThresholdPpm()),
                fields.decimal("staleBandBase", PPM, current.staleBandBasePpm()),
                fields.decimal("staleBandPerHour", PPM, current.staleBandPpmPerHour()),
                fields.decimal("staleBandMax", PPM, current.staleBandMaxPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("oracle"), ex.getMessage());
        }
    }

    /** Writes surface parameters as {@code setVolSurfaceParameters} and the kind volSurfaceParameters do. */
    static void putVolSurfaceParameters(final int oracleId, final VolSurfaceParameters p, final ObjectNode json,
        final Definitions definitions)
    {
        json.put("oracle", definitions.oracle(oracleId).name())
            .put("heartbeatMs", p.heartbeatMs())
            .put("deviationThreshold", decimal(p.deviationThresholdPpm(), PPM))
            .put("staleBandBase", decimal(p.staleBandBasePpm(), PPM))
            .put("staleBandPerHour", decimal(p.staleBandPpmPerHour(), PPM))
            .put("staleBandMax", decimal(p.staleBandMaxPpm(), PPM));
    }

    /**
     * A round of reports: each {publisher, price, publishedAt (default: the command's time), signature}; or one
     * "price" for every registered publisher of the oracle, as unsigned reports (a scenario signs them).
     */
    static final JsonCommandCodec<OraclePrice> ORACLE_PRICE = new JsonCommandCodec<>("oraclePrice",
        OraclePrice.class,
        List.of(ORACLE,
            optional("price", DECIMAL, "one price for every registered publisher, instead of reports",
                "price units of the oracle"),
            optional("reports", ARRAY, "the publishers' reports, instead of price", "")
                .with(REPORT_FIELDS.toArray(JsonField[]::new))),
        OracleCodecs::oraclePrice,
        (c, json, definitions) ->
        {
            final int exponent = definitions.oracle(c.oracleId()).priceExponent();
            json.put("oracle", definitions.oracle(c.oracleId()).name());
            final ArrayNode reports = json.putArray("reports");
            for (final PriceReport report : c.reports())
            {
                final ObjectNode entry = reports.addObject();
                entry.put("publisher", report.publisher().toString()).put("price", decimal(report.price(), -exponent))
                    .put("publishedAt", report.publishedAt());
                JsonUnits.signature(entry, report.signature());
            }
        });

    /**
     * A volatility surface from a registered publisher of the underlying's oracle: {publisher, publishedAt (default:
     * the command's time), slices (per expiry the raw SVI parameters a, b, rho, m, sigma as decimals, 9 places),
     * signature}.
     */
    static final JsonCommandCodec<OracleVolSurface> ORACLE_VOL_SURFACE = new JsonCommandCodec<>("oracleVolSurface",
        OracleVolSurface.class,
        List.of(ORACLE, required("publisher", ADDRESS, "a registered publisher of the oracle", ""),
            optional("publishedAt", TIME, "publication time, default the command's time", "epoch ms or ISO-8601"),
            required("slices", ARRAY, "one SVI slice per expiry", "").with(SLICE_FIELDS.toArray(JsonField[]::new)),
            optional("signature", SIGNATURE, "the publisher's signature of the surface", "")),
        OracleCodecs::oracleVolSurface,
        (c, json, definitions) ->
        {
            json.put("oracle", definitions.oracle(c.oracleId()).name());
            if (c.publisher() != null)
            {
                json.put("publisher", c.publisher().toString());
            }
            json.put("publishedAt", c.publishedAt());
            final ArrayNode slices = json.putArray("slices");
            for (final OracleVolSurface.Slice slice : c.slices())
            {
                slices.addObject().put("expiry", Instant.ofEpochMilli(slice.expiry()).toString())
                    .put("a", decimal(slice.aNanos(), PPB)).put("b", decimal(slice.bNanos(), PPB))
                    .put("rho", decimal(slice.rhoNanos(), PPB)).put("m", decimal(slice.mNanos(), PPB))
                    .put("sigma", decimal(slice.sigmaNanos(), PPB));
            }
            JsonUnits.signature(json, c.signature());
        });

    private OracleCodecs()
    {
    }

    private static OraclePrice oraclePrice(final JsonFields fields, final long time, final DecodingContext context)
        throws CommandFormatException
    {
        final Definitions.Oracle oracle = context.oracle(fields);
        final int decimals = -oracle.priceExponent();
        final List<PriceReport> reports = new ArrayList<>();
        if (fields.has("price") == fields.has("reports"))
        {
            throw new CommandFormatException(fields.name("reports"), "give either \"reports\" or one \"price\"");
        }
        if (fields.has("price"))
        {
            final long price = fields.decimal("price", decimals);
            for (final Address publisher : oracle.publishers())
            {
                reports.add(new PriceReport(oracle.id(), price, time, publisher, null));
            }
            return new OraclePrice(time, oracle.id(), reports);
        }
        final JsonNode array = fields.raw("reports");
        if (!array.isArray())
        {
            throw new CommandFormatException(fields.name("reports"), "must be an array of reports");
        }
        JsonFields.boundedList(array, fields.name("reports"));
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields report = new JsonFields(array.get(i), fields.name("reports") + "[" + i + "]");
            report.allowOnly(REPORT_NAMES);
            final Address publisher = context.account(report, "publisher");
            reports.add(new PriceReport(oracle.id(), report.decimal("price", decimals),
                report.has("publishedAt") ? report.time("publishedAt") : time, publisher,
                DecodingContext.signature(report)));
        }
        return new OraclePrice(time, oracle.id(), reports);
    }

    private static OracleVolSurface oracleVolSurface(final JsonFields fields, final long time,
        final DecodingContext context) throws CommandFormatException
    {
        final Definitions.Oracle oracle = context.oracle(fields);
        final Address publisher = context.account(fields, "publisher");
        final JsonNode array = fields.raw("slices");
        if (array == null || !array.isArray())
        {
            throw new CommandFormatException(fields.name("slices"),
                "must be an array of {expiry, a, b, rho, m, sigma}");
        }
        JsonFields.boundedList(array, fields.name("slices"));
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields slice = new JsonFields(array.get(i), fields.name("slices") + "[" + i + "]");
            slice.allowOnly(SLICE_NAMES);
            slices.add(new OracleVolSurface.Slice(slice.time("expiry"), slice.decimal("a", PPB),
                slice.decimal("b", PPB), slice.decimal("rho", PPB), slice.decimal("m", PPB),
                slice.decimal("sigma", PPB)));
        }
        return new OracleVolSurface(time, oracle.id(), fields.has("publishedAt") ? fields.time("publishedAt") : time,
            slices, publisher, DecodingContext.signature(fields));
    }
}
