package io.novation.node.journal;

import io.novation.core.account.Address;
import io.novation.core.command.Deposit;
import io.novation.core.command.SealBatch;
import io.novation.core.command.Withdraw;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.node.batch.SealedBatch;
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

class JournalReplayerTest
{
    private static final EngineConfig CONFIG = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);
    private static final Address OWNER = Address.of(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6, 7,
        8, 9, 10});

    @TempDir
    Path dir;

    private final List<CommandOutcome> outcomes = new ArrayList<>();
    private SealedBatch sealed;
    private ClearingEngine live;

    @BeforeEach
    void writeJournal()
    {
        final EventLog events = new EventLog();
        live = new ClearingEngine(CONFIG, events);
        try (Journal journal = Journal.open(dir.resolve("journal")))
        {
            final SequencedEngine sequenced = new SequencedEngine(live, events, new SequencingPolicy(() -> 1_000,
                60_000, new BatchSchedule(3, 0, 0), 0, 0), journal);
            outcomes.add(sequenced.sequence(new Deposit(0, OWNER, 0, 0, 5_000_000, 1), false, 0, false));
            outcomes.add(sequenced.sequence(new Withdraw(0, OWNER, 0, 0, 2_000_000, 1, null), false, 0, false));
            outcomes.add(sequenced.sequence(new Withdraw(0, OWNER, 0, 0, 9_000_000, 2, null), false, 0, false));
            assertThat(sequenced.policy().sealDueAfterCommand()).isTrue();
            sealed = sequenced.seal();
            outcomes.add(sequenced.sequence(new Deposit(0, OWNER, 0, 0, 1_000_000, 2), false, 0, false));
            journal.commit();
        }
        assertThat(outcomes).extracting(CommandOutcome::applied).containsExactly(true, true, false, true);
    }

    @Test
    void shouldApplyEveryRecordAndTellObserversAboutEachRecordEventAndBatchInOrder()
    {
        final List<String> seen = new ArrayList<>();
        final ClearingEngine engine = new ClearingEngine(CONFIG, EventSink.NONE);
        final long last = JournalReplayer.applyingTo(engine).observe(new JournalObserver()
        {
            @Override
            public void beforeCommand(final ReplayedRecord record, final ClearingEngine replayed)
            {
                assertThat(replayed.state().sequence()).isEqualTo(record.sequence() - 1);
                seen.add("before " + record.sequence() + " " + record.command().getClass().getSimpleName());
            }

            @Override
            public void onEvent(final ReplayedRecord record, final Event event)
            {
                if (event instanceof Event.Rejected rejected)
                {
                    seen.add("rejected " + record.sequence() + " " + rejected.code().code());
                }
            }

            @Override
            public void onBatch(final ReplayedRecord record, final SealBatch seal,
                final List<PendingWithdrawals.Entry> withdrawals, final boolean applied,
                final Event.Rejected rejection)
            {
                assertThat(new SealedBatch(record.sequence(), seal.header(), withdrawals).toJson())
                    .isEqualTo(sealed.toJson());
                seen.add("batch " + seal.header().batchNumber() + " applied " + applied);
            }

            @Override
            public void afterCommand(final ReplayedRecord record, final boolean applied,
                final ClearingEngine replayed)
            {
                seen.add("after " + record.sequence() + " " + applied);
            }
        }).replay(dir.resolve("journal"), 0, Long.MAX_VALUE);

        assertThat(last).isEqualTo(5);
        assertThat(seen).containsExactly("before 1 Deposit", "after 1 true", "before 2 Withdraw", "after 2 true",
            "before 3 Withdraw", "rejected 3 " + outcomes.get(2).code(), "after 3 false", "before 4 SealBatch",
            "batch 1 applied true", "after 4 true", "before 5 Deposit", "after 5 true");
        assertThat(engine.stateRoot()).isEqualTo(live.stateRoot());
    }

    @Test
    void shouldStopAtTheLastSequenceAskedFor()
    {
        final ClearingEngine engine = new ClearingEngine(CONFIG, EventSink.NONE);
        final String fault = JournalReplayer.applyingTo(engine).replayChecked(dir.resolve("journal"), 3);
        assertThat(fault).isNull();
        assertThat(engine.state().sequence()).isEqualTo(3);
    }

    @Test
    void shouldOnlyDecodeWithoutAnEngine()
    {
        final List<Object> commands = new ArrayList<>();
        JournalReplayer.decodingOnly().observe(new JournalObserver()
        {
            @Override
            public void afterCommand(final ReplayedRecord record, final boolean applied,
                final ClearingEngine engine)
            {
                assertThat(applied).isFalse();
                assertThat(engine).isNull();
                commands.add(record.command());
            }
        }).replay(dir.resolve("journal"), 1, 4);
        assertThat(commands).hasSize(3);
        assertThat(commands.get(2)).isInstanceOf(SealBatch.class);
        assertThat(((SealBatch)commands.get(2)).header().stateRoot()).isEqualTo(sealed.header().stateRoot());
    }
}
