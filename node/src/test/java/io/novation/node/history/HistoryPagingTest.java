package io.novation.node.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.node.sequencer.Refusal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A 50,000-fill journal read back through the history on SQLite and PostgreSQL: every fill through cursor pages,
 * with no cap and no duplicate, after a rebuild and after a restart that resumes from the watermark.
 */
class HistoryPagingTest
{
    private static final int FILLS = 50_000;

    @TempDir
    static Path shared;

    private static Path journalDirectory;
    private static long lastSequence;
    private static long firstTradeTime;
    private static long lastTradeTime;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeJournal()
    {
        journalDirectory = shared.resolve("journal");
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(50_000);
            firstTradeTime = journal.time() + 1;
            journal.trades(FILLS, 50_000);
            lastTradeTime = journal.time();
            lastSequence = journal.lastSequence();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldReturnEveryFillOfA50000FillRunThroughPagingWithNoCap(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            assertThat(result.appliedSequence()).isEqualTo(lastSequence);
            final HistoryQueries queries = new HistoryQueries(database, () -> lastSequence);
            final Address alice = TradingJournal.address("alice");

            final long[] read = readAll(queries, alice, 0, Long.MAX_VALUE, 7_000);
            assertThat(read[0]).isEqualTo(FILLS);
            assertThat(read[1]).as("pages").isEqualTo((FILLS + 6_999) / 7_000);
            assertThat(read[2]).as("time of the last fill").isEqualTo(lastTradeTime);

            // A window of the run: exactly the fills whose time lies in [from, to), one per millisecond.
            final long from = firstTradeTime + 12_345;
            final long to = from + 23_456;
            assertThat(readAll(queries, alice, from, to, HistoryQueries.MAX_LIMIT)[0]).isEqualTo(to - from);
        }
    }

    /** Reads every page; returns the rows, the pages and the last row's time, checking order, range and sides. */
    private static long[] readAll(final HistoryQueries queries, final Address owner, final long from, final long to,
        final int limit) throws Refusal
    {
        final String bob = TradingJournal.address("bob").toString();
        String cursor = null;
        long rows = 0;
        long pages = 0;
        long previousSequence = -1;
        long lastTime = -1;
        long outOfPlace = 0;
        do
        {
            final ObjectNode page = queries.accountPage(HistoryKind.FILLS, owner, -1, from, to, limit, cursor);
            pages++;
            final JsonNode items = page.get("items");
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            if (cursor != null)
            {
                assertThat(items.size()).as("a page before the last is full").isEqualTo(limit);
            }
            for (final JsonNode fill : items)
            {
                final long sequence = fill.get("sequence").asLong();
                final long time = fill.get("time").asLong();
                if (sequence <= previousSequence || time < from || time >= to ||
                    !fill.get("liquidity").asText().equals("maker") || !fill.get("counterparty").asText().equals(bob))
                {
                    outOfPlace++;
                }
                previousSequence = sequence;
                lastTime = time;
                rows++;
            }
        }
        while (cursor != null);
        assertThat(outOfPlace).as("fills out of order, out of range or not alice's maker side").isZero();
        return new long[] {rows, pages, lastTime};
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldResumeFromTheWatermarkAfterARestartWithoutInsertingARowTwice(final String kind) throws Exception
    {
        final String url = HistoryDatabases.empty(kind, dir);
        final AtomicLong durable = new AtomicLong(lastSequence / 3);
        try (HistoryService first = HistoryService.start(url, TradingJournal.CONFIG, null, journalDirectory,
            durable::get))
        {
            assertThat(first.awaitApplied(durable.get(), 60_000)).as(String.valueOf(first.failure())).isTrue();
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            assertThat(count(database, "SELECT applied_sequence FROM history_watermark")).isEqualTo(lastSequence / 3);
        }
        durable.set(lastSequence);
        try (HistoryService second = HistoryService.start(url, TradingJournal.CONFIG, null, journalDirectory,
            durable::get))
        {
            assertThat(second.awaitApplied(lastSequence, 120_000)).as(String.valueOf(second.failure())).isTrue();
            final HistoryDatabase database = second.database();
            assertThat(count(database, "SELECT COUNT(*) FROM history_fills")).isEqualTo(2L * FILLS);
            assertThat(count(database, "SELECT COUNT(*) FROM (SELECT DISTINCT address, sequence, ordinal " +
                "FROM history_fills) d")).isEqualTo(2L * FILLS);
            assertThat(count(database, "SELECT COUNT(*) FROM history_transfers")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldRefuseAForgedAlteredOrForeignCursor(final String kind) throws Refusal
    {
        final String url = HistoryDatabases.empty(kind, dir);
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            HistoryRebuild.run(database, TradingJournal.CONFIG, journalDirectory);
            final HistoryQueries queries = new HistoryQueries(database, () -> lastSequence);
            final Address alice = TradingJournal.address("alice");
            final String next = queries.accountPage(HistoryKind.FILLS, alice, -1, 0, Long.MAX_VALUE, 10, null)
                .get("next").asText();
            final ObjectNode second = queries.accountPage(HistoryKind.FILLS, alice, -1, 0, Long.MAX_VALUE, 10, next);
            assertThat(second.get("items")).hasSize(10);

            final String forged = new PageCursor("FILLS|" + alice + "|-1|0|" + Long.MAX_VALUE, 99, 0)
                .encode(new byte[32]);
            final char last = next.charAt(next.indexOf('.') - 1);
            final String altered = next.substring(0, next.indexOf('.') - 1) + (last == 'A' ? 'B' : 'A') +
                next.substring(next.indexOf('.'));
            for (final String bad : new String[] {forged, altered, "not-a-cursor", next + "x", "." + next})
            {
                assertThatThrownBy(() -> queries.accountPage(HistoryKind.FILLS, alice, -1, 0, Long.MAX_VALUE, 10, bad))
                    .as(bad).isInstanceOfSatisfying(Refusal.class, refusal ->
                    {
                        assertThat(refusal.status()).isEqualTo(400);
                        assertThat(refusal.code()).isEqualTo("INVALID_CURSOR");
                    });
            }
            // A genuine cursor presented with another range, account or endpoint is refused too.
            assertThatThrownBy(() -> queries.accountPage(HistoryKind.FILLS, alice, -1, 1, Long.MAX_VALUE, 10, next))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.code())
                    .isEqualTo("INVALID_CURSOR"));
            assertThatThrownBy(() -> queries.accountPage(HistoryKind.FILLS, TradingJournal.address("bob"), -1, 0,
                Long.MAX_VALUE, 10, next)).isInstanceOfSatisfying(Refusal.class, refusal ->
                assertThat(refusal.code()).isEqualTo("INVALID_CURSOR"));
            assertThatThrownBy(() -> queries.accountPage(HistoryKind.TRANSFERS, alice, -1, 0, Long.MAX_VALUE, 10,
                next)).isInstanceOfSatisfying(Refusal.class, refusal ->
                assertThat(refusal.code()).isEqualTo("INVALID_CURSOR"));
            assertThatThrownBy(() -> queries.accountPage(HistoryKind.FILLS, TradingJournal.address("nobody"), -1,
                0, Long.MAX_VALUE, 10, null)).isInstanceOfSatisfying(Refusal.class, refusal ->
            {
                assertThat(refusal.status()).isEqualTo(404);
                assertThat(refusal.code()).isEqualTo("UNKNOWN_ACCOUNT");
            });
        }
    }

    static long count(final HistoryDatabase database, final String sql) throws SQLException
    {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
        }
    }
}
