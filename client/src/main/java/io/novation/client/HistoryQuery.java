package io.novation.client;

/**
 * One history query of a node ({@code docs/history.md}): the route, the time range (epoch ms, {@code from} included,
 * {@code to} excluded), an optional subaccount filter and the page size (1 to 10,000 rows).
 *
 * @param route      the path, e.g. {@code /v1/accounts/0x…/history/fills}.
 * @param from       first time included, epoch ms.
 * @param to         first time excluded, epoch ms.
 * @param subaccount the subaccount (0 to 255), or -1 for every subaccount.
 * @param limit      rows per page.
 */
public record HistoryQuery(String route, long from, long to, int subaccount, int limit)
{
    /** The page size the node uses when none is given. */
    public static final int DEFAULT_LIMIT = 1_000;

    /**
     * A query of one kind of an account's history (fills, funding, liquidations, transfers, pnl), every subaccount.
     *
     * @param account the account's address, {@code 0x} and 40 hex digits.
     * @param kind    {@code fills}, {@code funding}, {@code liquidations}, {@code transfers} or {@code pnl}.
     * @param from    first time included, epoch ms.
     * @param to      first time excluded, epoch ms.
     * @return the query.
     */
    public static HistoryQuery account(final String account, final String kind, final long from, final long to)
    {
        return new HistoryQuery("/v1/accounts/" + account + "/history/" + kind, from, to, -1, DEFAULT_LIMIT);
    }

    /**
     * The same query restricted to one subaccount.
     *
     * @param number 0 to 255.
     * @return the query.
     */
    public HistoryQuery subaccount(final int number)
    {
        return new HistoryQuery(route, from, to, number, limit);
    }

    /**
     * The same query with another page size.
     *
     * @param rows 1 to 10,000.
     * @return the query.
     */
    public HistoryQuery limit(final int rows)
    {
        return new HistoryQuery(route, from, to, subaccount, rows);
    }

    String path()
    {
        return route + (route.contains("?") ? "&" : "?") + "from=" + from + "&to=" + to + "&limit=" + limit +
            (subaccount < 0 ? "" : "&subaccount=" + subaccount);
    }
}
