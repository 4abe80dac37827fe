package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.Withdraw;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.journal.Journal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sequencing into the engine's one reused {@link SequencedOutcome} does what the policy's {@link Stamp} says, as the
 * stamping path did: on random deposits and withdrawals with and without explicit times (in the past, ahead within
 * and beyond the bounds) and stray authority nonces, a refusal is the stamp's refusal (code and message) and
 * journals nothing; an admitted command is applied at the stamp's time, journaled as the stamp's command with its
 * nonce, and answered with the engine's sequence and, when rejected, its reason. A twin engine driven through
 * {@link SequencedEngine#sequence} gives the same outcome as a {@link CommandOutcome}, with the command's events.
 */
class SequencedOutcomePropertiesTest
{
    private static final long START = 1_000_000L;
    private static final Address OWNER = Address.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20});

    @Property(tries = 60)
    void shouldAnswerAndJournalAsTheStampSays(@ForAll("operations") @Size(min = 1, max = 40) final List<Integer> ops)
        throws IOException
    {
        final Path inPlaceDir = Files.createTempDirectory("novation-in-place");
        final Path recordDir = Files.createTempDirectory("novation-record");
        final long[] clock = {START};
        try (Journal inPlaceJournal = Journal.open(inPlaceDir); Journal recordJournal = Journal.open(recordDir))
        {
            final EventLog inPlaceEvents = new EventLog();
            final SequencedEngine inPlace = sequenced(inPlaceEvents, inPlaceJournal, clock);
            final EventLog recordEvents = new EventLog();
            final SequencedEngine record = sequenced(recordEvents, recordJournal, clock);
            long depositId = 1;
            for (final int op : ops)
            {
                clock[0] += op % 3;
                final boolean explicit = (op & 8) != 0;
                final long time = explicit ? clock[0] + (op / 16) % 8_000 - 2_000 : 0;
                final Command command = (op & 4) != 0 ? new Withdraw(time, OWNER, 0, 0, 1 + op % 5, depositId, null) :
                    new Deposit(time, OWNER, 0, 0, 1_000 + op % 7, depositId);
                depositId++;
                final long nonce = op % 29 == 0 ? 1 + op % 3 : 0;
                final Stamp stamp = inPlace.policy().stamp(command, explicit, nonce);
                final long journaledBefore = inPlaceJournal.lastSequence();
                final int eventsBefore = inPlaceEvents.size();

                final SequencedOutcome outcome = inPlace.sequenceInPlace(command, explicit, nonce);
                final CommandOutcome twin = record.sequence(command, explicit, nonce, true);

                if (!stamp.admitted())
                {
                    assertThat(outcome.refusal()).isNotNull();
                    assertThat(outcome.code()).isEqualTo(stamp.refusal().code());
                    assertThat(outcome.message()).isEqualTo(stamp.refusal().getMessage());
                    assertThat(outcome.sequence()).isZero();
                    assertThat(inPlaceJournal.lastSequence()).isEqualTo(journaledBefore);
                }
                else
                {
                    assertThat(outcome.refusal()).isNull();
                    assertThat(outcome.time()).isEqualTo(stamp.time());
                    assertThat(outcome.sequence()).isEqualTo(inPlace.engine().state().sequence())
                        .isEqualTo(inPlaceJournal.lastSequence()).isEqualTo(journaledBefore + 1);
                    inPlaceJournal.commit();
                    assertThat(lastRecord(inPlaceJournal)).isEqualTo(payload(stamp.authorityNonce(), stamp.command()));
                    final Event last = inPlaceEvents.last();
                    assertThat(outcome.applied()).isEqualTo(!(last instanceof Event.Rejected));
                    if (last instanceof Event.Rejected rejected && eventsBefore < inPlaceEvents.size())
                    {
                        assertThat(outcome.code()).isEqualTo(rejected.code().code());
                        assertThat(outcome.message()).isEqualTo(rejected.message());
                    }
                }
                assertThat(twin.sequence()).isEqualTo(outcome.sequence());
                assertThat(twin.time()).isEqualTo(outcome.time());
                assertThat(twin.applied()).isEqualTo(outcome.applied());
                assertThat(twin.code()).isEqualTo(outcome.code());
                assertThat(twin.message()).isEqualTo(outcome.message());
                assertThat(twin.refusal() == null).isEqualTo(outcome.refusal() == null);
                assertThat(twin.events()).containsExactlyElementsOf(
                    inPlaceEvents.events().subList(eventsBefore, inPlaceEvents.size()));
            }
            assertThat(inPlace.engine().stateRoot()).isEqualTo(record.engine().stateRoot());
            inPlaceJournal.commit();
            recordJournal.commit();
            assertThat(records(inPlaceJournal)).containsExactlyElementsOf(records(recordJournal));
        }
        finally
        {
            delete(inPlaceDir);
            delete(recordDir);
        }
    }

    @Provide
    Arbitrary<List<Integer>> operations()
    {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list();
    }

    private static SequencedEngine sequenced(final EventLog events, final Journal journal, final long[] clock)
    {
        return new SequencedEngine(new ClearingEngine(EngineConfig.defaults(), events), events,
            new SequencingPolicy(() -> clock[0], 5_000, 1_000, BatchSchedule.never(), START, 0), journal);
    }

    private static String payload(final long nonce, final Command command)
    {
        final BinaryWriter out = new BinaryWriter(256);
        JournalPayload.write(out, nonce, command);
        return HexFormat.of().formatHex(out.buffer(), 0, out.length());
    }

    private static String lastRecord(final Journal journal)
    {
        final String[] last = {null};
        journal.replay(journal.lastSequence() - 1, journal.lastSequence(),
            (sequence, buffer, offset, length) -> last[0] = HexFormat.of().formatHex(buffer, offset, offset + length));
        return last[0];
    }

    private static List<String> records(final Journal journal)
    {
        final List<String> records = new ArrayList<>();
        journal.replay(0, journal.lastSequence(), (sequence, buffer, offset, length) ->
            records.add(sequence + ":" + HexFormat.of().formatHex(buffer, offset, offset + length)));
        return records;
    }

    private static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
