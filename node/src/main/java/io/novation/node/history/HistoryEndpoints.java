package io.novation.node.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.node.sequencer.Refusal;

import java.util.function.Supplier;

/**
 * The history's HTTP reads ({@code GET /v1/accounts/{address}/history/...} and {@code GET
 * /v1/markets/{ticker}/candles}): parses and checks the query parameters ({@code from} and {@code to} in epoch ms,
 * both required, {@code from < to}; {@code limit} up to {@link HistoryQueries#MAX_LIMIT}; {@code cursor};
 * {@code subaccount}; {@code interval} 1m, 1h or 1d) and answers a page, or a 4xx refusal with a code.
 */
public final class HistoryEndpoints
{
    private final Supplier<HistoryService> service;

    /**
     * Endpoints over a node's history service.
     *
     * @param service the service, or a supplier of null when the node keeps no history.
     */
    public HistoryEndpoints(final Supplier<HistoryService> service)
    {
        this.service = service;
    }

    /**
     * A page of an account's fills, funding payments, liquidations, transfers or PnL points.
     *
     * @param ctx  the exchange.
     * @param kind what to list.
     * @return the page.
     * @throws Refusal on bad input, an unknown account or a history that is off.
     */
    public ObjectNode account(final Context ctx, final HistoryKind kind) throws Refusal
    {
        final HistoryQueries queries = queries();
        final Address owner;
        try
        {
            owner = Address.parse(ctx.pathParam("address"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refusal(400, "INVALID_FIELD", "address: " + ex.getMessage());
        }
        queries.requireAccount(owner);
        final long[] range = range(ctx);
        final String subaccountText = ctx.queryParam("subaccount");
        int subaccount = -1;
        if (subaccountText != null)
        {
            try
            {
                subaccount = Integer.parseInt(subaccountText);
            }
            catch (final NumberFormatException ex)
            {
                subaccount = -1;
            }
            if (!Subaccount.isValidNumber(subaccount))
            {
                throw new Refusal(400, "INVALID_SUBACCOUNT", "subaccount: not a subaccount number: " +
                    clip(subaccountText));
            }
        }
        return queries.accountPage(kind, owner, subaccount, range[0], range[1], limit(ctx), ctx.queryParam("cursor"));
    }

    /**
     * A page of OHLC candles of a market's oracle index.
     *
     * @param ctx the exchange.
     * @return the page.
     * @throws Refusal on bad input, an unknown market or a history that is off.
     */
    public ObjectNode candles(final Context ctx) throws Refusal
    {
        final HistoryQueries queries = queries();
        final String ticker = ctx.pathParam("ticker");
        queries.requireMarket(ticker);
        final String interval = ctx.queryParam("interval");
        final long intervalMs = switch (interval == null ? "1m" : interval)
        {
            case "1m" -> 60_000L;
            case "1h" -> 3_600_000L;
            case "1d" -> 86_400_000L;
            default -> throw new Refusal(400, "INVALID_INTERVAL", "interval: one of 1m, 1h, 1d, not " +
                clip(interval));
        };
        final long[] range = range(ctx);
        return queries.candles(ticker, intervalMs, range[0], range[1], limit(ctx), ctx.queryParam("cursor"));
    }

    private HistoryQueries queries() throws Refusal
    {
        final HistoryService history = service.get();
        if (history == null)
        {
            throw new Refusal(503, "HISTORY_DISABLED", "this node keeps no history");
        }
        return history.queries();
    }

    /**
     * The time range [from, to) of a request, epoch ms.
     *
     * @param ctx the exchange.
     * @return from and to.
     * @throws Refusal 400 {@code RANGE_REQUIRED} (a bound is missing: no unbounded ranges), {@code INVALID_RANGE}
     *                 (not an integer, or negative) or {@code RANGE_REVERSED} ({@code to <= from}).
     */
    static long[] range(final Context ctx) throws Refusal
    {
        final String fromText = ctx.queryParam("from");
        final String toText = ctx.queryParam("to");
        if (fromText == null || toText == null)
        {
            throw new Refusal(400, "RANGE_REQUIRED", "from and to (epoch ms) are both required: " +
                "history ranges are bounded");
        }
        final long from;
        final long to;
        try
        {
            from = Long.parseLong(fromText);
            to = Long.parseLong(toText);
        }
        catch (final NumberFormatException ex)
        {
            throw new Refusal(400, "INVALID_RANGE", "from and to must be integers (epoch ms)");
        }
        if (from < 0)
        {
            throw new Refusal(400, "INVALID_RANGE", "from must not be negative");
        }
        if (to <= from)
        {
            throw new Refusal(400, "RANGE_REVERSED", "to (" + to + ") must be after from (" + from + ")");
        }
        return new long[] {from, to};
    }

    /**
     * The page size of a request.
     *
     * @param ctx the exchange.
     * @return 1 to {@link HistoryQueries#MAX_LIMIT}; {@link HistoryQueries#DEFAULT_LIMIT} when absent.
     * @throws Refusal 400 {@code INVALID_LIMIT} or {@code LIMIT_TOO_LARGE}.
     */
    static int limit(final Context ctx) throws Refusal
    {
        final String text = ctx.queryParam("limit");
        if (text == null)
        {
            return HistoryQueries.DEFAULT_LIMIT;
        }
        final long limit;
        try
        {
            limit = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new Refusal(400, "INVALID_LIMIT", "limit must be an integer");
        }
        if (limit < 1)
        {
            throw new Refusal(400, "INVALID_LIMIT", "limit must be at least 1");
        }
        if (limit > HistoryQueries.MAX_LIMIT)
        {
            throw new Refusal(400, "LIMIT_TOO_LARGE", "limit " + limit + " is above the maximum " +
                HistoryQueries.MAX_LIMIT + "; page with the next cursor instead");
        }
        return (int)limit;
    }

    private static String clip(final String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
