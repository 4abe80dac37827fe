package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.core.account.Address;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.money.FixedPoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads subaccounts below maintenance from the node ({@code /v1/accounts/.../subaccounts/n}) and lists the positions
 * a keeper can take over, sizes in signed base quantums and notionals in quote quantums (1e-6 USDC), with whether the
 * engine will take each only in parts.
 */
final class CandidateFinder
{
    private final NovationClient client;
    private final KeeperMarkets markets;
    private final LiquidationParameters parameters;

    CandidateFinder(final NovationClient client, final KeeperMarkets markets, final LiquidationParameters parameters)
    {
        this.client = client;
        this.markets = markets;
        this.parameters = parameters;
    }

    /** The positions of a subaccount still below maintenance, largest notional first. */
    List<Candidate> candidates(final Address target, final int number) throws IOException
    {
        final Reply reply = client.get("/v1/accounts/" + target + "/subaccounts/" + number);
        if (reply.status() != 200 || !reply.body().path("liquidatable").asBoolean(false))
        {
            return List.of();
        }
        final JsonNode subaccount = reply.body();
        final long netCollateral = quote(subaccount.get("netCollateralMaintenance"));
        final long requirement = quote(subaccount.get("maintenanceMarginRequirement"));
        // Below two thirds of the requirement the engine lets a large position go at once (its backstop).
        final boolean backstop = FixedPoint.compareProducts(netCollateral, 1_000_000L, requirement,
            parameters.backstopRatioPpm()) < 0;
        final List<Candidate> candidates = new ArrayList<>();
        for (final JsonNode position : subaccount.path("positions"))
        {
            final MarketTerms market = markets.market(position.get("market").asText());
            // A perpetual's size is measured by its notional, an option's by its underlying notional (as the engine
            // measures a large position).
            final String measure = position.has("optionType") ? "underlyingNotional" : "notional";
            if (market == null || !position.hasNonNull(measure))
            {
                continue;
            }
            final long size = market.sizeQuantums(position.get("size").asText());
            final long notional = Math.abs(quote(position.get(measure)));
            if (size != 0)
            {
                candidates.add(new Candidate(target, number, market, size, notional,
                    notional > parameters.largePositionNotional() && !backstop));
            }
        }
        candidates.sort((a, b) -> Long.compare(b.notional(), a.notional()));
        return candidates;
    }

    /** Whether the candidate's subaccount is still below maintenance. */
    boolean stillLiquidatable(final Candidate candidate) throws IOException
    {
        final Reply reply = client.get("/v1/accounts/" + candidate.target() + "/subaccounts/" +
            candidate.targetSubaccount());
        return reply.status() == 200 && reply.body().path("liquidatable").asBoolean(false);
    }

    /** The target's position in the candidate's market now, signed base quantums (0 when gone). */
    long currentPosition(final Candidate candidate) throws IOException
    {
        final Reply reply = client.get("/v1/accounts/" + candidate.target() + "/subaccounts/" +
            candidate.targetSubaccount());
        if (reply.status() != 200)
        {
            return 0;
        }
        for (final JsonNode position : reply.body().path("positions"))
        {
            if (candidate.market().ticker().equals(position.path("market").asText()))
            {
                return candidate.market().sizeQuantums(position.get("size").asText());
            }
        }
        return 0;
    }

    private static long quote(final JsonNode decimal)
    {
        final String text = decimal.asText();
        return text.startsWith("-") ? -FixedPoint.parseDecimal(text.substring(1), 6) :
            FixedPoint.parseDecimal(text, 6);
    }
}
