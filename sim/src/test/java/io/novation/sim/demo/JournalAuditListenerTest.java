package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.BatchSchedule;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.SequencedEngine;
import io.novation.node.sequencer.SequencingPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal audit's one way of letting the rest of the demo read the replay: a {@link ReplayListener} registered
 * once hears every record of a small journal in sequence, with the events the live engine raised, the window's
 * minutes, the sealed batch and the end; a claimed event stays out of the audit's own figures.
 */
class JournalAuditListenerTest
{
    private static final EngineConfig CONFIG = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);
    private static final Address OWNER = Address.of(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6, 7,
        8, 9, 10});
    private static final int MINUTES = 3;

    @TempDir
    Path dir;

    private final List<CommandOutcome> outcomes = new ArrayList<>();
    private final long[] now = {0};
    private SealedBatch sealed;
    private String sealRoot;
    private String liveRoot;

    /** Minute 0: a deposit and a withdrawal; minute 1: a withdrawal beyond the balance and a seal; 2: a deposit. */
    @BeforeEach
    void writeJournal()
    {
        final EventLog events = new EventLog();
        final ClearingEngine live = new ClearingEngine(CONFIG, events);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            final SequencedEngine sequenced = new SequencedEngine(live, events, new SequencingPolicy(() -> now[0],
                60_000, new BatchSchedule(3, 0, 0), 0, 0), journal);
            now[0] = 1_000;
            outcomes.add(sequenced.sequence(new Deposit(0, OWNER, 0, 0, 5_000_000, 1), false, 0, true));
            now[0] = 30_000;
            outcomes.add(sequenced.sequence(new Withdraw(0, OWNER, 0, 0, 2_000_000, 1, null), false, 0, true));
            now[0] = 70_000;
            outcomes.add(sequenced.sequence(new Withdraw(0, OWNER, 0, 0, 9_000_000, 2, null), false, 0, true));
            sealed = sequenced.seal();
            sealRoot = Hex.encode(live.stateRoot());
            now[0] = 150_000;
            outcomes.add(sequenced.sequence(new Deposit(0, OWNER, 0, 0, 1_000_000, 2), false, 0, true));
            journal.commit();
        }
        liveRoot = Hex.encode(live.stateRoot());
        assertThat(outcomes).extracting(CommandOutcome::applied).containsExactly(true, true, false, true);
    }

    @Test
    void shouldTellOneListenerEveryRecordInSequenceWithItsEventsMinutesBatchAndEnd()
    {
        final Recorder recorder = new Recorder();
        final JournalAudit audit = audit().listen(recorder).run(dir.resolve("journal"), List.of(batch()), liveRoot);

        final List<String> expected = new ArrayList<>();
        expected.add("before 1 Deposit");
        events(expected, 1, outcomes.get(0));
        expected.add("after 1 true");
        expected.add("before 2 Withdraw");
        events(expected, 2, outcomes.get(1));
        expected.add("after 2 true");
        expected.add("minute 0");
        expected.add("before 3 Withdraw");
        events(expected, 3, outcomes.get(2));
        expected.add("after 3 false");
        expected.add("before 4 SealBatch");
        expected.add("event 4 " + Event.BatchSealed.class.getSimpleName());
        expected.add("batch 1 at 4");
        expected.add("after 4 true");
        expected.add("minute 1");
        expected.add("before 5 Deposit");
        events(expected, 5, outcomes.get(3));
        expected.add("after 5 true");
        expected.add("minute 2");
        expected.add("finished 5");
        assertThat(recorder.seen).containsExactlyElementsOf(expected);
        assertThat(audit.failures()).isEmpty();
        assertThat(audit.commands()).isEqualTo(5);
        assertThat(audit.batchesChecked()).isEqualTo(1);
        assertThat(audit.listener(Recorder.class)).isSameAs(recorder);
        assertThat(audit.waterfall()).isNull();
    }

    @Test
    void shouldCallListenersInTheOrderRegistered()
    {
        final List<String> order = new ArrayList<>();
        final ReplayListener first = new ReplayListener()
        {
            @Override
            public void afterCommand(final long sequence, final Command command, final boolean applied,
                final ClearingEngine engine)
            {
                order.add("first " + sequence);
            }
        };
        final ReplayListener second = new ReplayListener()
        {
            @Override
            public void afterCommand(final long sequence, final Command command, final boolean applied,
                final ClearingEngine engine)
            {
                order.add("second " + sequence);
            }
        };
        audit().listen(first).listen(second).run(dir.resolve("journal"), List.of(batch()), liveRoot);

        assertThat(order).containsExactly("first 1", "second 1", "first 2", "second 2", "first 3", "second 3",
            "first 4", "second 4", "first 5", "second 5");
    }

    @Test
    void shouldLeaveAClaimedEventOutOfTheAuditsFiguresButStillTellTheListener()
    {
        final JournalAudit unclaimed = audit().run(dir.resolve("journal"), List.of(batch()), liveRoot);
        final Recorder claimant = new Recorder()
        {
            @Override
            public boolean claims(final Event event)
            {
                return event instanceof Event.Rejected;
            }
        };
        final JournalAudit claimed = audit().listen(claimant).run(dir.resolve("journal"), List.of(batch()), liveRoot);

        assertThat(unclaimed.rejections()).containsEntry(outcomes.get(2).code(), 1L);
        assertThat(claimed.rejections()).isEmpty();
        assertThat(claimant.seen).anyMatch(line -> line.startsWith("event 3 Rejected"));
        assertThat(claimed.finalRoot()).isEqualTo(unclaimed.finalRoot()).isEqualTo(liveRoot);
    }

    @Test
    void shouldAddTheFailuresAListenerFindsAtTheEndToTheAudits()
    {
        final ReplayListener strict = new ReplayListener()
        {
            @Override
            public void onFinished(final ClearingEngine engine, final List<String> failures)
            {
                failures.add("strict: " + engine.state().sequence());
            }
        };
        final JournalAudit audit = audit().listen(strict).run(dir.resolve("journal"), List.of(batch()), liveRoot);

        assertThat(audit.failures()).containsExactly("strict: 5");
    }

    private JournalAudit audit()
    {
        return new JournalAudit(CONFIG, 0, 0, MINUTES, OWNER, (oracle, time) -> 0);
    }

    private BatchSealer.Batch batch()
    {
        return new BatchSealer.Batch(1, 70_000, sealed.sequence(), sealRoot, true);
    }

    private static void events(final List<String> expected, final long sequence, final CommandOutcome outcome)
    {
        assertThat(outcome.events()).isNotEmpty();
        for (final Event event : outcome.events())
        {
            expected.add("event " + sequence + " " + event.getClass().getSimpleName());
        }
    }

    /** Writes down everything it hears. */
    private static class Recorder implements ReplayListener
    {
        final List<String> seen = new ArrayList<>();

        @Override
        public void beforeCommand(final long sequence, final Command command, final ClearingEngine engine)
        {
            assertThat(engine.state().sequence()).isEqualTo(sequence - 1);
            seen.add("before " + sequence + " " + command.getClass().getSimpleName());
        }

        @Override
        public void onEvent(final long sequence, final Event event, final ClearingEngine engine)
        {
            seen.add("event " + sequence + " " + event.getClass().getSimpleName());
        }

        @Override
        public void afterCommand(final long sequence, final Command command, final boolean applied,
            final ClearingEngine engine)
        {
            assertThat(engine.state().sequence()).isEqualTo(sequence);
            seen.add("after " + sequence + " " + applied);
        }

        @Override
        public void onMinuteEnd(final int minute, final ClearingState state)
        {
            seen.add("minute " + minute);
        }

        @Override
        public void onBatchSealed(final BatchSealer.Batch batch, final ClearingEngine engine)
        {
            assertThat(Hex.encode(engine.stateRoot())).isEqualTo(batch.stateRoot());
            seen.add("batch " + batch.number() + " at " + engine.state().sequence());
        }

        @Override
        public void onFinished(final ClearingEngine engine, final List<String> failures)
        {
            seen.add("finished " + engine.state().sequence());
        }
    }
}
