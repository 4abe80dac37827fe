package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.node.json.Json;

import java.time.Instant;

import static io.novation.node.report.ReportUnits.price;

/**
 * The oracles of the state report: index prices in USD per base unit with their status and TWAP, and the volatility
 * surfaces in effect with their raw SVI parameters (9 decimals).
 */
final class OracleReport
{
    private OracleReport()
    {
    }

    /**
     * Every oracle: price, update time, status, TWAP, held round, publishers and quorum.
     *
     * @param state the engine state.
     * @return the array.
     */
    static ArrayNode oracles(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < oracles.count(); i++)
        {
            final OracleFeed feed = oracles.feed(i);
            final ObjectNode node = array.addObject();
            node.put("name", feed.name());
            node.put("price", price(oracles, i, feed.price()));
            if (feed.price() != OracleBook.NO_PRICE)
            {
                node.put("updatedAt", Instant.ofEpochMilli(feed.updatedAt()).toString());
            }
            node.put("status", oracles.status(i, state.time()).name());
            node.put("twap30m", price(oracles, i, oracles.twap(i, state.time())));
            if (feed.heldPrice() != OracleBook.NO_PRICE)
            {
                node.put("heldPrice", price(oracles, i, feed.heldPrice()));
            }
            node.put("publishers", feed.publishers().count());
            node.put("quorum", feed.parameters().quorum());
        }
        return array;
    }

    /**
     * Every volatility surface in effect: underlying, publication time, first publisher, whether it is stale and its
     * stale band (a fraction of volatility), the publication time of a surface held by the deviation guard, the number
     * of surfaces pending a quorum, and raw SVI parameters per expiry.
     *
     * @param state the engine state.
     * @return the array.
     */
    static ArrayNode volSurfaces(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < state.volSurfaces().slots(); i++)
        {
            final PublishedVolSurface surface = state.volSurfaces().surface(i);
            if (surface == null)
            {
                continue;
            }
            final ObjectNode node = array.addObject();
            node.put("underlying", state.oracles().name(surface.oracleId()));
            node.put("publishedAt", Instant.ofEpochMilli(surface.publishedAt()).toString());
            if (surface.publisher() != null)
            {
                node.put("publisher", surface.publisher().toString());
            }
            final long now = state.oracles().time();
            node.put("stale", state.volSurfaces().isStale(i, now));
            node.put("staleBand", FixedPoint.formatDecimal(state.volSurfaces().staleBandPpm(i, now), 6));
            final var feed = state.volSurfaces().feed(i);
            if (feed.held() != null)
            {
                node.put("heldPublishedAt", Instant.ofEpochMilli(feed.held().publishedAt()).toString());
            }
            node.put("pendingCandidates", feed.candidates().size());
            final ArrayNode slices = node.putArray("slices");
            for (final OracleVolSurface.Slice slice : surface.slices())
            {
                slices.addObject().put("expiry", Instant.ofEpochMilli(slice.expiry()).toString())
                    .put("a", FixedPoint.formatDecimal(slice.aNanos(), 9))
                    .put("b", FixedPoint.formatDecimal(slice.bNanos(), 9))
                    .put("rho", FixedPoint.formatDecimal(slice.rhoNanos(), 9))
                    .put("m", FixedPoint.formatDecimal(slice.mNanos(), 9))
                    .put("sigma", FixedPoint.formatDecimal(slice.sigmaNanos(), 9));
            }
        }
        return array;
    }
}
