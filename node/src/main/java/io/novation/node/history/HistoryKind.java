package io.novation.node.history;

/**
 * What a history page lists: its table, the column of its time range (epoch ms), the row key that orders and pages
 * it, and the columns returned with their JSON names (amounts in the engine's integers).
 */
public enum HistoryKind
{
    /** Fills of an account, one row per side it took (maker or taker). */
    FILLS("history_fills", "time_ms", "sequence", "ordinal",
        new String[] {"sequence", "time_ms", "subaccount", "market_id", "side", "liquidity", "size", "price",
            "quote_amount", "fee", "counterparty", "counterparty_subaccount"}),
    /** Funding payments of an account's positions (positive when received). */
    FUNDING("history_funding", "time_ms", "sequence", "ordinal",
        new String[] {"sequence", "time_ms", "subaccount", "market_id", "amount", "cumulative_index"}),
    /** Liquidations, deleveraging and socialized losses an account took part in, with its role. */
    LIQUIDATIONS("history_liquidations", "time_ms", "sequence", "ordinal",
        new String[] {"sequence", "time_ms", "subaccount", "kind", "market_id", "size", "quote_amount",
            "bankruptcy_quote", "insurance_fund_delta", "counterparty", "counterparty_subaccount"}),
    /** Deposits, withdrawals and transfers between an account's subaccounts (signed amounts). */
    TRANSFERS("history_transfers", "time_ms", "sequence", "ordinal",
        new String[] {"sequence", "time_ms", "subaccount", "kind", "asset_id", "amount", "reference"}),
    /** Hourly realized and unrealized PnL points of an account's subaccounts. */
    PNL("history_pnl", "hour_ms", "hour_ms", "subaccount",
        new String[] {"hour_ms", "subaccount", "sequence", "realized", "unrealized"}),
    /** OHLC candles of a market's oracle index price. */
    CANDLES("history_candles", "bucket_ms", "bucket_ms", null,
        new String[] {"bucket_ms", "open_price", "high_price", "low_price", "close_price", "updates"}),
    /**
     * Block trade packages an account took part in, with its role (maker, taker or broker) and the fee it paid
     * (received, negative, for the broker); the legs are fills.
     */
    BLOCK_TRADES("history_block_trades", "time_ms", "sequence", "ordinal",
        new String[] {"sequence", "time_ms", "subaccount", "role", "package", "legs", "fee", "counterparty",
            "counterparty_subaccount"});

    private final String table;
    private final String timeColumn;
    private final String key1;
    private final String key2;
    private final String[] columns;
    private final String[] names;

    HistoryKind(final String table, final String timeColumn, final String key1, final String key2,
        final String[] columns)
    {
        this.table = table;
        this.timeColumn = timeColumn;
        this.key1 = key1;
        this.key2 = key2;
        this.columns = columns;
        this.names = new String[columns.length];
        for (int i = 0; i < columns.length; i++)
        {
            names[i] = camel(columns[i]);
        }
    }

    private static String camel(final String column)
    {
        final String base = column.equals("time_ms") ? "time" : column.equals("hour_ms") ? "hour" :
            column.equals("bucket_ms") ? "start" : column.endsWith("_price") ? column.replace("_price", "") : column;
        final StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (final char c : base.toCharArray())
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return out.toString();
    }

    String table()
    {
        return table;
    }

    String timeColumn()
    {
        return timeColumn;
    }

    String key1()
    {
        return key1;
    }

    String key2()
    {
        return key2;
    }

    String[] columns()
    {
        return columns.clone();
    }

    String[] names()
    {
        return names.clone();
    }
}
