package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.Command;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.SignatureMode;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.CommandDecoder;
import io.novation.node.json.CommandFormatException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's decoding: the production {@link CommandDecoder} with a scenario's conveniences around it. Before
 * decoding it fills the nonces a command leaves out (an owner's next account nonce, or the next order nonce this
 * scenario gave the owner); after decoding it signs, with the keys the scenario declares, the orders, withdrawals,
 * transfers, margin modes, liquidations, price reports and volatility surfaces that carry no signature, and turns
 * the one-"price" form of a price round into the reports of the publishers it can sign for (every publisher's when
 * the engine trusts signatures). A command or an order may name its {@code "signer"}, a declared account whose key
 * signs instead of the owner's (a session key); an order to cancel may be given as the order itself (its
 * {@code "market"} and order fields, with its nonce and expiry), whose digest the decoder computes.
 */
public final class ScenarioDecoder
{
    private final ClearingEngine engine;
    private final AccountDirectory directory;
    private final CommandDecoder decoder;
    private final Map<Address, Long> nextOrderNonce = new HashMap<>();

    /**
     * A scenario decoder for one engine.
     *
     * @param engine    the engine whose definitions convert units and whose accounts give default nonces.
     * @param directory the scenario's declared names and keys.
     */
    public ScenarioDecoder(final ClearingEngine engine, final AccountDirectory directory)
    {
        this.engine = engine;
        this.directory = directory;
        this.decoder = new CommandDecoder(engine, directory);
    }

    /**
     * Decodes one command of a scenario, with its default nonces and declared signatures.
     *
     * @param json        the command object.
     * @param defaultTime time to use when the command has no "time".
     * @return the engine command, signed where the scenario declares the signer's key.
     * @throws CommandFormatException naming the field at fault, as the production decoder does.
     */
    public Command decode(final JsonNode json, final long defaultTime) throws CommandFormatException
    {
        if (json == null || !json.isObject())
        {
            return sign(decoder.decode(json, defaultTime), false, null, null, null);
        }
        final ObjectNode filled = (ObjectNode)withDefaultNonces((ObjectNode)json.deepCopy());
        final Address signer = takeSigner(filled, "signer");
        final Address makerSigner = filled.get("maker") instanceof ObjectNode maker ?
            takeSigner(maker, "maker.signer") : null;
        final Address takerSigner = filled.get("taker") instanceof ObjectNode taker ?
            takeSigner(taker, "taker.signer") : null;
        if (filled.path("type").asText().equals("cancelOrders"))
        {
            ordersToDigests(filled, defaultTime);
        }
        final boolean namesPackage = !(filled.get("taker") instanceof ObjectNode acceptance) ||
            acceptance.has("package") || !filled.path("type").asText().equals("settleBlockTrade");
        if (!namesPackage)
        {
            ((ObjectNode)filled.get("taker")).put("package", io.novation.core.crypto.Hex.encode(new byte[32]));
        }
        Command decoded = decoder.decode(filled, defaultTime);
        if (!namesPackage && decoded instanceof SettleBlockTrade c)
        {
            // The taker accepts the maker's package as given: its digest, filled in here.
            final BlockAcceptance a = c.taker();
            decoded = new SettleBlockTrade(c.time(), c.maker(), new BlockAcceptance(a.taker(), a.subaccount(),
                c.maker().digest(engine.domainSeparator()), a.maxFee(), a.broker(), a.brokerSubaccount(), a.brokerFee(),
                a.nonce(), a.expiry(), a.signature()),
                c.makerFee(), c.takerFee(), c.broker(), c.brokerSubaccount(), c.brokerFee());
        }
        return sign(decoded, json.hasNonNull("price"), signer, makerSigner, takerSigner);
    }

    /** Removes a "signer" field and resolves it to a declared account, or null when absent. */
    private Address takeSigner(final ObjectNode json, final String path) throws CommandFormatException
    {
        final JsonNode name = json.remove("signer");
        if (name == null || name.isNull())
        {
            return null;
        }
        if (!name.isTextual())
        {
            throw new CommandFormatException(path, "must name a declared account");
        }
        try
        {
            return directory.resolve(name.asText());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(path, ex.getMessage());
        }
    }

    /**
     * Replaces each order of a cancel given as an order ({"market", side, size, limitPrice, nonce, expiry, ...}) by
     * its digest and expiry; the order's account defaults to the cancel's.
     */
    private void ordersToDigests(final ObjectNode json, final long defaultTime) throws CommandFormatException
    {
        final JsonNode orders = json.get("orders");
        if (orders == null || !orders.isArray())
        {
            return;
        }
        for (int i = 0; i < orders.size(); i++)
        {
            if (!(orders.get(i) instanceof ObjectNode order) || !order.has("market"))
            {
                continue;
            }
            if (!order.hasNonNull("nonce") || !order.hasNonNull("expiry"))
            {
                throw new CommandFormatException("orders[" + i + "]", "an order to cancel gives its nonce and expiry");
            }
            final ObjectNode maker = order.deepCopy();
            final JsonNode market = maker.remove("market");
            if (!maker.has("account") && json.has("account"))
            {
                maker.set("account", json.get("account"));
            }
            if (!maker.has("subaccount") && json.has("subaccount"))
            {
                maker.set("subaccount", json.get("subaccount"));
            }
            final ObjectNode taker = maker.deepCopy();
            taker.put("side", "buy".equalsIgnoreCase(maker.path("side").asText()) ? "sell" : "buy");
            final ObjectNode trade = json.objectNode().put("type", "settleTrade");
            trade.set("market", market);
            trade.set("size", maker.get("size"));
            trade.set("price", maker.get("limitPrice"));
            trade.set("maker", maker);
            trade.set("taker", taker);
            final Order decoded = ((SettleTrade)decoder.decode(trade, defaultTime)).maker();
            final ObjectNode reference = json.objectNode()
                .put("digest", io.novation.core.crypto.Hex.encode(decoded.digest(engine.domainSeparator())))
                .put("expiry", decoded.expiry());
            ((com.fasterxml.jackson.databind.node.ArrayNode)orders).set(i, reference);
        }
    }

    private JsonNode withDefaultNonces(final ObjectNode json)
    {
        final JsonNode type = json.get("type");
        switch (type == null || !type.isTextual() ? "" : type.asText())
        {
            case "withdraw", "transfer", "setMarginMode", "registerSessionKey", "revokeSessionKey", "cancelOrders",
                "setNonceFloor" -> accountNonce(json, "account");
            case "liquidate" -> accountNonce(json, "keeper");
            case "settleTrade", "settleBlockTrade" ->
            {
                orderNonce(json.get("maker"));
                orderNonce(json.get("taker"));
            }
            default ->
            {
            }
        }
        return json;
    }

    /** An owner's next account nonce where the command gives none (the decoder reports any other fault). */
    private void accountNonce(final ObjectNode json, final String ownerField)
    {
        final Address owner = owner(json, ownerField);
        if (owner != null && !json.hasNonNull("nonce"))
        {
            final Account account = engine.state().accounts().find(owner);
            json.put("nonce", account == null ? 1 : account.lastNonce() + 1);
        }
    }

    /** An order's nonce: the one given, or one above the highest this scenario gave or saw for the owner. */
    private void orderNonce(final JsonNode order)
    {
        if (order == null || !order.isObject())
        {
            return;
        }
        final Address owner = owner(order, "account");
        if (owner == null)
        {
            return;
        }
        final long next = nextOrderNonce.getOrDefault(owner, 1L);
        final JsonNode given = order.get("nonce");
        final long nonce;
        if (given == null || given.isNull())
        {
            nonce = next;
            ((ObjectNode)order).put("nonce", nonce);
        }
        else if (given.isIntegralNumber() && given.canConvertToLong())
        {
            nonce = given.asLong();
        }
        else if (given.isTextual() && given.asText().matches("-?[0-9]{1,19}"))
        {
            try
            {
                nonce = Long.parseLong(given.asText());
            }
            catch (final NumberFormatException ex)
            {
                return;
            }
        }
        else
        {
            return;
        }
        nextOrderNonce.put(owner, Math.max(next, nonce + 1));
    }

    private Address owner(final JsonNode json, final String field)
    {
        final JsonNode name = json.get(field);
        if (name == null || !name.isTextual())
        {
            return null;
        }
        try
        {
            return directory.resolve(name.asText());
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private Command sign(final Command command, final boolean onePrice, final Address signer,
        final Address makerSigner, final Address takerSigner)
    {
        final byte[] domain = engine.domainSeparator();
        if (command instanceof SettleTrade c)
        {
            return new SettleTrade(c.time(), c.marketId(), sign(c.maker(), makerSigner, domain),
                sign(c.taker(), takerSigner, domain), c.fillSize(), c.fillPrice());
        }
        if (command instanceof SettleBlockTrade c && c.maker() != null && c.taker() != null &&
            c.maker().maker() != null && c.taker().taker() != null)
        {
            final BlockPackage offer = c.maker().signature() != null ? c.maker() : c.maker().withSignature(
                directory.sign(makerSigner == null ? c.maker().maker() : makerSigner, c.maker().digest(domain)));
            // An unsigned acceptance naming no broker is signed for the broker and fee the command pays.
            final BlockAcceptance a = c.taker();
            final BlockAcceptance terms = a.signature() != null || a.broker() != null || c.broker() == null ? a :
                new BlockAcceptance(a.taker(), a.subaccount(), a.packageDigest(), a.maxFee(), c.broker(),
                    c.brokerSubaccount(), c.brokerFee(), a.nonce(), a.expiry(), null);
            final BlockAcceptance acceptance = terms.signature() != null ? terms : terms.withSignature(
                directory.sign(takerSigner == null ? terms.taker() : takerSigner, terms.digest(domain)));
            return new SettleBlockTrade(c.time(), offer, acceptance, c.makerFee(), c.takerFee(), c.broker(),
                c.brokerSubaccount(), c.brokerFee());
        }
        if (command instanceof Withdraw c && c.signature() == null)
        {
            return new Withdraw(c.time(), c.account(), c.subaccount(), c.assetId(), c.amount(), c.nonce(),
                directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof Transfer c && c.signature() == null)
        {
            return new Transfer(c.time(), c.account(), c.fromSubaccount(), c.toSubaccount(), c.assetId(),
                c.amount(), c.nonce(), directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof RegisterSessionKey c && c.signature() == null && c.account() != null &&
            c.key() != null)
        {
            return c.withSignature(directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof RevokeSessionKey c && c.signature() == null && c.account() != null && c.key() != null)
        {
            return c.withSignature(directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof CancelOrders c && c.signature() == null && c.account() != null)
        {
            return c.withSignature(directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof SetNonceFloor c && c.signature() == null && c.account() != null)
        {
            return c.withSignature(directory.sign(signer == null ? c.account() : signer, c.digest(domain)));
        }
        if (command instanceof SetMarginMode c && c.signature() == null)
        {
            return c.withSignature(directory.sign(c.account(), c.digest(domain)));
        }
        if (command instanceof Liquidate c && c.signature() == null)
        {
            return c.withSignature(directory.sign(c.keeper(), c.digest(domain)));
        }
        if (command instanceof OracleVolSurface c && c.signature() == null)
        {
            return c.withSignature(directory.sign(c.publisher(), c.digest(domain)));
        }
        if (command instanceof OraclePrice c)
        {
            return priceRound(c, onePrice, domain);
        }
        return command;
    }

    private Order sign(final Order order, final Address signer, final byte[] domain)
    {
        return order.signature() != null ? order :
            order.withSignature(directory.sign(signer == null ? order.account() : signer, order.digest(domain)));
    }

    /**
     * Signs the reports that carry no signature; of a one-price round, keeps only the reports signed with a declared
     * key, unless the engine trusts signatures.
     */
    private OraclePrice priceRound(final OraclePrice round, final boolean onePrice, final byte[] domain)
    {
        final boolean trusted = engine.config().signatureMode() == SignatureMode.TRUSTED;
        final List<PriceReport> reports = new ArrayList<>(round.reports().size());
        for (final PriceReport report : round.reports())
        {
            if (report.signature() != null)
            {
                reports.add(report);
                continue;
            }
            final EcdsaSignature signature = directory.sign(report.publisher(), report.digest(domain));
            if (!onePrice || signature != null || trusted)
            {
                reports.add(report.withSignature(signature));
            }
        }
        return new OraclePrice(round.time(), round.oracleId(), reports);
    }
}
