package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.novation.cluster.PairedLoad.DEPOSITS;
import static io.novation.cluster.PairedLoad.NOW;
import static io.novation.cluster.PairedLoad.ORDERS;
import static io.novation.cluster.PairedLoad.PAIRS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member that reuses decoded orders ({@link OrderCache}), gives commands their stamped time at decode and holds
 * fills as their fields ({@link SubmitDecoder}, settled and journaled without a record) keeps the same replicated
 * state as one that decodes every command afresh into records: the same log messages (random fills of a few order
 * pairs, fills whose maker differs from a cached order only in its signature, fills with explicit times, in the past,
 * ahead or beyond the future bound, fills the engine rejects (overfilled, no maker), fills the sequencer refuses (an
 * authority nonce), deposits, in requests of one to three commands and messages of one to four requests, then a
 * message of requests that do not decode between requests that do) give the same answers byte for byte, the same
 * journal records and the same state root.
 */
class ServiceDecodeReusePropertiesTest
{
    /** Where the first command's frame starts in a SUBMIT (header, then explicit flag, nonce and length). */
    private static final int COMMAND_AT = 34;

    @Property(tries = 40)
    void shouldKeepTheSameAnswersJournalAndStateRootAsAFreshDecode(
        @ForAll("operations") @Size(min = 1, max = 60) final List<Integer> operations, @ForAll final long grouping)
        throws IOException
    {
        final List<byte[]> messages =
            PairedLoad.messages(operations, grouping, ServiceDecodeReusePropertiesTest::entry);
        final Path reusingDir = Files.createTempDirectory("novation-reuse");
        final Path freshDir = Files.createTempDirectory("novation-fresh");
        try
        {
            final byte[] reusingRoot;
            final byte[] freshRoot;
            final List<byte[]> reusingAnswers;
            final List<byte[]> freshAnswers;
            try (ServiceHarness reusing = ServiceHarness.start(reusingDir, true);
                ServiceHarness fresh = ServiceHarness.start(freshDir, false))
            {
                for (int i = 0; i < messages.size(); i++)
                {
                    reusing.deliver(messages.get(i), NOW + i);
                    fresh.deliver(messages.get(i), NOW + i);
                }
                final byte[] malformed = malformed(operations.get(0));
                reusing.deliver(malformed, NOW + messages.size());
                fresh.deliver(malformed, NOW + messages.size());
                reusingRoot = reusing.service.engine().stateRoot();
                freshRoot = fresh.service.engine().stateRoot();
                reusingAnswers = reusing.egress;
                freshAnswers = fresh.egress;
                assertThat(reusing.service.appliedSequence()).isEqualTo(fresh.service.appliedSequence());
            }
            assertMalformedRefusedWhole(reusingAnswers.get(reusingAnswers.size() - 1));
            assertThat(reusingAnswers).hasSameSizeAs(freshAnswers);
            for (int i = 0; i < freshAnswers.size(); i++)
            {
                assertThat(reusingAnswers.get(i)).as("egress message %d", i).isEqualTo(freshAnswers.get(i));
            }
            assertThat(ServiceHarness.journalRecords(reusingDir))
                .containsExactlyElementsOf(ServiceHarness.journalRecords(freshDir));
            assertThat(reusingRoot).isEqualTo(freshRoot);
        }
        finally
        {
            ServiceHarness.deleteTree(reusingDir);
            ServiceHarness.deleteTree(freshDir);
        }
    }

    /**
     * The answers to {@link #malformed}'s message: each request that does not decode refused whole (one outcome,
     * {@code INVALID_COMMAND}, status 400, no sequence), each that decodes sequenced (applied or rejected, not refused).
     */
    private static void assertMalformedRefusedWhole(final byte[] answers)
    {
        final BinaryReader in = new BinaryReader(answers);
        assertThat(in.getUnsignedByte()).isEqualTo(ClusterProtocol.ANSWERS);
        final int count = in.getInt();
        assertThat(count).as("answers to the malformed message's requests").isEqualTo(6);
        final boolean[] decodes = {false, true, false, false, true, true};
        for (int i = 0; i < count; i++)
        {
            in.getInt();
            assertThat(in.getUnsignedByte()).isEqualTo(ClusterProtocol.OUTCOMES);
            in.getLong();
            final List<ClusterProtocol.Outcome> outcomes = ClusterProtocol.readOutcomes(in);
            assertThat(outcomes).as("outcomes of request %d", i).hasSize(1);
            final ClusterProtocol.Outcome outcome = outcomes.get(0);
            if (decodes[i])
            {
                assertThat(outcome.status()).as("request %d: %s", i, outcome).isNotEqualTo(ClusterProtocol.REFUSED);
                assertThat(outcome.sequence()).as("request %d sequenced", i).isPositive();
            }
            else
            {
                assertThat(outcome).as("request %d", i).extracting(ClusterProtocol.Outcome::status,
                    ClusterProtocol.Outcome::httpStatus, ClusterProtocol.Outcome::sequence,
                    ClusterProtocol.Outcome::code).containsExactly(ClusterProtocol.REFUSED, 400, 0L, "INVALID_COMMAND");
            }
        }
    }

    /**
     * A last log message of requests that do not decode (a fill with an unknown encoding version, one shorter than
     * its declared length, one cut short) between requests that do, each refused whole.
     */
    private static byte[] malformed(final int seed)
    {
        final int operation = seed % 1_000;
        final long first = 1_000_000;
        final byte[] badVersion = ServiceHarness.submit(first + 1, List.of(entry(operation * 10), entry(0)));
        badVersion[COMMAND_AT] = 9;
        final byte[] valid = ServiceHarness.submit(first + 2, List.of(entry(operation * 10 + 1)));
        final byte[] fill = ServiceHarness.submit(first + 3, List.of(entry(operation * 10 + 2)));
        final byte[] longer = Arrays.copyOf(fill, fill.length + 1);
        BinaryWriter.putIntAt(longer, COMMAND_AT - 4, BinaryReader.getIntAt(fill, COMMAND_AT - 4) + 1);
        final byte[] cut = Arrays.copyOf(fill, fill.length - 4);
        BinaryWriter.putIntAt(cut, 17, 1);
        BinaryWriter.putIntAt(cut, COMMAND_AT - 4, BinaryReader.getIntAt(fill, COMMAND_AT - 4) - 4);
        final byte[] last = ServiceHarness.submit(first + 6, List.of(entry(operation * 10 + 3)));
        final byte[][] requests = {badVersion, valid, longer, renumber(cut, first + 4), renumber(fill, first + 5),
            last};
        return ServiceHarness.batch(List.of(requests), first + 1);
    }

    private static byte[] renumber(final byte[] request, final long requestId)
    {
        final byte[] copy = request.clone();
        BinaryWriter.putLongAt(copy, 9, requestId);
        return copy;
    }

    @Provide
    Arbitrary<List<Integer>> operations()
    {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list();
    }

    private static ClusterProtocol.Entry entry(final int operation)
    {
        final int kind = operation % 10;
        final int value = operation / 10;
        final Order[] pair = ORDERS[value % PAIRS];
        final long price = (60_000 + value % 21 - 10) * Participants.USD;
        return switch (kind)
        {
            case 3 -> new ClusterProtocol.Entry(new SettleTrade(0, 0,
                pair[0].withSignature(ORDERS[(value + 1) % PAIRS][0].signature()), pair[1], Participants.STEP,
                price),
                false, 0);
            case 4 -> DEPOSITS.get(value % DEPOSITS.size());
            case 5 -> new ClusterProtocol.Entry(new SettleTrade(NOW + value % 200 - 50, 0, pair[0], pair[1],
                Participants.STEP, price), true, 0);
            // Rejected by the engine: more than the orders' size, or a maker missing.
            case 6 -> new ClusterProtocol.Entry(new SettleTrade(0, 0, pair[0], pair[1], 2_000 * Participants.STEP,
                price), false, 0);
            case 7 -> new ClusterProtocol.Entry(new SettleTrade(0, 0, null, pair[1], Participants.STEP, price),
                false, 0);
            // Refused by the sequencer: an authority nonce on a fill, an explicit time beyond the future bound.
            case 8 -> new ClusterProtocol.Entry(new SettleTrade(0, 0, pair[0], pair[1], Participants.STEP, price),
                false, 1 + value);
            case 9 -> new ClusterProtocol.Entry(new SettleTrade(NOW + 10_000_000, 0, pair[0], pair[1],
                Participants.STEP, price), true, 0);
            default -> new ClusterProtocol.Entry(new SettleTrade(value, 0, pair[0], pair[1], Participants.STEP,
                price), false, 0);
        };
    }
}
