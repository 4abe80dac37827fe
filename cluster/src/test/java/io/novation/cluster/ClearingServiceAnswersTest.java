package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Order;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's acknowledgement path without Aeron: requests batched into one log message are applied once and
 * answered together, and the same batch resent (what a gateway does after a leader change) gets the same answers,
 * byte for byte, from the windows, without being applied again.
 */
class ClearingServiceAnswersTest
{
    private static final long GATEWAY = 77;
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    private final Participants participants = new Participants(4);
    private ServiceHarness harness;
    private ClearingService service;

    @BeforeEach
    void start()
    {
        harness = new ServiceHarness(new ClearingService(Participants.ENGINE,
            NodeConfig.defaults().withDataDir(dataDir)));
        service = harness.service;
    }

    @AfterEach
    void close()
    {
        harness.close();
    }

    private static byte[] submit(final long requestId, final List<ClusterProtocol.Entry> entries)
    {
        final BinaryWriter out = new BinaryWriter(256);
        ClusterProtocol.startSubmit(out, GATEWAY, requestId);
        entries.forEach(entry -> ClusterProtocol.putEntry(out, entry));
        ClusterProtocol.finishSubmit(out, entries.size());
        return out.toBytes();
    }

    private byte[] deliver(final byte[] message, final long time)
    {
        harness.egress.clear();
        harness.deliver(message, time);
        assertThat(harness.egress).as("one egress message").hasSize(1);
        return harness.egress.get(0);
    }

    private byte[] deliverBatch(final List<byte[]> requests, final long firstRequestId, final long time)
    {
        final IngressBatch batch = new IngressBatch(64, 1 << 20);
        for (int i = 0; i < requests.size(); i++)
        {
            assertThat(batch.tryAdd(firstRequestId + i, requests.get(i))).isTrue();
        }
        final byte[] message = new byte[batch.length()];
        batch.finish().getBytes(0, message);
        return deliver(message, time);
    }

    @Test
    void shouldAnswerAResentBatchWithItsFirstAnswersWithoutApplyingItAgain()
    {
        final byte[] genesis = submit(1, participants.genesis(NOW));
        final byte[] genesisAnswer = deliver(genesis, NOW);
        final Order[] orders = participants.orders(0, 1, true, 10, NOW);
        final List<byte[]> requests = List.of(
            submit(2, List.of(participants.fill(orders, 60_000), participants.fill(orders, 60_001))),
            submit(3, List.of(participants.deposit(2, 10))),
            submit(4, List.of(participants.fill(orders, 59_999))));
        final byte[] answers = deliverBatch(requests, 2, NOW + 1);
        final long applied = service.appliedSequence();

        final BinaryReader in = new BinaryReader(answers);
        assertThat(in.getUnsignedByte()).isEqualTo(ClusterProtocol.ANSWERS);
        assertThat(in.getInt()).isEqualTo(3);
        long sequence = 0;
        for (int request = 2; request <= 4; request++)
        {
            final BinaryReader answer = new BinaryReader(in.getBytes(in.getInt()));
            assertThat(answer.getUnsignedByte()).isEqualTo(ClusterProtocol.OUTCOMES);
            assertThat(answer.getLong()).isEqualTo(request);
            for (final ClusterProtocol.Outcome outcome : ClusterProtocol.readOutcomes(answer))
            {
                assertThat(outcome.status()).as("outcome %s", outcome).isEqualTo(ClusterProtocol.APPLIED);
                assertThat(outcome.sequence()).isGreaterThan(sequence);
                sequence = outcome.sequence();
            }
        }
        assertThat(sequence).isEqualTo(applied);

        assertThat(deliverBatch(requests, 2, NOW + 2)).as("the resent batch").isEqualTo(answers);
        assertThat(deliver(genesis, NOW + 3)).as("a resent request")
            .isEqualTo(genesisAnswer);
        assertThat(service.appliedSequence()).as("nothing applied again").isEqualTo(applied);
        assertThat(service.engine().state().sequence()).isEqualTo(applied);
    }
}
