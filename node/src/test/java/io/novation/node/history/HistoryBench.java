package io.novation.node.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.node.journal.JournalReplayer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's figures (docs/benchmarks.md), not a timed test: it runs only with {@code -Dnovation.history.bench=true}
 * and prints the ingest rate (journal events per second of a rebuild, replay included, and of the database writes
 * alone) and the latency of 10,000-fill pages (p50, p99) on SQLite and, when configured, PostgreSQL.
 */
class HistoryBench
{
    private static final int FILLS = Integer.getInteger("novation.history.bench.fills", 100_000);
    private static final int PAGE_READS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void measureIngestRateAndPageLatency(final String kind) throws Exception
    {
        Assumptions.assumeTrue(Boolean.getBoolean("novation.history.bench"), "a benchmark: run it with " +
            "-Dnovation.history.bench=true");
        final String url = HistoryDatabases.empty(kind, dir);
        final Path journalDirectory = dir.resolve("journal");
        try (TradingJournal journal = new TradingJournal(journalDirectory))
        {
            journal.genesis(50_000);
            journal.trades(FILLS, 50_000);
        }
        long replayOnly = System.nanoTime();
        final long[] events = {0};
        JournalReplayer.applyingTo(new ClearingEngine(TradingJournal.CONFIG, EventSink.NONE))
            .observe(new io.novation.node.journal.JournalObserver()
            {
                @Override
                public void onEvent(final io.novation.node.journal.ReplayedRecord record,
                    final io.novation.core.event.Event event)
                {
                    events[0]++;
                }
            }).replay(journalDirectory, 0, Long.MAX_VALUE);
        replayOnly = System.nanoTime() - replayOnly;
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            final HistoryRebuild.Result result = HistoryRebuild.run(database, TradingJournal.CONFIG,
                journalDirectory);
            assertThat(result.events()).isEqualTo(events[0]);
            final double seconds = result.millis() / 1e3;
            final double writeSeconds = Math.max(1e-3, seconds - replayOnly / 1e9);
            System.out.printf("history bench %s: %d fills, %d events, %d rows; rebuild %.1f s = %.0f events/s " +
                "(%.0f rows/s); replay alone %.1f s; database writes alone about %.0f events/s%n", kind, FILLS,
                result.events(), result.rows(), seconds, result.events() / seconds, result.rows() / seconds,
                replayOnly / 1e9, result.events() / writeSeconds);

            final HistoryQueries queries = new HistoryQueries(database, result::appliedSequence);
            final Address alice = TradingJournal.address("alice");
            final long[] nanos = new long[PAGE_READS];
            String cursor = null;
            for (int i = 0; i < PAGE_READS; i++)
            {
                final long start = System.nanoTime();
                final ObjectNode page = queries.accountPage(HistoryKind.FILLS, alice, -1, 0, Long.MAX_VALUE,
                    HistoryQueries.MAX_LIMIT, cursor);
                nanos[i] = System.nanoTime() - start;
                assertThat(page.get("items").size()).isPositive();
                cursor = page.get("next").isNull() ? null : page.get("next").asText();
            }
            Arrays.sort(nanos);
            System.out.printf("history bench %s: 10,000-fill page over %d reads: p50 %.1f ms, p99 %.1f ms, " +
                "max %.1f ms%n", kind, PAGE_READS, nanos[PAGE_READS / 2] / 1e6, nanos[PAGE_READS * 99 / 100] / 1e6,
                nanos[PAGE_READS - 1] / 1e6);
        }
    }
}
