package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.Deposit;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventLog;
import io.novation.node.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencedEngineTest
{
    private static final Address OWNER = Address.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20});

    @TempDir
    Path journalDir;

    @Test
    void shouldAcceptALogReplayedOverItsOwnJournal()
    {
        writeJournal();
        try (Journal journal = Journal.open(journalDir))
        {
            final SequencedEngine replaying = sequencedOver(journal);

            replaying.sequence(deposit(1), false, 0, false);
            replaying.sequence(deposit(2), false, 0, false);

            assertThat(journal.lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseToReplayAnotherCommandOverAJournaledSequence()
    {
        writeJournal();
        try (Journal journal = Journal.open(journalDir))
        {
            final SequencedEngine replaying = sequencedOver(journal);
            replaying.sequence(deposit(1), false, 0, false);

            assertThatThrownBy(() -> replaying.sequence(deposit(3), false, 0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sequence 2 is not the command this member's journal holds");
        }
    }

    private void writeJournal()
    {
        try (Journal journal = Journal.open(journalDir))
        {
            final SequencedEngine first = sequencedOver(journal);
            first.sequence(deposit(1), false, 0, false);
            first.sequence(deposit(2), false, 0, false);
            journal.commit();
        }
    }

    private static SequencedEngine sequencedOver(final Journal journal)
    {
        final EventLog events = new EventLog();
        return new SequencedEngine(new ClearingEngine(EngineConfig.defaults(), events), events,
            new SequencingPolicy(() -> 1_000_000L, 5_000, BatchSchedule.never(), 0, 0), journal);
    }

    private static Deposit deposit(final long id)
    {
        return new Deposit(0, OWNER, 0, 0, 1_000_000, id);
    }
}
