package io.novation.node.sequencer;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.SealBatch;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.node.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BatchScheduleTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFallDueAfterTheConfiguredCountOfCommands()
    {
        final BatchSchedule schedule = new BatchSchedule(3, 0, 0);
        for (int i = 1; i <= 2; i++)
        {
            schedule.sequenced(i, record(i), 0, record(i).length);
            assertThat(schedule.dueAfterCommand(1_000 * i)).isFalse();
        }
        schedule.sequenced(3, record(3), 0, record(3).length);
        assertThat(schedule.dueAfterCommand(3_000)).isTrue();
        assertThat(schedule.deadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldFallDueByTimeOnlyWithACommandUnsealed()
    {
        final BatchSchedule schedule = new BatchSchedule(0, 500, 10_000);
        assertThat(schedule.dueAt(20_000)).isFalse();
        assertThat(schedule.deadline()).isEqualTo(Long.MAX_VALUE);
        schedule.sequenced(1, record(1), 0, record(1).length);
        assertThat(schedule.deadline()).isEqualTo(10_500);
        assertThat(schedule.dueAt(10_499)).isFalse();
        assertThat(schedule.dueAt(10_500)).isTrue();
    }

    @Test
    void shouldNeverFallDueWhenNeitherCountNorIntervalIsSet()
    {
        final BatchSchedule schedule = BatchSchedule.never();
        schedule.sequenced(1, record(1), 0, record(1).length);
        assertThat(schedule.enabled()).isFalse();
        assertThat(schedule.dueAfterCommand(Long.MAX_VALUE / 2)).isFalse();
    }

    @Test
    void shouldSealWithTheKeccakOfEveryRecordSinceTheLastSealAndStartAnEmptyBatch()
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        final BatchSchedule schedule = new BatchSchedule(2, 0, 0);
        final Keccak256 expected = new Keccak256();
        final byte[] header = new byte[12];
        for (int i = 1; i <= 2; i++)
        {
            schedule.sequenced(i, record(i), 0, record(i).length);
            BinaryWriter.putLongAt(header, 0, i);
            BinaryWriter.putIntAt(header, 8, record(i).length);
            expected.update(header, 0, 12).update(record(i));
        }
        final SealBatch seal = schedule.seal(engine, 7_000);
        assertThat(seal.time()).isEqualTo(7_000);
        assertThat(seal.header().batchNumber()).isEqualTo(1);
        assertThat(seal.header().commandsHash()).isEqualTo(expected.digest());
        assertThat(schedule.commandsSinceSeal()).isZero();
        assertThat(schedule.lastSealTime()).isEqualTo(7_000);
    }

    @Test
    void shouldResumeTheOpenBatchFromTheJournalRecordsAfterTheLastSeal()
    {
        final BatchSchedule live = new BatchSchedule(10, 0, 0);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            for (int i = 1; i <= 5; i++)
            {
                journal.append(i, record(i), 0, record(i).length);
                if (i > 2)
                {
                    live.sequenced(i, record(i), 0, record(i).length);
                }
            }
            journal.commit();
            final BatchSchedule resumed = new BatchSchedule(10, 0, 0);
            resumed.resume(journal, 2, 5);
            assertThat(resumed.commandsSinceSeal()).isEqualTo(3);
            final EngineConfig config = EngineConfig.defaults();
            assertThat(resumed.seal(new ClearingEngine(config, EventSink.NONE), 1).header().commandsHash())
                .isEqualTo(live.seal(new ClearingEngine(config, EventSink.NONE), 1).header().commandsHash());
        }
    }

    private static byte[] record(final int i)
    {
        return ("record " + i).getBytes(StandardCharsets.UTF_8);
    }
}
