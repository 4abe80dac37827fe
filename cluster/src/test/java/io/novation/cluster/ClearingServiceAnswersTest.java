package io.novation.cluster;

import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Order;
import io.novation.node.server.NodeConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private final List<byte[]> egress = new ArrayList<>();
    private ClearingService service;
    private ClientSession session;

    @BeforeEach
    void start()
    {
        service = new ClearingService(Participants.ENGINE, NodeConfig.defaults().withDataDir(dataDir));
        final Cluster cluster = (Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[] {Cluster.class}, (proxy, method, args) -> switch (method.getName())
            {
                case "idleStrategy" -> NoOpIdleStrategy.INSTANCE;
                case "timeUnit" -> TimeUnit.MILLISECONDS;
                case "scheduleTimer" -> true;
                case "hashCode" -> 0;
                default -> method.getReturnType() == boolean.class ? false :
                    method.getReturnType() == long.class ? 0L : method.getReturnType() == int.class ? 0 : null;
            });
        session = (ClientSession)Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
            new Class<?>[] {ClientSession.class}, (proxy, method, args) ->
            {
                if (method.getName().equals("offer") && args.length == 3 && args[0] instanceof DirectBuffer buffer)
                {
                    final byte[] bytes = new byte[(int)args[2]];
                    buffer.getBytes((int)args[1], bytes);
                    egress.add(bytes);
                    return 1L;
                }
                return method.getReturnType() == long.class ? 0L : null;
            });
        service.onStart(cluster, null);
    }

    @AfterEach
    void close()
    {
        service.close();
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
        egress.clear();
        service.onSessionMessage(session, time, new UnsafeBuffer(message), 0, message.length, null);
        assertThat(egress).as("one egress message").hasSize(1);
        return egress.get(0);
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
