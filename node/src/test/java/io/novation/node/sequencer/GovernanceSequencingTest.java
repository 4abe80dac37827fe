package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryReader;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.node.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequencer applies a scheduled risk parameter change as its own journaled command before the first command
 * stamped at or after its effective time, or when idle past it; replaying the journal reaches the same root.
 */
class GovernanceSequencingTest
{
    private static final long START = 1_760_054_400_000L;
    private static final long HOUR = GovernanceDelays.HOUR_MS;
    private static final Address OWNER = Address.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20});

    @TempDir
    Path journalDir;

    private final AtomicLong clock = new AtomicLong(START);
    private final EventLog events = new EventLog();
    private final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), events);

    private SequencedEngine sequencedOver(final Journal journal)
    {
        return new SequencedEngine(engine, events, new SequencingPolicy(clock::get, 5_000, BatchSchedule.never(),
            0, 0), journal);
    }

    private static LiquidityTierChange tier(final long initialMarginPpm)
    {
        return new LiquidityTierChange(0, initialMarginPpm, 600_000, 0, 0, 0);
    }

    @Test
    void shouldApplyADueChangeAsItsOwnJournaledCommandBeforeTheNextCommand()
    {
        try (Journal journal = Journal.open(journalDir))
        {
            final SequencedEngine sequenced = sequencedOver(journal);
            sequenced.sequence(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
                LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE), false, 0, false);
            final CommandOutcome scheduled = sequenced.sequence(new SetRiskParameters(0, 1, START + HOUR, tier(60_000)),
                false, 1, false);
            assertThat(scheduled.applied()).isTrue();

            clock.set(START + HOUR - 1);
            assertThat(sequenced.sequence(new Deposit(0, OWNER, 0, 0, 1_000_000, 1), false, 0, false).sequence())
                .isEqualTo(3);
            assertThat(engine.state().governance().pendingCount()).isEqualTo(1);

            clock.set(START + HOUR + 5);
            final CommandOutcome deposit = sequenced.sequence(new Deposit(0, OWNER, 0, 0, 1_000_000, 2), false, 0,
                true);

            assertThat(deposit.sequence()).as("the application took sequence 4").isEqualTo(5);
            assertThat(engine.state().markets().perpetual(0).liquidityTier().initialMarginPpm()).isEqualTo(60_000);
            assertThat(deposit.events()).noneMatch(e -> e instanceof Event.RiskParametersApplied);
            assertThat(events.events()).anyMatch(e -> e instanceof Event.RiskParametersApplied applied &&
                applied.sequence() == 4 && applied.changeId() == 1);
            journal.commit();

            final List<Command> journaled = new ArrayList<>();
            journal.replay(0, journal.lastSequence(), (sequence, buffer, offset, length) -> journaled.add(
                JournalPayload.read(new BinaryReader(Arrays.copyOfRange(buffer, offset, offset + length)))
                    .command()));
            assertThat(journaled.get(3)).isEqualTo(new ApplyRiskParameters(START + HOUR, 1));

            final ClearingEngine replayed = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
            journaled.forEach(command -> assertThat(replayed.apply(command)).isTrue());
            assertThat(replayed.stateRoot()).isEqualTo(engine.stateRoot());
        }
    }

    @Test
    void shouldApplyADueChangeWhenIdle()
    {
        try (Journal journal = Journal.open(journalDir))
        {
            final SequencedEngine sequenced = sequencedOver(journal);
            sequenced.sequence(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
                LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE), false, 0, false);
            sequenced.sequence(new SetRiskParameters(0, 1, START + HOUR, tier(60_000)), false, 1, false);

            clock.set(START + HOUR - 1);
            assertThat(sequenced.applyDueChangesWhenIdle()).isZero();
            clock.set(START + HOUR + 10);
            assertThat(sequenced.applyDueChangesWhenIdle()).isEqualTo(1);

            assertThat(engine.state().time()).isEqualTo(START + HOUR);
            assertThat(sequenced.policy().lastTime()).isEqualTo(START + HOUR);
            assertThat(journal.lastSequence()).isEqualTo(3);
            assertThat(engine.state().governance().pendingCount()).isZero();
        }
    }
}
