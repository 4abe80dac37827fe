package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.crypto.Hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.ARRAY;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.SIGNATURE;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;

/**
 * The JSON codecs of session keys and cancels: owners' key registrations and revocations, and the cancels and nonce
 * floors an owner or a session key with the cancel scope signs. A scope is a comma-separated list of {@code trade},
 * {@code cancel} and {@code transfer} ({@code withdraw}, {@code keys} and {@code bitN} name what the engine refuses
 * to delegate); subaccounts are {@code all} or a comma-separated list of numbers.
 */
final class SessionCodecs
{
    private static final String[] SCOPE_NAMES = {"trade", "cancel", "transfer", "withdraw", "keys"};
    private static final JsonField ACCOUNT = required("account", ADDRESS, "the owner", "");
    private static final JsonField NONCE = required("nonce", INTEGER, "the owner's next nonce (above the last used)",
        "");
    private static final JsonField OWNER_SIGNATURE = optional("signature", SIGNATURE,
        "the owner's EIP-712 signature r||s||v; the sequencer refuses a command without it", "");
    private static final JsonField SIGNER_SIGNATURE = optional("signature", SIGNATURE,
        "the EIP-712 signature r||s||v of the owner or of a session key with the cancel scope", "");
    private static final List<JsonField> ORDER_FIELDS = List.of(
        required("digest", STRING, "the order's EIP-712 digest, 32 bytes in hex", ""),
        required("expiry", TIME, "the order's expiry: the cancel is kept until then", "epoch ms or ISO-8601"));
    private static final Set<String> ORDER_NAMES = JsonCommandCodec.namesOf(ORDER_FIELDS);

    static final JsonCommandCodec<RegisterSessionKey> REGISTER_SESSION_KEY = new JsonCommandCodec<>(
        "registerSessionKey", RegisterSessionKey.class,
        List.of(ACCOUNT, required("key", ADDRESS, "the session key's address", ""),
            required("scope", STRING, "comma-separated: trade, cancel, transfer", ""),
            optional("subaccounts", STRING, "all (the default) or comma-separated subaccount numbers, increasing", ""),
            required("expiry", TIME, "when the key stops signing, at most 30 days after the command",
                "epoch ms or ISO-8601"),
            NONCE, OWNER_SIGNATURE),
        (fields, time, context) -> new RegisterSessionKey(time, context.account(fields, "account"),
            context.account(fields, "key"), scope(fields), subaccounts(fields), fields.time("expiry"),
            fields.integer("nonce"), DecodingContext.signature(fields)),
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("key", c.key().toString())
                .put("scope", scopeText(c.scope()))
                .put("subaccounts", c.subaccounts().isEmpty() ? "all" : String.join(",",
                    c.subaccounts().stream().map(String::valueOf).toList()))
                .put("expiry", c.expiry()).put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    static final JsonCommandCodec<RevokeSessionKey> REVOKE_SESSION_KEY = new JsonCommandCodec<>("revokeSessionKey",
        RevokeSessionKey.class,
        List.of(ACCOUNT, required("key", ADDRESS, "the session key to revoke", ""), NONCE, OWNER_SIGNATURE),
        (fields, time, context) -> new RevokeSessionKey(time, context.account(fields, "account"),
            context.account(fields, "key"), fields.integer("nonce"), DecodingContext.signature(fields)),
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("key", c.key().toString()).put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    static final JsonCommandCodec<CancelOrders> CANCEL_ORDERS = new JsonCommandCodec<>("cancelOrders",
        CancelOrders.class,
        List.of(ACCOUNT, optional("subaccount", INTEGER, "subaccount 0 to 255 of the orders, default 0", ""),
            required("orders", ARRAY, "1 to 100 orders, by digest", "").with(ORDER_FIELDS.toArray(JsonField[]::new)),
            NONCE, SIGNER_SIGNATURE),
        SessionCodecs::cancelOrders,
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("subaccount", c.subaccount());
            final ArrayNode orders = json.putArray("orders");
            for (final CancelledOrder order : c.orders())
            {
                orders.addObject().put("digest", Hex.encode(order.digest())).put("expiry", order.expiry());
            }
            json.put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    static final JsonCommandCodec<SetNonceFloor> SET_NONCE_FLOOR = new JsonCommandCodec<>("setNonceFloor",
        SetNonceFloor.class,
        List.of(ACCOUNT, optional("subaccount", INTEGER, "subaccount 0 to 255, default 0", ""),
            required("floor", INTEGER, "orders of the subaccount with a lower order nonce never fill; only rises", ""),
            NONCE, SIGNER_SIGNATURE),
        (fields, time, context) -> new SetNonceFloor(time, context.account(fields, "account"),
            fields.smallInteger("subaccount", 0, 255, 0), fields.integer("floor"), fields.integer("nonce"),
            DecodingContext.signature(fields)),
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("subaccount", c.subaccount()).put("floor", c.floor())
                .put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    private SessionCodecs()
    {
    }

    private static int scope(final JsonFields fields) throws CommandFormatException
    {
        int scope = 0;
        for (final String part : fields.text("scope").split(",", -1))
        {
            final String name = part.trim().toLowerCase(Locale.ROOT);
            int bit = -1;
            for (int i = 0; i < SCOPE_NAMES.length; i++)
            {
                bit = SCOPE_NAMES[i].equals(name) ? i : bit;
            }
            if (bit < 0 && name.matches("bit([5-9]|[12][0-9]|3[01])"))
            {
                bit = Integer.parseInt(name.substring(3));
            }
            if (bit < 0)
            {
                throw new CommandFormatException(fields.name("scope"), "must list trade, cancel and transfer, " +
                    "comma-separated; got '" + JsonFields.quote(part) + "'");
            }
            scope |= 1 << bit;
        }
        return scope;
    }

    private static String scopeText(final int scope)
    {
        final List<String> names = new ArrayList<>();
        for (int bit = 0; bit < Integer.SIZE; bit++)
        {
            if ((scope & (1 << bit)) != 0)
            {
                names.add(bit < SCOPE_NAMES.length ? SCOPE_NAMES[bit] : "bit" + bit);
            }
        }
        return String.join(",", names);
    }

    private static List<Integer> subaccounts(final JsonFields fields) throws CommandFormatException
    {
        final String text = fields.text("subaccounts", "all").trim();
        final List<Integer> numbers = new ArrayList<>();
        if (text.equals("all"))
        {
            return numbers;
        }
        for (final String part : text.split(",", -1))
        {
            final String number = part.trim();
            if (!number.matches("[0-9]{1,3}") || Integer.parseInt(number) > 255)
            {
                throw new CommandFormatException(fields.name("subaccounts"), "must be all or subaccount numbers " +
                    "0 to 255, comma-separated; got '" + JsonFields.quote(part) + "'");
            }
            numbers.add(Integer.parseInt(number));
        }
        return numbers;
    }

    private static CancelOrders cancelOrders(final JsonFields fields, final long time, final DecodingContext context)
        throws CommandFormatException
    {
        final JsonNode array = fields.raw("orders");
        if (array == null || !array.isArray())
        {
            throw new CommandFormatException(fields.name("orders"), "must be an array of {digest, expiry}");
        }
        JsonFields.boundedList(array, fields.name("orders"));
        final List<CancelledOrder> orders = new ArrayList<>();
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields order = new JsonFields(array.get(i), fields.name("orders") + "[" + i + "]");
            order.allowOnly(ORDER_NAMES);
            final byte[] digest;
            try
            {
                digest = Hex.decode(order.text("digest"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandFormatException(order.name("digest"), "must be 32 bytes in hex");
            }
            if (digest.length != 32)
            {
                throw new CommandFormatException(order.name("digest"), "must be 32 bytes in hex");
            }
            orders.add(CancelledOrder.of(digest, order.time("expiry")));
        }
        return new CancelOrders(time, context.account(fields, "account"), fields.smallInteger("subaccount", 0, 255, 0),
            orders, fields.integer("nonce"), DecodingContext.signature(fields));
    }
}
