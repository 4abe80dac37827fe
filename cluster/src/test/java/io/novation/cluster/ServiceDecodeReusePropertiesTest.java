package io.novation.cluster;

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
import java.util.List;

import static io.novation.cluster.PairedLoad.DEPOSITS;
import static io.novation.cluster.PairedLoad.NOW;
import static io.novation.cluster.PairedLoad.ORDERS;
import static io.novation.cluster.PairedLoad.PAIRS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member that reuses decoded orders ({@link OrderCache}) and gives commands their stamped time at decode keeps the
 * same replicated state as one that decodes every command afresh: the same log messages (random fills of a few
 * order pairs, fills whose maker differs from a cached order only in its signature, fills with explicit times, in the
 * past or ahead, deposits, in requests of one to three commands and messages of one to four requests) give the same
 * answers byte for byte, the same journal records and the same state root.
 */
class ServiceDecodeReusePropertiesTest
{
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
                reusingRoot = reusing.service.engine().stateRoot();
                freshRoot = fresh.service.engine().stateRoot();
                reusingAnswers = reusing.egress;
                freshAnswers = fresh.egress;
                assertThat(reusing.service.appliedSequence()).isEqualTo(fresh.service.appliedSequence());
            }
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

    @Provide
    Arbitrary<List<Integer>> operations()
    {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list();
    }

    private static ClusterProtocol.Entry entry(final int operation)
    {
        final int kind = operation % 6;
        final int value = operation / 6;
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
            default -> new ClusterProtocol.Entry(new SettleTrade(value, 0, pair[0], pair[1], Participants.STEP,
                price), false, 0);
        };
    }
}
