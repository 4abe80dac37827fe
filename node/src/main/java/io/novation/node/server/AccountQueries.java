package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.margin.MarginCalculator;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import io.novation.node.sequencer.Refusal;

import java.util.concurrent.CompletionException;

/**
 * The reads of one account ({@code /v1/accounts/{address}}, one subaccount, the positions), each a function run on
 * the engine thread, and the parsing of their path parameters; amounts are decimal strings in human units.
 */
final class AccountQueries
{
    private static final String[] SUBACCOUNT_FIGURES = {"netCollateral", "initialMarginRequirement",
        "maintenanceMarginRequirement", "freeCollateral", "liquidatable", "liquidationPrices"};

    private final StateReport report;

    AccountQueries(final StateReport report)
    {
        this.report = report;
    }

    Object account(final ClearingEngine engine, final Address owner)
    {
        final Account account = engine.state().accounts().find(owner);
        if (account == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_ACCOUNT", "no account " + owner));
        }
        return report.account(engine.state(), account);
    }

    Object subaccount(final ClearingEngine engine, final Address owner, final int number)
    {
        final Account account = engine.state().accounts().find(owner);
        final Subaccount subaccount = account == null ? null : account.subaccount(number);
        if (subaccount == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_SUBACCOUNT", "no subaccount " + owner + "/" +
                number));
        }
        return report.subaccount(engine.state(), new MarginCalculator(engine.state().markets(),
            engine.state().oracles(), engine.state().volSurfaces()), subaccount);
    }

    /** Every position of an account, each with its subaccount's number and margin figures. */
    Object positions(final ClearingEngine engine, final Address owner)
    {
        final ObjectNode account = (ObjectNode)account(engine, owner);
        final ArrayNode positions = Json.MAPPER.createArrayNode();
        for (final JsonNode subaccount : account.get("subaccounts"))
        {
            final JsonNode list = subaccount.get("positions");
            if (list == null)
            {
                continue;
            }
            for (final JsonNode position : list)
            {
                final ObjectNode entry = ((ObjectNode)position).deepCopy();
                entry.put("subaccount", subaccount.get("number").asInt());
                for (final String figure : SUBACCOUNT_FIGURES)
                {
                    if (subaccount.has(figure))
                    {
                        entry.set("subaccount" + Character.toUpperCase(figure.charAt(0)) + figure.substring(1),
                            subaccount.get(figure));
                    }
                }
                positions.add(entry);
            }
        }
        return positions;
    }

    /**
     * The {@code {address}} path parameter.
     *
     * @param ctx the exchange.
     * @return the address.
     * @throws Refusal {@code INVALID_FIELD} (400) when it is not an address.
     */
    static Address address(final Context ctx) throws Refusal
    {
        try
        {
            return Address.parse(ctx.pathParam("address"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refusal(400, "INVALID_FIELD", "address: " + ex.getMessage());
        }
    }

    /**
     * The {@code {number}} path parameter of a subaccount.
     *
     * @param ctx the exchange.
     * @return the number, in [0, 255].
     * @throws Refusal {@code INVALID_SUBACCOUNT} (400) otherwise.
     */
    static int subaccountNumber(final Context ctx) throws Refusal
    {
        try
        {
            final int number = Integer.parseInt(ctx.pathParam("number"));
            if (Subaccount.isValidNumber(number))
            {
                return number;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Reported below.
        }
        throw new Refusal(400, "INVALID_SUBACCOUNT", "a subaccount number is in [0, 255]");
    }
}
