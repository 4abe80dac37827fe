package io.novation.node.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Refusal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The read side of the history: one page of rows of a {@link HistoryKind} within a time range [from, to) (epoch ms),
 * in key order, at most {@code limit} rows (up to {@link #MAX_LIMIT}), with a signed {@link PageCursor} to the next
 * page whenever more rows exist, so every row is reachable and none is dropped silently.
 */
public final class HistoryQueries
{
    /** The most rows in one page. */
    public static final int MAX_LIMIT = 10_000;
    /** Rows in a page when the request names no limit. */
    public static final int DEFAULT_LIMIT = 1_000;

    private static final Set<String> TEXT_COLUMNS = Set.of("side", "liquidity", "counterparty", "kind",
        "role", "package");

    private final HistoryDatabase database;
    private final LongSupplier appliedSequence;
    private final byte[] cursorKey;

    HistoryQueries(final HistoryDatabase database, final LongSupplier appliedSequence)
    {
        this.database = database;
        this.appliedSequence = appliedSequence;
        this.cursorKey = database.cursorKey();
    }

    /**
     * Checks the history knows an account (it took part in at least one recorded event).
     *
     * @param owner the account.
     * @throws Refusal 404 {@code UNKNOWN_ACCOUNT}, or 503 {@code HISTORY_UNAVAILABLE}.
     */
    public void requireAccount(final Address owner) throws Refusal
    {
        require("SELECT 1 FROM history_accounts WHERE address = ?", owner.toString(), "UNKNOWN_ACCOUNT",
            "no history for account " + owner);
    }

    /**
     * Checks the history knows a perpetual market.
     *
     * @param ticker the market's ticker.
     * @throws Refusal 404 {@code UNKNOWN_MARKET}, or 503 {@code HISTORY_UNAVAILABLE}.
     */
    public void requireMarket(final String ticker) throws Refusal
    {
        require("SELECT 1 FROM history_markets WHERE ticker = ?", ticker, "UNKNOWN_MARKET",
            "no perpetual market " + ticker + " in the history");
    }

    private void require(final String sql, final String value, final String code, final String message)
        throws Refusal
    {
        final Connection connection = borrow();
        boolean healthy = false;
        try
        {
            final boolean found = exists(connection, sql, value);
            healthy = true;
            if (!found)
            {
                throw new Refusal(404, code, message);
            }
        }
        catch (final SQLException ex)
        {
            throw unavailable(ex);
        }
        finally
        {
            database.release(connection, healthy);
        }
    }

    /**
     * A page of an account's rows.
     *
     * @param kind       fills, funding, liquidations, transfers or PnL.
     * @param owner      the account.
     * @param subaccount only this subaccount, or -1 for all.
     * @param from       first time included, epoch ms.
     * @param to         first time excluded, epoch ms.
     * @param limit      most rows, 1 to {@link #MAX_LIMIT}.
     * @param cursor     the previous page's {@code next}, or null for the first page.
     * @return {@code {"items": [...], "next": cursor or null, "appliedSequence": n}}.
     * @throws Refusal 404 {@code UNKNOWN_ACCOUNT}, 400 {@code INVALID_CURSOR}, 503 {@code HISTORY_UNAVAILABLE}.
     */
    public ObjectNode accountPage(final HistoryKind kind, final Address owner, final int subaccount, final long from,
        final long to, final int limit, final String cursor) throws Refusal
    {
        final String query = kind.name() + "|" + owner + "|" + subaccount + "|" + from + "|" + to;
        final PageCursor after = cursor == null ? null : PageCursor.decode(cursor, cursorKey, query);
        final Connection connection = borrow();
        boolean healthy = false;
        try
        {
            if (!exists(connection, "SELECT 1 FROM history_accounts WHERE address = ?", owner.toString()))
            {
                throw new Refusal(404, "UNKNOWN_ACCOUNT", "no history for account " + owner);
            }
            final ObjectNode page = page(connection, kind, "address = ?" +
                (subaccount >= 0 ? " AND subaccount = " + subaccount : ""), owner.toString(), 0, false, query,
                from, to, limit, after);
            healthy = true;
            return page;
        }
        catch (final SQLException ex)
        {
            throw unavailable(ex);
        }
        finally
        {
            database.release(connection, healthy);
        }
    }

    /**
     * A page of OHLC candles of a market's oracle index price.
     *
     * @param ticker     the market.
     * @param intervalMs 60000, 3600000 or 86400000.
     * @param from       first bucket start included, epoch ms.
     * @param to         first bucket start excluded, epoch ms.
     * @param limit      most candles.
     * @param cursor     the previous page's {@code next}, or null.
     * @return the page.
     * @throws Refusal 404 {@code UNKNOWN_MARKET}, 400 {@code INVALID_CURSOR}, 503 {@code HISTORY_UNAVAILABLE}.
     */
    public ObjectNode candles(final String ticker, final long intervalMs, final long from, final long to,
        final int limit, final String cursor) throws Refusal
    {
        final String query = HistoryKind.CANDLES.name() + "|" + ticker + "|" + intervalMs + "|" + from + "|" + to;
        final PageCursor after = cursor == null ? null : PageCursor.decode(cursor, cursorKey, query);
        final Connection connection = borrow();
        boolean healthy = false;
        try
        {
            final int oracleId;
            try (PreparedStatement select = connection.prepareStatement(
                "SELECT oracle_id FROM history_markets WHERE ticker = ?"))
            {
                select.setString(1, ticker);
                try (ResultSet rows = select.executeQuery())
                {
                    if (!rows.next())
                    {
                        throw new Refusal(404, "UNKNOWN_MARKET", "no perpetual market " + ticker + " in the history");
                    }
                    oracleId = rows.getInt(1);
                }
            }
            final ObjectNode page = page(connection, HistoryKind.CANDLES, "oracle_id = ? AND interval_ms = " +
                intervalMs, null, oracleId, true, query, from, to, limit, after);
            healthy = true;
            return page;
        }
        catch (final SQLException ex)
        {
            throw unavailable(ex);
        }
        finally
        {
            database.release(connection, healthy);
        }
    }

    private ObjectNode page(final Connection connection, final HistoryKind kind, final String scope,
        final String scopeText, final int scopeNumber, final boolean numericScope, final String query,
        final long from, final long to, final int limit, final PageCursor after) throws SQLException
    {
        final String[] columns = kind.columns();
        final String[] names = kind.names();
        final StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", columns))
            .append(", ").append(kind.key1()).append(", ").append(kind.key2() == null ? "0" : kind.key2())
            .append(" FROM ").append(kind.table()).append(" WHERE ").append(scope)
            .append(" AND ").append(kind.timeColumn()).append(" >= ? AND ").append(kind.timeColumn()).append(" < ?");
        if (after != null)
        {
            sql.append(kind.key2() == null ? " AND " + kind.key1() + " > ?" :
                " AND (" + kind.key1() + " > ? OR (" + kind.key1() + " = ? AND " + kind.key2() + " > ?))");
        }
        sql.append(" ORDER BY ").append(kind.key1());
        if (kind.key2() != null)
        {
            sql.append(", ").append(kind.key2());
        }
        sql.append(" LIMIT ?");
        final ObjectNode page = Json.MAPPER.createObjectNode();
        final ArrayNode items = page.putArray("items");
        try (PreparedStatement select = connection.prepareStatement(sql.toString()))
        {
            int p = 1;
            if (numericScope)
            {
                select.setInt(p++, scopeNumber);
            }
            else
            {
                select.setString(p++, scopeText);
            }
            select.setLong(p++, from);
            select.setLong(p++, to);
            if (after != null)
            {
                select.setLong(p++, after.key1());
                if (kind.key2() != null)
                {
                    select.setLong(p++, after.key1());
                    select.setLong(p++, after.key2());
                }
            }
            select.setInt(p, limit + 1);
            select.setFetchSize(Math.min(limit + 1, 1_000));
            try (ResultSet rows = select.executeQuery())
            {
                long key1 = 0;
                long key2 = 0;
                int count = 0;
                boolean more = false;
                while (rows.next())
                {
                    if (count == limit)
                    {
                        more = true;
                        break;
                    }
                    final ObjectNode item = items.addObject();
                    for (int c = 0; c < columns.length; c++)
                    {
                        if (TEXT_COLUMNS.contains(columns[c]))
                        {
                            item.put(names[c], rows.getString(c + 1));
                        }
                        else
                        {
                            final long value = rows.getLong(c + 1);
                            if (rows.wasNull())
                            {
                                item.putNull(names[c]);
                            }
                            else
                            {
                                item.put(names[c], value);
                            }
                        }
                    }
                    key1 = rows.getLong(columns.length + 1);
                    key2 = rows.getLong(columns.length + 2);
                    count++;
                }
                if (more)
                {
                    page.put("next", new PageCursor(query, key1, key2).encode(cursorKey));
                }
                else
                {
                    page.putNull("next");
                }
            }
        }
        page.put("appliedSequence", appliedSequence.getAsLong());
        return page;
    }

    private Connection borrow() throws Refusal
    {
        try
        {
            return database.borrow();
        }
        catch (final SQLException ex)
        {
            throw unavailable(ex);
        }
    }

    private static boolean exists(final Connection connection, final String sql, final String value)
        throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement(sql))
        {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery())
            {
                return rows.next();
            }
        }
    }

    private static Refusal unavailable(final SQLException ex)
    {
        return new Refusal(503, "HISTORY_UNAVAILABLE", "the history database failed: " + ex.getMessage());
    }
}
