package io.novation.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.money.FixedPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Signed commands as the node's JSON vocabulary ({@code GET /v1/openapi.json}): amounts, sizes and prices as decimal
 * strings in the asset's or market's units, signatures in hex ({@code r||s||v}), without a time (the sequencer
 * stamps one).
 */
public final class CommandJson
{
    /** USDC's decimals: fees are quote quantums. */
    private static final int QUOTE_DECIMALS = 6;
    private static final String[] SCOPE_NAMES = {"trade", "cancel", "transfer"};

    private CommandJson()
    {
    }

    /**
     * A matched trade of two signed orders.
     *
     * @param market the market's units.
     * @param size   fill size, base quantums.
     * @param price  fill price, price units.
     * @param maker  the maker's signed order.
     * @param taker  the taker's signed order.
     * @return the {@code settleTrade} command.
     */
    public static ObjectNode settleTrade(final MarketUnits market, final long size, final long price,
        final Order maker, final Order taker)
    {
        final ObjectNode json = command("settleTrade").put("market", market.ticker())
            .put("size", decimal(size, market.sizeDecimals())).put("price", decimal(price, market.priceDecimals()));
        json.set("maker", order(market, maker));
        json.set("taker", order(market, taker));
        return json;
    }

    /**
     * A block trade: the maker's signed package and the taker's signed acceptance, with the fees the executor
     * charges (quote quantums) and an optional broker paid by the taker.
     *
     * @param units            each leg's instrument units, in leg order.
     * @param offer            the maker's signed package.
     * @param acceptance       the taker's signed acceptance.
     * @param makerFee         fee charged to the maker, quote quantums.
     * @param takerFee         fee charged to the taker, quote quantums.
     * @param broker           the broker's address, or null.
     * @param brokerSubaccount the broker's subaccount.
     * @param brokerFee        fee the taker pays to the broker, quote quantums.
     * @return the {@code settleBlockTrade} command.
     */
    public static ObjectNode settleBlockTrade(final List<MarketUnits> units, final BlockPackage offer,
        final BlockAcceptance acceptance, final long makerFee, final long takerFee,
        final io.novation.core.account.Address broker, final int brokerSubaccount, final long brokerFee)
    {
        final ObjectNode json = command("settleBlockTrade");
        final ObjectNode maker = json.putObject("maker").put("account", offer.maker().toString())
            .put("subaccount", offer.subaccount());
        final ArrayNode legs = maker.putArray("legs");
        for (int i = 0; i < offer.legs().size(); i++)
        {
            final BlockLeg leg = offer.legs().get(i);
            final MarketUnits market = units.get(i);
            legs.addObject().put("market", market.ticker()).put("side", leg.makerBuys() ? "buy" : "sell")
                .put("size", decimal(leg.size(), market.sizeDecimals()))
                .put("price", decimal(leg.price(), market.priceDecimals()));
        }
        maker.put("maxFee", decimal(offer.maxFee(), QUOTE_DECIMALS)).put("nonce", offer.nonce())
            .put("expiry", offer.expiry());
        signed(maker, offer.signature());
        final ObjectNode taker = json.putObject("taker").put("account", acceptance.taker().toString())
            .put("subaccount", acceptance.subaccount()).put("package", Hex.encode(acceptance.packageDigest()))
            .put("maxFee", decimal(acceptance.maxFee(), QUOTE_DECIMALS)).put("nonce", acceptance.nonce())
            .put("expiry", acceptance.expiry());
        if (acceptance.broker() != null)
        {
            taker.put("broker", acceptance.broker().toString()).put("brokerSubaccount", acceptance.brokerSubaccount())
                .put("brokerFee", decimal(acceptance.brokerFee(), QUOTE_DECIMALS));
        }
        signed(taker, acceptance.signature());
        json.put("makerFee", decimal(makerFee, QUOTE_DECIMALS)).put("takerFee", decimal(takerFee, QUOTE_DECIMALS));
        if (broker != null)
        {
            json.put("broker", broker.toString()).put("brokerSubaccount", brokerSubaccount)
                .put("brokerFee", decimal(brokerFee, QUOTE_DECIMALS));
        }
        return json;
    }

    /**
     * One signed order, as a trade's maker or taker.
     *
     * @param market the market's units.
     * @param order  the signed order.
     * @return the order object.
     */
    public static ObjectNode order(final MarketUnits market, final Order order)
    {
        final ObjectNode json = ClientJson.MAPPER.createObjectNode();
        json.put("account", order.account().toString()).put("subaccount", order.subaccount())
            .put("side", order.isBuy() ? "buy" : "sell").put("size", decimal(order.size(), market.sizeDecimals()))
            .put("limitPrice", decimal(order.limitPrice(), market.priceDecimals())).put("nonce", order.nonce())
            .put("expiry", order.expiry()).put("reduceOnly", order.reduceOnly());
        return signed(json, order.signature());
    }

    /**
     * A signed withdrawal.
     *
     * @param withdrawal the withdrawal.
     * @param symbol     its asset's symbol, e.g. {@code USDC}.
     * @param decimals   its asset's decimals, e.g. 6.
     * @return the {@code withdraw} command.
     */
    public static ObjectNode withdraw(final Withdraw withdrawal, final String symbol, final int decimals)
    {
        return signed(command("withdraw").put("account", withdrawal.account().toString())
            .put("subaccount", withdrawal.subaccount()).put("asset", symbol)
            .put("amount", decimal(withdrawal.amount(), decimals)).put("nonce", withdrawal.nonce()),
            withdrawal.signature());
    }

    /**
     * A signed transfer between two of the owner's subaccounts.
     *
     * @param transfer the transfer.
     * @param symbol   its asset's symbol.
     * @param decimals its asset's decimals.
     * @return the {@code transfer} command.
     */
    public static ObjectNode transfer(final Transfer transfer, final String symbol, final int decimals)
    {
        return signed(command("transfer").put("account", transfer.account().toString())
            .put("from", transfer.fromSubaccount()).put("to", transfer.toSubaccount()).put("asset", symbol)
            .put("amount", decimal(transfer.amount(), decimals)).put("nonce", transfer.nonce()),
            transfer.signature());
    }

    /**
     * A signed cancel.
     *
     * @param cancel the cancel.
     * @return the {@code cancelOrders} command.
     */
    public static ObjectNode cancelOrders(final CancelOrders cancel)
    {
        final ObjectNode json = command("cancelOrders").put("account", cancel.account().toString())
            .put("subaccount", cancel.subaccount());
        final ArrayNode orders = json.putArray("orders");
        for (final CancelledOrder order : cancel.orders())
        {
            orders.addObject().put("digest", Hex.encode(order.digest())).put("expiry", order.expiry());
        }
        return signed(json.put("nonce", cancel.nonce()), cancel.signature());
    }

    /**
     * A signed nonce floor.
     *
     * @param floor the command.
     * @return the {@code setNonceFloor} command.
     */
    public static ObjectNode setNonceFloor(final SetNonceFloor floor)
    {
        return signed(command("setNonceFloor").put("account", floor.account().toString())
            .put("subaccount", floor.subaccount()).put("floor", floor.floor()).put("nonce", floor.nonce()),
            floor.signature());
    }

    /**
     * A signed session key registration.
     *
     * @param register the command.
     * @return the {@code registerSessionKey} command.
     */
    public static ObjectNode registerSessionKey(final RegisterSessionKey register)
    {
        final List<String> scope = new ArrayList<>();
        for (int bit = 0; bit < SCOPE_NAMES.length; bit++)
        {
            if ((register.scope() & (1 << bit)) != 0)
            {
                scope.add(SCOPE_NAMES[bit]);
            }
        }
        return signed(command("registerSessionKey").put("account", register.account().toString())
            .put("key", register.key().toString()).put("scope", String.join(",", scope))
            .put("subaccounts", register.subaccounts().isEmpty() ? "all" :
                String.join(",", register.subaccounts().stream().map(String::valueOf).toList()))
            .put("expiry", register.expiry()).put("nonce", register.nonce()), register.signature());
    }

    /**
     * A signed session key revocation.
     *
     * @param revoke the command.
     * @return the {@code revokeSessionKey} command.
     */
    public static ObjectNode revokeSessionKey(final RevokeSessionKey revoke)
    {
        return signed(command("revokeSessionKey").put("account", revoke.account().toString())
            .put("key", revoke.key().toString()).put("nonce", revoke.nonce()), revoke.signature());
    }

    /**
     * Quantums as a decimal string.
     *
     * @param quantums the amount in quantums.
     * @param decimals decimals of one quantum (negative for quantums larger than one unit).
     * @return e.g. {@code 0.1} for 1e9 quantums at 10 decimals.
     */
    public static String decimal(final long quantums, final int decimals)
    {
        return decimals >= 0 ? FixedPoint.formatDecimal(quantums, decimals) :
            java.math.BigDecimal.valueOf(quantums).movePointLeft(decimals).toPlainString();
    }

    private static ObjectNode command(final String type)
    {
        return ClientJson.MAPPER.createObjectNode().put("type", type);
    }

    private static ObjectNode signed(final ObjectNode json, final EcdsaSignature signature)
    {
        if (signature != null)
        {
            json.put("signature", Hex.encode(signature.toBytes65()));
        }
        return json;
    }
}
