package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.market.Asset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.OBJECT;
import static io.novation.node.json.JsonType.SIGNATURE;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;

/**
 * The JSON codec of block trades: the maker's signed package of legs (each leg's instrument by ticker, side from the
 * maker's point of view, size in base units of the instrument and price in its oracle's units), the taker's signed
 * acceptance of the package's digest, and the fees in USDC (docs/protocol.md, "Block trades").
 */
final class BlockTradeCodecs
{
    private static final String FEE = "USDC";
    private static final JsonField SIGNATURE_FIELD = optional("signature", SIGNATURE,
        "the signer's EIP-712 signature r||s||v; the sequencer refuses a command without it", "");
    private static final List<JsonField> LEG_FIELDS = List.of(
        required("market", STRING, "perpetual market or option series ticker", ""),
        required("side", STRING, "buy or sell, from the maker's point of view", ""),
        required("size", DECIMAL, "leg size", "base units of the instrument"),
        required("price", DECIMAL, "leg price", "price units of the instrument's oracle"));
    private static final Set<String> LEG_NAMES = JsonCommandCodec.namesOf(LEG_FIELDS);
    private static final List<JsonField> MAKER_FIELDS = List.of(
        required("account", ADDRESS, "the maker", ""),
        optional("subaccount", INTEGER, "the maker's subaccount 0 to 255, default 0", ""),
        required("legs", ARRAY, "1 to 25 legs", "").with(LEG_FIELDS.toArray(JsonField[]::new)),
        required("maxFee", DECIMAL, "the most fee the maker pays", FEE),
        required("nonce", INTEGER, "the maker's package nonce", ""),
        required("expiry", TIME, "from when the package may not execute", "epoch ms or ISO-8601"),
        SIGNATURE_FIELD);
    private static final Set<String> MAKER_NAMES = JsonCommandCodec.namesOf(MAKER_FIELDS);
    private static final List<JsonField> TAKER_FIELDS = List.of(
        required("account", ADDRESS, "the taker", ""),
        optional("subaccount", INTEGER, "the taker's subaccount 0 to 255, default 0", ""),
        required("package", STRING, "the EIP-712 digest of the maker's package, 0x and 32 bytes in hex", ""),
        required("maxFee", DECIMAL, "the most fee the taker pays, broker fee included", FEE),
        optional("broker", ADDRESS, "the broker the taker signs for, default none", ""),
        optional("brokerSubaccount", INTEGER, "the signed broker's subaccount 0 to 255, default 0", ""),
        optional("brokerFee", DECIMAL, "the signed broker fee, default 0", FEE),
        required("nonce", INTEGER, "the taker's nonce", ""),
        required("expiry", TIME, "from when the acceptance may not execute", "epoch ms or ISO-8601"),
        SIGNATURE_FIELD);
    private static final Set<String> TAKER_NAMES = JsonCommandCodec.namesOf(TAKER_FIELDS);

    static final JsonCommandCodec<SettleBlockTrade> SETTLE_BLOCK_TRADE = new JsonCommandCodec<>("settleBlockTrade",
        SettleBlockTrade.class,
        List.of(required("maker", OBJECT, "the maker's signed package", "").with(MAKER_FIELDS.toArray(
                JsonField[]::new)),
            required("taker", OBJECT, "the taker's signed acceptance", "").with(TAKER_FIELDS.toArray(
                JsonField[]::new)),
            optional("makerFee", DECIMAL, "fee charged to the maker, default 0", FEE),
            optional("takerFee", DECIMAL, "fee charged to the taker, default 0", FEE),
            optional("broker", ADDRESS, "the broker credited with the broker fee", ""),
            optional("brokerSubaccount", INTEGER, "the broker's subaccount 0 to 255, default 0", ""),
            optional("brokerFee", DECIMAL, "fee the taker pays to the broker, default 0", FEE)),
        BlockTradeCodecs::decode,
        (c, json, definitions) ->
        {
            json.set("maker", encode(c.maker(), definitions));
            json.set("taker", encode(c.taker()));
            json.put("makerFee", JsonUnits.decimal(c.makerFee(), Asset.QUOTE_DECIMALS))
                .put("takerFee", JsonUnits.decimal(c.takerFee(), Asset.QUOTE_DECIMALS));
            if (c.broker() != null)
            {
                json.put("broker", c.broker().toString()).put("brokerSubaccount", c.brokerSubaccount());
            }
            json.put("brokerFee", JsonUnits.decimal(c.brokerFee(), Asset.QUOTE_DECIMALS));
        });

    private BlockTradeCodecs()
    {
    }

    private static SettleBlockTrade decode(final JsonFields fields, final long time, final DecodingContext context)
        throws CommandFormatException
    {
        final JsonFields maker = fields.object("maker");
        maker.allowOnly(MAKER_NAMES);
        final JsonNode array = maker.raw("legs");
        if (array == null || !array.isArray())
        {
            throw new CommandFormatException(maker.name("legs"), "must be an array of {market, side, size, price}");
        }
        JsonFields.boundedList(array, maker.name("legs"));
        final List<BlockLeg> legs = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields leg = new JsonFields(array.get(i), maker.name("legs") + "[" + i + "]");
            leg.allowOnly(LEG_NAMES);
            final Definitions.Market market = context.instrument(leg, "market");
            final String side = leg.text("side").toLowerCase(Locale.ROOT);
            if (!side.equals("buy") && !side.equals("sell"))
            {
                throw new CommandFormatException(leg.name("side"), "must be \"buy\" or \"sell\"");
            }
            legs.add(new BlockLeg(market.id(), side.equals("buy"), leg.decimal("size", -market.atomicResolution()),
                leg.decimal("price", context.priceDecimals(market.oracleId()))));
        }
        final BlockPackage offer = new BlockPackage(context.account(maker, "account"),
            maker.smallInteger("subaccount", 0, 255, 0), legs, maker.decimal("maxFee", Asset.QUOTE_DECIMALS),
            maker.integer("nonce"), maker.time("expiry"), DecodingContext.signature(maker));
        final JsonFields taker = fields.object("taker");
        taker.allowOnly(TAKER_NAMES);
        final byte[] digest;
        try
        {
            digest = Hex.decode(taker.text("package"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(taker.name("package"), "must be 32 bytes in hex");
        }
        if (digest.length != 32)
        {
            throw new CommandFormatException(taker.name("package"), "must be 32 bytes in hex");
        }
        final BlockAcceptance acceptance = new BlockAcceptance(context.account(taker, "account"),
            taker.smallInteger("subaccount", 0, 255, 0), digest, taker.decimal("maxFee", Asset.QUOTE_DECIMALS),
            taker.has("broker") ? context.account(taker, "broker") : null,
            taker.smallInteger("brokerSubaccount", 0, 255, 0), taker.decimal("brokerFee", Asset.QUOTE_DECIMALS, 0),
            taker.integer("nonce"), taker.time("expiry"), DecodingContext.signature(taker));
        final Address broker = fields.has("broker") ? context.account(fields, "broker") : null;
        return new SettleBlockTrade(time, offer, acceptance, fields.decimal("makerFee", Asset.QUOTE_DECIMALS, 0),
            fields.decimal("takerFee", Asset.QUOTE_DECIMALS, 0), broker,
            fields.smallInteger("brokerSubaccount", 0, 255, 0), fields.decimal("brokerFee", Asset.QUOTE_DECIMALS, 0));
    }

    private static ObjectNode encode(final BlockPackage offer, final Definitions definitions)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("account", offer.maker().toString()).put("subaccount", offer.subaccount());
        final ArrayNode legs = json.putArray("legs");
        for (final BlockLeg leg : offer.legs())
        {
            final Definitions.Market market = definitions.instrument(leg.instrument());
            legs.addObject().put("market", market.ticker()).put("side", leg.makerBuys() ? "buy" : "sell")
                .put("size", JsonUnits.size(market, leg.size()))
                .put("price", JsonUnits.price(definitions, market, leg.price()));
        }
        json.put("maxFee", JsonUnits.decimal(offer.maxFee(), Asset.QUOTE_DECIMALS)).put("nonce", offer.nonce())
            .put("expiry", offer.expiry());
        JsonUnits.signature(json, offer.signature());
        return json;
    }

    private static ObjectNode encode(final BlockAcceptance acceptance)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("account", acceptance.taker().toString()).put("subaccount", acceptance.subaccount())
            .put("package", Hex.encode(acceptance.packageDigest()))
            .put("maxFee", JsonUnits.decimal(acceptance.maxFee(), Asset.QUOTE_DECIMALS));
        if (acceptance.broker() != null)
        {
            json.put("broker", acceptance.broker().toString()).put("brokerSubaccount", acceptance.brokerSubaccount())
                .put("brokerFee", JsonUnits.decimal(acceptance.brokerFee(), Asset.QUOTE_DECIMALS));
        }
        json.put("nonce", acceptance.nonce()).put("expiry", acceptance.expiry());
        JsonUnits.signature(json, acceptance.signature());
        return json;
    }
}
