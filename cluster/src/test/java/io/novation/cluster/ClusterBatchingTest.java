package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingress batching end to end, three member processes: a client keeps many one-command requests in flight with a
 * small batch byte bound, so that its gateway sends many partial batches (full by bytes) and batches of whatever
 * waits; each request must come back with its own answer, sequences in request order, and every member must hold the
 * root of a single engine that applies the commands one by one.
 */
@Tag("cluster")
class ClusterBatchingTest
{
    private static final int TRADERS = 20;
    private static final int COMMANDS = 3_000;
    /** About ten fills: batches end on the byte bound, not the request count. */
    private static final int BATCH_BYTES = 4_096;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryRequestOfABatchOnItsOwnAndApplyThemInRequestOrder() throws Exception
    {
        try (ClusterProcesses cluster = new ClusterProcesses(dir, 3, List.of("--seal-every", "0",
            "--seal-every-ms", "0"));
            ClusterClient client = cluster.startWithClient(ClusterGateway.DEFAULT_BATCH_REQUESTS, BATCH_BYTES))
        {
            final ClusterGateway gateway = client.gateway();
            final Participants participants = new Participants(TRADERS);
            final ClusterLoad load = new ClusterLoad(gateway, participants, TRADERS, 1, 256);
            load.sendAndWait(participants.genesis(System.currentTimeMillis()), 30_000);
            final long sentBefore = gateway.messagesSent();
            final int requestsBefore = load.requests().size();
            load.run(() -> ClusterLoad.countCommands(load.requests(), 0, Long.MAX_VALUE) < COMMANDS);
            load.drain(60_000);
            final long messages = gateway.messagesSent() - sentBefore;
            final int requests = load.requests().size() - requestsBefore;

            final ClearingEngine replay = new ClearingEngine(Participants.ENGINE, EventSink.NONE);
            long sequence = 0;
            for (final ClusterLoad.Request request : load.requests())
            {
                final List<ClusterProtocol.Outcome> outcomes = request.outcomes();
                assertThat(outcomes).hasSize(request.entries.size());
                for (int i = 0; i < outcomes.size(); i++)
                {
                    final ClusterProtocol.Outcome outcome = outcomes.get(i);
                    assertThat(outcome.status()).as("outcome %s", outcome).isNotEqualTo(ClusterProtocol.REFUSED);
                    assertThat(outcome.sequence()).as("commands applied in request order").isEqualTo(++sequence);
                    assertThat(replay.apply(request.entries.get(i).command().withTime(outcome.time())))
                        .isEqualTo(outcome.status() == ClusterProtocol.APPLIED);
                }
            }
            assertThat(messages).as("requests packed into fewer cluster messages").isLessThan(requests);

            final String expectedRoot = Hex.encode(replay.stateRoot());
            final ClusterGateway.RootAnswer root = gateway.root().get(30, TimeUnit.SECONDS);
            assertThat(root.sequence()).isEqualTo(sequence);
            assertThat(Hex.encode(root.root())).isEqualTo(expectedRoot);
            for (int member = 0; member < 3; member++)
            {
                final JsonNode state = cluster.awaitSequence(member, sequence, 60_000);
                assertThat(state.get("stateRoot").asText()).as("member %d", member).isEqualTo(expectedRoot);
            }
            System.out.printf("cluster batching: %d requests of one command in %d ingress messages (%.1f per " +
                "message, at most %d bytes each)%n", requests, messages, (double)requests / messages, BATCH_BYTES);
        }
    }
}
