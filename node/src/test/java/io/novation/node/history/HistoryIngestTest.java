package io.novation.node.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.account.Address;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;
import io.novation.node.sequencer.Refusal;
import io.novation.testkit.TestMarkets;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static io.novation.node.history.HistoryIngest.HOUR_MS;
import static io.novation.node.history.TradingJournal.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the history records from a small journal whose times the test sets: transfers with signed amounts, funding
 * payments, hourly PnL points at the end of each hour with activity, and OHLC candles of the oracle index.
 */
class HistoryIngestTest
{
    private static final long MINUTE_MS = 60_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldRecordTransfersFundingHourlyPnlAndCandles(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        final Path journalDirectory = dir.resolve("journal");
        final long openTime;
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(50_000);
            journal.apply(new Transfer(journal.tick().time(), alice(), 0, 1, 0, 2 * Testnet.USDC, 1, null));
            journal.apply(new Withdraw(journal.tick().time(), alice(), 0, 0, 3 * Testnet.USDC, 2, null));
            journal.apply(new FundingTick(journal.tick().time(), 0, false, 0));
            // alice buys 0.01 BTC at 50,000; the index rises to 51,000 half an hour later.
            journal.trade("alice", "bob", true, 50_000);
            openTime = journal.time();
            journal.at(START + 30 * MINUTE_MS).price(51_000);
            // Impact prices above the index: a positive premium, so longs pay shorts at the next tick.
            journal.at(START + HOUR_MS + 5 * MINUTE_MS).price(51_000);
            journal.apply(new FundingSample(journal.tick().time(), 0, 51_500 * Testnet.USD, 51_600 * Testnet.USD));
            journal.apply(new FundingTick(journal.tick().time(), 0, false, 0));
            // Two hours later alice sells at 51,000 (settling funding); a deposit an hour after that.
            journal.at(START + 2 * HOUR_MS).price(51_000);
            journal.trade("alice", "bob", false, 51_000);
            journal.at(START + 3 * HOUR_MS + 1).deposit("bob", 1);
            journal.lastSequence();
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            final HistoryQueries queries = new HistoryQueries(database, result::appliedSequence);

            final JsonNode transfers = page(queries, HistoryKind.TRANSFERS, alice(), -1);
            assertThat(transfers).extracting(t -> t.get("kind").asText() + " " + t.get("subaccount").asInt() + " " +
                t.get("amount").asLong()).containsExactly("deposit 0 " + 10_000_000 * Testnet.USDC,
                "transferOut 0 " + -2 * Testnet.USDC, "transferIn 1 " + 2 * Testnet.USDC,
                "withdrawal 0 " + -3 * Testnet.USDC);
            assertThat(page(queries, HistoryKind.TRANSFERS, alice(), 1)).hasSize(1);

            final JsonNode fills = page(queries, HistoryKind.FILLS, alice(), -1);
            assertThat(fills).extracting(f -> f.get("side").asText() + " " + f.get("time").asLong())
                .containsExactly("buy " + openTime, "sell " + (START + 2 * HOUR_MS + 2));

            final JsonNode aliceFunding = page(queries, HistoryKind.FUNDING, alice(), -1);
            final JsonNode bobFunding = page(queries, HistoryKind.FUNDING, bob(), -1);
            assertThat(aliceFunding).hasSize(1);
            assertThat(bobFunding).hasSize(1);
            // The long pays the short at a positive rate.
            assertThat(aliceFunding.get(0).get("amount").asLong()).isNegative();
            assertThat(bobFunding.get(0).get("amount").asLong()).isPositive();

            // A point at the end of each hour with activity: the position open, 1,000 USD up on 0.01 BTC, after the
            // first and second hours; closed at 51,000 in the third, the same 10 USDC realized (funding and fees
            // are their own records).
            final JsonNode points = page(queries, HistoryKind.PNL, alice(), -1);
            assertThat(points).extracting(p -> p.get("hour").asLong()).containsExactly(START + HOUR_MS,
                START + 2 * HOUR_MS, START + 3 * HOUR_MS);
            final long tenUsdc = 10 * Testnet.USDC;
            assertThat(points).extracting(p -> p.get("realized").asLong()).containsExactly(0L, 0L, tenUsdc);
            assertThat(points).extracting(p -> p.get("unrealized").asLong()).containsExactly(tenUsdc, tenUsdc, 0L);

            final JsonNode hourly = queries.candles("BTC-USD", HOUR_MS, START, START + 24 * HOUR_MS, 10, null)
                .get("items");
            assertThat(hourly).hasSize(3);
            assertThat(hourly.get(0).get("start").asLong()).isEqualTo(START);
            assertThat(hourly.get(0).get("open").asLong()).isEqualTo(50_000 * Testnet.USD);
            assertThat(hourly.get(0).get("high").asLong()).isEqualTo(51_000 * Testnet.USD);
            assertThat(hourly.get(0).get("low").asLong()).isEqualTo(50_000 * Testnet.USD);
            assertThat(hourly.get(0).get("close").asLong()).isEqualTo(51_000 * Testnet.USD);
            assertThat(hourly.get(0).get("updates").asLong()).isEqualTo(2);
            assertThat(hourly.get(1).get("start").asLong()).isEqualTo(START + HOUR_MS);
            final JsonNode minutes = queries.candles("BTC-USD", MINUTE_MS, START, START + HOUR_MS, 1, null)
                .get("items");
            assertThat(minutes).hasSize(1);
            assertThat(queries.candles("BTC-USD", MINUTE_MS, START, START + HOUR_MS, 1, null).get("next").isNull())
                .as("a second minute candle is on the next page").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldValueAnOptionPositionAtItsSurfaceMarkInUnrealizedPnl(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        final Path journalDirectory = dir.resolve("journal");
        final long markLessPremium;
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(50_000);
            final long expiry = START + 30 * 24 * HOUR_MS;
            journal.apply(TestMarkets.btcCall(journal.tick().time(), "BTC-C55000", 55_000, expiry));
            journal.flatSurface(0.6, expiry);
            // alice buys 0.01 BTC of the 55,000 call at 2,000 USD per BTC: 20 USDC of premium, her cost basis.
            final long size = Testnet.ONE_BTC / 100 / 1_000_000;
            journal.trade(OptionSeries.FIRST_ID, "bob", "alice", false, 2_000 * Testnet.USD, size);
            journal.at(START + 30 * MINUTE_MS).price(52_000);
            final ClearingStateView state = journal.engine.state();
            final OptionPositionMargin mark = new OptionPositionMargin();
            assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces()).options()
                .position(state.markets().option(OptionSeries.FIRST_ID), size, mark)).isTrue();
            markLessPremium = mark.value() - 20 * Testnet.USDC;
            // A record of the next hour closes the first hour's point.
            journal.at(START + HOUR_MS + 1).deposit("bob", 1);
            journal.lastSequence();
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            final HistoryQueries queries = new HistoryQueries(database, result::appliedSequence);
            final JsonNode points = page(queries, HistoryKind.PNL, alice(), -1);
            assertThat(points).hasSize(1);
            assertThat(markLessPremium).as("the call gained on the rise to 52,000").isPositive();
            assertThat(points.get(0).get("unrealized").asLong()).isEqualTo(markLessPremium);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldRecordALiquidationForTheTargetAndTheKeeper(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        final Path journalDirectory = dir.resolve("journal");
        final long tenth = Testnet.ONE_BTC / 10;
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(60_000);
            journal.deposit("dave", 600);
            journal.deposit("carol", 100_000);
            // dave buys 0.1 BTC on 600 USDC; the index falls to 55,000 and carol takes the position over.
            journal.trade("dave", "bob", true, 60_000, tenth);
            journal.price(57_500);
            journal.price(55_000);
            journal.apply(new Liquidate(journal.tick().time(), TradingJournal.address("carol"), 0,
                TradingJournal.address("dave"), 0, 0, tenth, 1, null));
            journal.lastSequence();
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            final HistoryQueries queries = new HistoryQueries(database, result::appliedSequence);
            final JsonNode target = page(queries, HistoryKind.LIQUIDATIONS, TradingJournal.address("dave"), -1);
            final JsonNode keeper = page(queries, HistoryKind.LIQUIDATIONS, TradingJournal.address("carol"), -1);
            assertThat(target).hasSize(1);
            assertThat(keeper).hasSize(1);
            assertThat(target.get(0).get("kind").asText()).isEqualTo("liquidated");
            assertThat(target.get(0).get("size").asLong()).isEqualTo(-tenth);
            assertThat(target.get(0).get("counterparty").asText()).isEqualTo(TradingJournal.address("carol")
                .toString());
            assertThat(keeper.get(0).get("kind").asText()).isEqualTo("keeper");
            assertThat(keeper.get(0).get("size").asLong()).isEqualTo(tenth);
            assertThat(keeper.get(0).get("quoteAmount").asLong()).isEqualTo(-target.get(0).get("quoteAmount")
                .asLong());
            assertThat(keeper.get(0).get("sequence").asLong()).isEqualTo(target.get(0).get("sequence").asLong());
        }
    }

    private static JsonNode page(final HistoryQueries queries, final HistoryKind kind, final Address owner,
        final int subaccount) throws Refusal
    {
        final JsonNode page = queries.accountPage(kind, owner, subaccount, 0, Long.MAX_VALUE, 100, null);
        assertThat(page.get("next").isNull()).isTrue();
        return page.get("items");
    }

    private static Address alice()
    {
        return TradingJournal.address("alice");
    }

    private static Address bob()
    {
        return TradingJournal.address("bob");
    }
}
