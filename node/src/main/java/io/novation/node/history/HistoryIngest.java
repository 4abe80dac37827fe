package io.novation.node.history;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.event.Event;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.ReplayedRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the events of replayed journal records into history rows (times are the records' sequencer times, epoch
 * ms; amounts the engine's integers) and writes them in batched transactions that also move the applied-sequence
 * watermark, so a restart resumes after the last committed record and never inserts a row twice. Records at or
 * below the watermark are replayed for the engine's sake and written nowhere; event types it does not know are
 * ignored. One thread uses it.
 */
public final class HistoryIngest implements JournalObserver, AutoCloseable
{
    /** One hour, in ms: the spacing of the PnL points. */
    public static final long HOUR_MS = 3_600_000L;
    /** The candle intervals kept, in ms (1 minute, 1 hour, 1 day). */
    static final long[] CANDLE_INTERVALS = {60_000L, HOUR_MS, 24 * HOUR_MS};

    private static final int FLUSH_ROWS = 5_000;

    private final HistoryDatabase database;
    private final Connection connection;
    private final PreparedStatement fills;
    private final PreparedStatement funding;
    private final PreparedStatement liquidations;
    private final PreparedStatement transfers;
    private final PreparedStatement blockTrades;
    private final PreparedStatement pnl;
    private final PreparedStatement accounts;
    private final PreparedStatement markets;
    private final PreparedStatement candles;
    private final PreparedStatement watermark;
    private final Set<Address> knownAccounts = new HashSet<>();
    /** Each address's 0x-hex text, built once: every fill writes four of them. */
    private final Map<Address, String> hexOf = new HashMap<>();
    private final Map<Long, long[]> openCandles = new HashMap<>();
    private final PositionMargin positionMargin = new PositionMargin();
    private final OptionPositionMargin optionMargin = new OptionPositionMargin();
    private long committed;
    private long applied;
    private long lastTime;
    private long time;
    private int ordinal;
    private int pending;
    private long rowsWritten;
    private long eventsIngested;

    /**
     * An ingest that writes into a database, resuming after its watermark.
     *
     * @param database the database.
     */
    public HistoryIngest(final HistoryDatabase database)
    {
        this.database = database;
        try
        {
            connection = database.connectWriter();
            fills = connection.prepareStatement("INSERT INTO history_fills (address, sequence, ordinal, subaccount, " +
                "time_ms, market_id, side, liquidity, size, price, quote_amount, fee, counterparty, " +
                "counterparty_subaccount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            funding = connection.prepareStatement("INSERT INTO history_funding (address, sequence, ordinal, " +
                "subaccount, time_ms, market_id, amount, cumulative_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            liquidations = connection.prepareStatement("INSERT INTO history_liquidations (address, sequence, " +
                "ordinal, subaccount, time_ms, kind, market_id, size, quote_amount, bankruptcy_quote, " +
                "insurance_fund_delta, counterparty, counterparty_subaccount) " +
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            transfers = connection.prepareStatement("INSERT INTO history_transfers (address, sequence, ordinal, " +
                "subaccount, time_ms, kind, asset_id, amount, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            blockTrades = connection.prepareStatement("INSERT INTO history_block_trades (address, sequence, " +
                "ordinal, subaccount, time_ms, role, package, legs, fee, counterparty, counterparty_subaccount) " +
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            pnl = connection.prepareStatement("INSERT INTO history_pnl (address, hour_ms, subaccount, sequence, " +
                "realized, unrealized) VALUES (?, ?, ?, ?, ?, ?)");
            accounts = connection.prepareStatement("INSERT INTO history_accounts (address, first_sequence) " +
                "VALUES (?, ?)");
            markets = connection.prepareStatement("INSERT INTO history_markets (ticker, market_id, oracle_id) " +
                "VALUES (?, ?, ?)");
            candles = connection.prepareStatement("INSERT INTO history_candles (oracle_id, interval_ms, bucket_ms, " +
                "open_price, high_price, low_price, close_price, updates) VALUES (?, ?, ?, ?, ?, ?, ?, ?) " +
                "ON CONFLICT (oracle_id, interval_ms, bucket_ms) DO UPDATE SET " +
                "high_price = " + database.greatest() + "(history_candles.high_price, excluded.high_price), " +
                "low_price = " + database.least() + "(history_candles.low_price, excluded.low_price), " +
                "close_price = excluded.close_price, updates = history_candles.updates + excluded.updates");
            watermark = connection.prepareStatement("UPDATE history_watermark SET applied_sequence = ?, " +
                "last_time_ms = ? WHERE id = 1");
            try (PreparedStatement select = connection.prepareStatement(
                "SELECT applied_sequence, last_time_ms FROM history_watermark WHERE id = 1");
                ResultSet rows = select.executeQuery())
            {
                rows.next();
                committed = rows.getLong(1);
                lastTime = rows.getLong(2);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT address FROM history_accounts");
                ResultSet rows = select.executeQuery())
            {
                while (rows.next())
                {
                    knownAccounts.add(Address.parse(rows.getString(1)));
                }
            }
            connection.commit();
            applied = committed;
        }
        catch (final SQLException ex)
        {
            throw new HistoryException("cannot start the history ingest: " + ex.getMessage(), ex);
        }
    }

    /**
     * The last sequence whose rows are committed.
     *
     * @return sequence.
     */
    public long committedSequence()
    {
        return committed;
    }

    /**
     * Rows written since this ingest started.
     *
     * @return count.
     */
    public long rowsWritten()
    {
        return rowsWritten;
    }

    /**
     * Events of records above the watermark seen since this ingest started (rows or not).
     *
     * @return count.
     */
    public long eventsIngested()
    {
        return eventsIngested;
    }

    @Override
    public void beforeCommand(final ReplayedRecord record, final ClearingEngine engine)
    {
        time = record.command().time();
        ordinal = 0;
        if (record.sequence() <= applied)
        {
            lastTime = Math.max(lastTime, time);
            return;
        }
        final long hour = Math.floorDiv(time, HOUR_MS);
        if (lastTime >= 0 && hour > Math.floorDiv(lastTime, HOUR_MS) && engine != null)
        {
            pnlPoints(engine.state(), (Math.floorDiv(lastTime, HOUR_MS) + 1) * HOUR_MS, record.sequence() - 1);
        }
        lastTime = Math.max(lastTime, time);
    }

    @Override
    public void onEvent(final ReplayedRecord record, final Event event)
    {
        if (record.sequence() <= applied)
        {
            return;
        }
        final long sequence = record.sequence();
        eventsIngested++;
        try
        {
            if (event instanceof Event.TradeSettled t)
            {
                final boolean makerBuys = !t.takerIsBuy();
                fill(t.maker(), t.makerSubaccount(), sequence, t, makerBuys, "maker", t.makerFee(), t.taker(),
                    t.takerSubaccount());
                fill(t.taker(), t.takerSubaccount(), sequence, t, t.takerIsBuy(), "taker", t.takerFee(), t.maker(),
                    t.makerSubaccount());
            }
            else if (event instanceof Event.BlockTradeSettled b)
            {
                blockTrade(b.maker(), b.makerSubaccount(), sequence, "maker", b, b.makerFee(), b.taker(),
                    b.takerSubaccount());
                blockTrade(b.taker(), b.takerSubaccount(), sequence, "taker", b,
                    Math.addExact(b.takerFee(), b.brokerFee()), b.maker(), b.makerSubaccount());
                if (b.broker() != null)
                {
                    blockTrade(b.broker(), b.brokerSubaccount(), sequence, "broker", b, -b.brokerFee(), b.taker(),
                        b.takerSubaccount());
                }
            }
            else if (event instanceof Event.FundingPaid f)
            {
                account(f.owner(), sequence);
                int i = 1;
                funding.setString(i++, hex(f.owner()));
                funding.setLong(i++, sequence);
                funding.setInt(i++, ordinal++);
                funding.setInt(i++, f.subaccount());
                funding.setLong(i++, time);
                funding.setInt(i++, f.marketId());
                funding.setLong(i++, f.amount());
                funding.setLong(i, f.cumulativeIndex());
                add(funding);
            }
            else if (event instanceof Event.Liquidated l)
            {
                liquidation(l.target(), l.targetSubaccount(), sequence, "liquidated", l.marketId(), l.size(),
                    l.fillQuote(), l.bankruptcyQuote(), l.insuranceFundDelta(), l.keeper(), l.keeperSubaccount());
                liquidation(l.keeper(), l.keeperSubaccount(), sequence, "keeper", l.marketId(), -l.size(),
                    -l.fillQuote(), 0, 0, l.target(), l.targetSubaccount());
            }
            else if (event instanceof Event.Deleveraged d)
            {
                liquidation(d.target(), d.targetSubaccount(), sequence, "deleveraged", d.marketId(), d.size(),
                    d.quoteAmount(), d.quoteAmount(), 0, d.counterparty(), d.counterpartySubaccount());
                liquidation(d.counterparty(), d.counterpartySubaccount(), sequence, "counterparty", d.marketId(),
                    -d.size(), -d.quoteAmount(), 0, 0, d.target(), d.targetSubaccount());
            }
            else if (event instanceof Event.LossSocialized s)
            {
                liquidation(s.target(), s.targetSubaccount(), sequence, "lossSocialized", s.marketId(), 0,
                    s.amount(), 0, 0, null, -1);
            }
            else if (event instanceof Event.Deposited d)
            {
                transfer(d.owner(), d.subaccount(), sequence, "deposit", d.assetId(), d.amount(), d.depositId());
            }
            else if (event instanceof Event.WithdrawalQueued w)
            {
                transfer(w.owner(), w.subaccount(), sequence, "withdrawal", w.assetId(), -w.amount(),
                    w.withdrawalId());
            }
            else if (event instanceof Event.Transferred t)
            {
                transfer(t.owner(), t.fromSubaccount(), sequence, "transferOut", t.assetId(), -t.amount(),
                    t.toSubaccount());
                transfer(t.owner(), t.toSubaccount(), sequence, "transferIn", t.assetId(), t.amount(),
                    t.fromSubaccount());
            }
            else if (event instanceof Event.PerpetualCreated p)
            {
                markets.setString(1, p.ticker());
                markets.setInt(2, p.marketId());
                markets.setInt(3, p.oracleId());
                add(markets);
            }
            else if (event instanceof Event.OraclePriceUpdated o)
            {
                price(o.oracleId(), o.price(), o.time());
            }
        }
        catch (final SQLException ex)
        {
            throw new HistoryException("cannot stage history rows at sequence " + sequence + ": " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public void afterCommand(final ReplayedRecord record, final boolean applied, final ClearingEngine engine)
    {
        if (record.sequence() > this.applied)
        {
            this.applied = record.sequence();
            if (pending >= FLUSH_ROWS)
            {
                flush();
            }
        }
    }

    /**
     * Commits the staged rows, the open candles and the watermark in one transaction.
     */
    public void flush()
    {
        if (applied == committed)
        {
            return;
        }
        try
        {
            for (final Map.Entry<Long, long[]> entry : openCandles.entrySet())
            {
                writeCandle(entry.getKey(), entry.getValue());
            }
            openCandles.clear();
            accounts.executeBatch();
            markets.executeBatch();
            fills.executeBatch();
            funding.executeBatch();
            liquidations.executeBatch();
            transfers.executeBatch();
            blockTrades.executeBatch();
            pnl.executeBatch();
            candles.executeBatch();
            watermark.setLong(1, applied);
            watermark.setLong(2, lastTime);
            watermark.executeUpdate();
            connection.commit();
            rowsWritten += pending;
            pending = 0;
            committed = applied;
        }
        catch (final SQLException ex)
        {
            try
            {
                connection.rollback();
            }
            catch (final SQLException ignored)
            {
                // The connection is broken: the ingest stops and resumes from the watermark on restart.
            }
            throw new HistoryException("cannot write history up to sequence " + applied + ": " + ex.getMessage(), ex);
        }
    }

    private void fill(final Address owner, final int subaccount, final long sequence, final Event.TradeSettled t,
        final boolean buy, final String liquidity, final long fee, final Address counterparty,
        final int counterpartySubaccount) throws SQLException
    {
        account(owner, sequence);
        int i = 1;
        fills.setString(i++, hex(owner));
        fills.setLong(i++, sequence);
        fills.setInt(i++, ordinal++);
        fills.setInt(i++, subaccount);
        fills.setLong(i++, time);
        fills.setInt(i++, t.marketId());
        fills.setString(i++, buy ? "buy" : "sell");
        fills.setString(i++, liquidity);
        fills.setLong(i++, t.size());
        fills.setLong(i++, t.price());
        fills.setLong(i++, t.quoteAmount());
        fills.setLong(i++, fee);
        fills.setString(i++, hex(counterparty));
        fills.setInt(i, counterpartySubaccount);
        add(fills);
    }

    private void liquidation(final Address owner, final int subaccount, final long sequence, final String kind,
        final int marketId, final long size, final long quote, final long bankruptcyQuote, final long fundDelta,
        final Address counterparty, final int counterpartySubaccount) throws SQLException
    {
        account(owner, sequence);
        int i = 1;
        liquidations.setString(i++, hex(owner));
        liquidations.setLong(i++, sequence);
        liquidations.setInt(i++, ordinal++);
        liquidations.setInt(i++, subaccount);
        liquidations.setLong(i++, time);
        liquidations.setString(i++, kind);
        liquidations.setInt(i++, marketId);
        liquidations.setLong(i++, size);
        liquidations.setLong(i++, quote);
        liquidations.setLong(i++, bankruptcyQuote);
        liquidations.setLong(i++, fundDelta);
        liquidations.setString(i++, counterparty == null ? null : hex(counterparty));
        liquidations.setInt(i, counterpartySubaccount);
        add(liquidations);
    }

    private void transfer(final Address owner, final int subaccount, final long sequence, final String kind,
        final int assetId, final long amount, final long reference) throws SQLException
    {
        account(owner, sequence);
        int i = 1;
        transfers.setString(i++, hex(owner));
        transfers.setLong(i++, sequence);
        transfers.setInt(i++, ordinal++);
        transfers.setInt(i++, subaccount);
        transfers.setLong(i++, time);
        transfers.setString(i++, kind);
        transfers.setInt(i++, assetId);
        transfers.setLong(i++, amount);
        transfers.setLong(i, reference);
        add(transfers);
    }

    private void blockTrade(final Address owner, final int subaccount, final long sequence, final String role,
        final Event.BlockTradeSettled b, final long fee, final Address counterparty, final int counterpartySubaccount)
        throws SQLException
    {
        account(owner, sequence);
        int i = 1;
        blockTrades.setString(i++, hex(owner));
        blockTrades.setLong(i++, sequence);
        blockTrades.setInt(i++, ordinal++);
        blockTrades.setInt(i++, subaccount);
        blockTrades.setLong(i++, time);
        blockTrades.setString(i++, role);
        blockTrades.setString(i++, b.packageDigest());
        blockTrades.setInt(i++, b.legs());
        blockTrades.setLong(i++, fee);
        blockTrades.setString(i++, hex(counterparty));
        blockTrades.setInt(i, counterpartySubaccount);
        add(blockTrades);
    }

    private void account(final Address owner, final long sequence) throws SQLException
    {
        if (knownAccounts.add(owner))
        {
            accounts.setString(1, hex(owner));
            accounts.setLong(2, sequence);
            add(accounts);
        }
    }

    private String hex(final Address address)
    {
        String hex = hexOf.get(address);
        if (hex == null)
        {
            hex = address.toString();
            hexOf.put(address, hex);
        }
        return hex;
    }

    private void add(final PreparedStatement statement) throws SQLException
    {
        statement.addBatch();
        pending++;
    }

    /** Folds an accepted oracle price into the open candle of each interval, writing a candle its bucket left. */
    private void price(final int oracleId, final long price, final long at) throws SQLException
    {
        for (int k = 0; k < CANDLE_INTERVALS.length; k++)
        {
            final long interval = CANDLE_INTERVALS[k];
            final long bucket = Math.floorDiv(at, interval) * interval;
            final long key = ((long)oracleId << 2) | k;
            final long[] candle = openCandles.get(key);
            if (candle != null && candle[0] != bucket)
            {
                writeCandle(key, candle);
            }
            if (candle == null || candle[0] != bucket)
            {
                openCandles.put(key, new long[] {bucket, price, price, price, price, 1});
            }
            else
            {
                candle[2] = Math.max(candle[2], price);
                candle[3] = Math.min(candle[3], price);
                candle[4] = price;
                candle[5]++;
            }
        }
    }

    private void writeCandle(final long key, final long[] candle) throws SQLException
    {
        int i = 1;
        candles.setInt(i++, (int)(key >>> 2));
        candles.setLong(i++, CANDLE_INTERVALS[(int)(key & 3)]);
        candles.setLong(i++, candle[0]);
        candles.setLong(i++, candle[1]);
        candles.setLong(i++, candle[2]);
        candles.setLong(i++, candle[3]);
        candles.setLong(i++, candle[4]);
        candles.setLong(i, candle[5]);
        add(candles);
    }

    /**
     * Writes one PnL point for every subaccount with a position or realized PnL, as the state stood at the end of an
     * hour: realized PnL, and unrealized PnL of its positions (value less cost basis): perpetuals at the oracle price,
     * options at their surface mark.
     */
    private void pnlPoints(final ClearingStateView state, final long hourEnd, final long sequence)
    {
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        try
        {
            for (int a = 0; a < state.accounts().count(); a++)
            {
                final Account account = state.accounts().at(a);
                for (int s = 0; s < account.subaccountCount(); s++)
                {
                    final Subaccount subaccount = account.subaccountAt(s);
                    if (subaccount.positionCount() == 0 && subaccount.realizedPnl() == 0)
                    {
                        continue;
                    }
                    account(account.owner(), sequence);
                    int i = 1;
                    pnl.setString(i++, hex(account.owner()));
                    pnl.setLong(i++, hourEnd);
                    pnl.setInt(i++, subaccount.number());
                    pnl.setLong(i++, sequence);
                    pnl.setLong(i++, subaccount.realizedPnl());
                    pnl.setLong(i, unrealized(state, calculator, subaccount));
                    add(pnl);
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new HistoryException("cannot stage PnL points: " + ex.getMessage(), ex);
        }
    }

    private long unrealized(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount)
    {
        long sum = 0;
        for (int p = 0; p < subaccount.positionCount(); p++)
        {
            final int marketId = subaccount.positionMarket(p);
            try
            {
                if (marketId >= OptionSeries.FIRST_ID)
                {
                    // An option at its surface mark (the value the margin engine uses), less its premium paid.
                    final OptionSeries series = state.markets().option(marketId);
                    if (series != null &&
                        calculator.options().position(series, subaccount.positionSize(p), optionMargin))
                    {
                        sum = Math.addExact(sum, Math.subtractExact(optionMargin.value(),
                            subaccount.positionCostBasis(p)));
                    }
                    continue;
                }
                final PerpetualMarket market = state.markets().perpetual(marketId);
                if (calculator.position(market, subaccount.positionSize(p), 0, positionMargin))
                {
                    sum = Math.addExact(sum, Math.subtractExact(positionMargin.value(),
                        subaccount.positionCostBasis(p)));
                }
            }
            catch (final ArithmeticException ex)
            {
                // A value beyond 64 bits is left out of the point rather than stopping the history.
            }
        }
        return sum;
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException ignored)
        {
            // Closing: the watermark already records what was committed.
        }
    }
}
