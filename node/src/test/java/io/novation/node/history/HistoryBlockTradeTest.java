package io.novation.node.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.account.Address;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.node.sequencer.Refusal;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history records a block trade as one row per party in {@code history_block_trades} (maker, taker and broker,
 * with the fee each paid or received) and its legs as fills, on SQLite and PostgreSQL.
 */
class HistoryBlockTradeTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldRecordThePackagePerPartyAndItsLegsAsFills(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        final Path journalDirectory = dir.resolve("journal");
        final String digest;
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(50_000);
            journal.deposit("carol", 1);
            final long at = journal.tick().time();
            final BlockPackage offer = new BlockPackage(address("alice"), 0, List.of(new BlockLeg(0, true,
                TradingJournal.SIZE, 50_000 * Testnet.USD)), 5 * Testnet.USDC, 1, at + 60_000, null);
            final byte[] packageDigest = offer.digest(journal.engine.domainSeparator());
            digest = io.novation.core.crypto.Hex.encode(packageDigest);
            journal.apply(new SettleBlockTrade(at, offer, new BlockAcceptance(address("bob"), 0, packageDigest,
                5 * Testnet.USDC, address("carol"), 0, 3 * Testnet.USDC, 1, at + 60_000, null), Testnet.USDC,
                2 * Testnet.USDC, address("carol"), 0, 3 * Testnet.USDC));
            journal.lastSequence();
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            final HistoryQueries queries = new HistoryQueries(database, result::appliedSequence);

            assertThat(page(queries, HistoryKind.BLOCK_TRADES, address("alice"))).extracting(row ->
                row.get("role").asText() + " " + row.get("legs").asInt() + " " + row.get("fee").asLong() + " " +
                row.get("counterparty").asText() + " " + row.get("package").asText())
                .containsExactly("maker 1 " + Testnet.USDC + " " + address("bob") + " " + digest);
            assertThat(page(queries, HistoryKind.BLOCK_TRADES, address("bob"))).extracting(row ->
                row.get("role").asText() + " " + row.get("fee").asLong())
                .containsExactly("taker " + 5 * Testnet.USDC);
            assertThat(page(queries, HistoryKind.BLOCK_TRADES, address("carol"))).extracting(row ->
                row.get("role").asText() + " " + row.get("fee").asLong())
                .containsExactly("broker " + -3 * Testnet.USDC);
            assertThat(page(queries, HistoryKind.FILLS, address("alice"))).extracting(fill ->
                fill.get("side").asText() + " " + fill.get("size").asLong() + " " + fill.get("fee").asLong())
                .containsExactly("buy " + TradingJournal.SIZE + " 0");
        }
    }

    private static JsonNode page(final HistoryQueries queries, final HistoryKind kind, final Address owner)
        throws Refusal
    {
        return queries.accountPage(kind, owner, -1, 0, Long.MAX_VALUE, 100, null).get("items");
    }

    private static Address address(final String name)
    {
        return TradingJournal.address(name);
    }
}
