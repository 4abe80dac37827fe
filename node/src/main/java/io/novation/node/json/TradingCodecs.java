package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Liquidate;
import io.novation.core.command.Order;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SettleTrade;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.BOOLEAN;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.OBJECT;
import static io.novation.node.json.JsonType.SIGNATURE;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;

/**
 * The JSON codecs of trading: matched trades with both signed orders, keepers' liquidations and owners' margin modes;
 * sizes in base units of the instrument, prices in its oracle's units.
 */
final class TradingCodecs
{
    /** An order without an expiry lives one day from the command's time. */
    static final long DEFAULT_ORDER_LIFETIME_MS = 24L * 60 * 60 * 1000;

    private static final String SIZE = "base units of the instrument";
    private static final String PRICE = "price units of the instrument's oracle";
    private static final JsonField SIGNATURE_FIELD = optional("signature", SIGNATURE,
        "the signer's EIP-712 signature r||s||v; the sequencer refuses a command without it", "");
    private static final List<JsonField> ORDER_FIELDS = List.of(
        required("account", ADDRESS, "the order's owner", ""),
        optional("subaccount", INTEGER, "subaccount 0 to 255, default 0", ""),
        required("side", STRING, "buy or sell", ""),
        required("size", DECIMAL, "order size", SIZE),
        required("limitPrice", DECIMAL, "worst price accepted", PRICE),
        required("nonce", INTEGER, "the owner's order nonce", ""),
        optional("expiry", TIME, "expiry, default one day after the command's time", "epoch ms or ISO-8601"),
        optional("reduceOnly", BOOLEAN, "whether it may only reduce a position, default false", ""),
        SIGNATURE_FIELD);
    private static final Set<String> ORDER_NAMES = JsonCommandCodec.namesOf(ORDER_FIELDS);

    static final JsonCommandCodec<SettleTrade> SETTLE_TRADE = new JsonCommandCodec<>("settleTrade",
        SettleTrade.class,
        List.of(required("market", STRING, "perpetual market or option series ticker", ""),
            required("size", DECIMAL, "fill size", SIZE), required("price", DECIMAL, "fill price", PRICE),
            required("maker", OBJECT, "the maker's signed order", "").with(ORDER_FIELDS.toArray(JsonField[]::new)),
            required("taker", OBJECT, "the taker's signed order", "").with(ORDER_FIELDS.toArray(JsonField[]::new))),
        (fields, time, context) ->
        {
            final Definitions.Market market = context.instrument(fields, "market");
            final int priceDecimals = context.priceDecimals(market.oracleId());
            final int sizeDecimals = -market.atomicResolution();
            return new SettleTrade(time, market.id(),
                order(fields.object("maker"), market, priceDecimals, sizeDecimals, time, context),
                order(fields.object("taker"), market, priceDecimals, sizeDecimals, time, context),
                fields.decimal("size", sizeDecimals), fields.decimal("price", priceDecimals));
        },
        (c, json, definitions) ->
        {
            final Definitions.Market market = definitions.instrument(c.marketId());
            json.put("market", market.ticker());
            json.put("size", JsonUnits.size(market, c.fillSize()))
                .put("price", JsonUnits.price(definitions, market, c.fillPrice()));
            json.set("maker", order(definitions, market, c.maker()));
            json.set("taker", order(definitions, market, c.taker()));
        });

    /** A keeper's request: take over {@code size} of the target subaccount's position in the market. */
    static final JsonCommandCodec<Liquidate> LIQUIDATE = new JsonCommandCodec<>("liquidate", Liquidate.class,
        List.of(required("keeper", ADDRESS, "the keeper taking the position over", ""),
            optional("keeperSubaccount", INTEGER, "keeper's subaccount 0 to 255, default 0", ""),
            required("target", ADDRESS, "the liquidated owner", ""),
            optional("targetSubaccount", INTEGER, "target's subaccount 0 to 255, default 0", ""),
            required("market", STRING, "perpetual market or option series ticker", ""),
            required("size", DECIMAL, "size taken over", SIZE),
            required("nonce", INTEGER, "the keeper's next nonce (above the last used)", ""), SIGNATURE_FIELD),
        (fields, time, context) ->
        {
            final Definitions.Market market = context.instrument(fields, "market");
            return new Liquidate(time, context.account(fields, "keeper"),
                fields.smallInteger("keeperSubaccount", 0, 255, 0), context.account(fields, "target"),
                fields.smallInteger("targetSubaccount", 0, 255, 0), market.id(),
                fields.decimal("size", -market.atomicResolution()), fields.integer("nonce"),
                DecodingContext.signature(fields));
        },
        (c, json, definitions) ->
        {
            final Definitions.Market market = definitions.instrument(c.marketId());
            json.put("keeper", c.keeper().toString())
                .put("keeperSubaccount", c.keeperSubaccount()).put("target", c.target().toString())
                .put("targetSubaccount", c.targetSubaccount()).put("market", market.ticker())
                .put("size", JsonUnits.size(market, c.size())).put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    /** An owner's switch between "standard" and "portfolio" margin for a cross subaccount. */
    static final JsonCommandCodec<SetMarginMode> SET_MARGIN_MODE = new JsonCommandCodec<>("setMarginMode",
        SetMarginMode.class,
        List.of(required("account", ADDRESS, "the owner", ""),
            optional("subaccount", INTEGER, "cross subaccount 0 to 127, default 0", ""),
            required("mode", STRING, "standard or portfolio", ""),
            required("nonce", INTEGER, "the owner's next nonce (above the last used)", ""), SIGNATURE_FIELD),
        (fields, time, context) ->
        {
            final io.novation.core.account.Address owner = context.account(fields, "account");
            final String mode = fields.text("mode");
            if (!mode.equals("portfolio") && !mode.equals("standard"))
            {
                throw new CommandFormatException(fields.name("mode"), "must be \"standard\" or \"portfolio\"");
            }
            return new SetMarginMode(time, owner, fields.smallInteger("subaccount", 0, 255, 0),
                mode.equals("portfolio"), fields.integer("nonce"), DecodingContext.signature(fields));
        },
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("subaccount", c.subaccount())
                .put("mode", c.portfolio() ? "portfolio" : "standard").put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    private TradingCodecs()
    {
    }

    private static Order order(final JsonFields fields, final Definitions.Market market, final int priceDecimals,
        final int sizeDecimals, final long time, final DecodingContext context) throws CommandFormatException
    {
        fields.allowOnly(ORDER_NAMES);
        final io.novation.core.account.Address owner = context.account(fields, "account");
        final String side = fields.text("side").toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell"))
        {
            throw new CommandFormatException(fields.name("side"), "must be \"buy\" or \"sell\"");
        }
        final long nonce = fields.integer("nonce");
        return Order.of(owner, fields.smallInteger("subaccount", 0, 255, 0), market.id(),
            side.equals("buy"), fields.decimal("size", sizeDecimals), fields.decimal("limitPrice", priceDecimals),
            nonce, fields.has("expiry") ? fields.time("expiry") : time + DEFAULT_ORDER_LIFETIME_MS,
            fields.bool("reduceOnly", false), DecodingContext.signature(fields));
    }

    private static ObjectNode order(final Definitions definitions, final Definitions.Market market, final Order order)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("account", order.account().toString()).put("subaccount", order.subaccount())
            .put("side", order.isBuy() ? "buy" : "sell").put("size", JsonUnits.size(market, order.size()))
            .put("limitPrice", JsonUnits.price(definitions, market, order.limitPrice())).put("nonce", order.nonce())
            .put("expiry", order.expiry()).put("reduceOnly", order.reduceOnly());
        JsonUnits.signature(json, order.signature());
        return json;
    }
}
