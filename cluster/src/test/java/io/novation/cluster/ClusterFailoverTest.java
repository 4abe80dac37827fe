package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Deposit;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members, each a separate JVM on loopback, a client in this JVM that keeps signed commands in flight; the
 * leader is killed with SIGKILL under load; a new leader is elected, the client resends what was unanswered, and the
 * old leader restarts from its snapshot and catches up. Every answered command must be applied exactly once (the
 * answered sequences are exactly 1..N), and every member must report the state root of a single engine that applies
 * the answered commands in sequence order at their answered times. The gateway batches (its default): requests waiting
 * together, resends included, go in one cluster message.
 */
@Tag("cluster")
class ClusterFailoverTest
{
    private static final int TRADERS = 40;
    /** The mark files of a killed member stay "active" for 10 s (Aeron's liveness timeout). */
    private static final long MARK_FILE_LIVENESS_MS = 10_500;

    @TempDir
    Path dir;

    @Test
    void shouldApplyEveryAnsweredCommandOnceWhenTheLeaderIsKilledUnderLoad() throws Exception
    {
        // Without batches, so that the answered sequences are exactly 1..N.
        try (ClusterProcesses cluster = new ClusterProcesses(dir, 3, List.of("--snapshot-every", "2000",
            "--seal-every", "0", "--seal-every-ms", "0"));
            ClusterClient client = cluster.startWithClient())
        {
            final ClusterGateway gateway = client.gateway();
            final Participants participants = new Participants(TRADERS);
            final ClusterLoad load = new ClusterLoad(gateway, participants, TRADERS, 4, 16);
            final ClusterLoad.Request genesis = load.sendAndWait(participants.genesis(System.currentTimeMillis()),
                30_000);
            assertThat(genesis.outcomes()).allMatch(o -> o.status() == ClusterProtocol.APPLIED, "genesis applied");

            final long loadStart = System.nanoTime();
            final long applied = genesis.entries.size();
            load.run(() -> System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(4) ||
                ClusterLoad.countCommands(load.requests(), 0, Long.MAX_VALUE) < 3_000 + applied);
            final long beforeKill = System.nanoTime();
            final long[] steady = ClusterLoad.latencyMicros(load.requests(), loadStart, beforeKill, 0.5, 0.99);
            final long steadyCommands = ClusterLoad.countCommands(load.requests(), loadStart, beforeKill);

            final int leader = leader(cluster, gateway);
            final long killedAt = System.nanoTime();
            cluster.kill(leader);
            // Load for at least the mark file's liveness, and on until a command sent after the kill is answered (the
            // new leader took over) on a slow machine; a cluster that never fails over fails at the deadline.
            final long noFailoverNanos = TimeUnit.SECONDS.toNanos(60);
            load.run(() -> System.nanoTime() - killedAt < TimeUnit.MILLISECONDS.toNanos(MARK_FILE_LIVENESS_MS) ||
                System.nanoTime() - killedAt < noFailoverNanos && !load.answeredAnySentSince(killedAt));
            final int newLeader = gateway.leaderMemberId();
            assertThat(newLeader).isNotEqualTo(leader).isBetween(0, 2);
            final long failoverMs = (load.requests().stream().filter(r -> r.sentNanos >= killedAt)
                .mapToLong(r -> r.answeredNanos).filter(t -> t != 0).min().orElseThrow() - killedAt) / 1_000_000;

            cluster.start(leader);
            final long restartedAt = System.nanoTime();
            load.run(() -> System.nanoTime() - restartedAt < TimeUnit.SECONDS.toNanos(3));
            load.drain(60_000);
            cluster.awaitHealthy(leader, 60_000);

            final ClearingEngine replay = new ClearingEngine(Participants.ENGINE, EventSink.NONE);
            final List<Object[]> answered = new ArrayList<>();
            long rejected = 0;
            for (final ClusterLoad.Request request : load.requests())
            {
                final List<ClusterProtocol.Outcome> outcomes = request.outcomes();
                assertThat(outcomes).hasSize(request.entries.size());
                for (int i = 0; i < outcomes.size(); i++)
                {
                    assertThat(outcomes.get(i).status()).as("outcome %s", outcomes.get(i))
                        .isNotEqualTo(ClusterProtocol.REFUSED);
                    rejected += outcomes.get(i).status() == ClusterProtocol.REJECTED ? 1 : 0;
                    answered.add(new Object[] {request.entries.get(i), outcomes.get(i)});
                }
            }

            // One command through a follower's HTTP API, as a gateway client would send it.
            final int follower = (newLeader + 1) % 3 == leader ? (newLeader + 2) % 3 : (newLeader + 1) % 3;
            final Deposit deposit = new Deposit(0, Participants.address("trader-0"), 0, 0, 5 * Participants.USDC,
                1_000_000_000L);
            final ObjectNode json = CommandEncoder.withAuthority(new CommandEncoder(replay.state()).encode(deposit,
                false), 0, Authority.sign(participants.domain, 0, deposit, Participants.BRIDGE_KEY));
            final HttpResponse<String> response = cluster.post(follower, "/v1/commands", json.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            final JsonNode result = Json.MAPPER.readTree(response.body());
            answered.add(new Object[] {new ClusterProtocol.Entry(deposit, false, 0), new ClusterProtocol.Outcome(
                ClusterProtocol.APPLIED, 0, result.get("sequence").asLong(), result.get("time").asLong(), null, null)});

            answered.sort(Comparator.comparingLong(a -> ((ClusterProtocol.Outcome)a[1]).sequence()));
            for (int i = 0; i < answered.size(); i++)
            {
                final ClusterProtocol.Entry entry = (ClusterProtocol.Entry)answered.get(i)[0];
                final ClusterProtocol.Outcome outcome = (ClusterProtocol.Outcome)answered.get(i)[1];
                assertThat(outcome.sequence()).as("answered sequences are 1..N, each once").isEqualTo(i + 1);
                assertThat(replay.apply(entry.command().withTime(outcome.time())))
                    .isEqualTo(outcome.status() == ClusterProtocol.APPLIED);
            }
            assertThat(gateway.messagesSent()).as("requests were batched").isLessThan(load.requests().size());
            final String expectedRoot = Hex.encode(replay.stateRoot());
            final ClusterGateway.RootAnswer root = gateway.root().get(30, TimeUnit.SECONDS);
            assertThat(root.sequence()).isEqualTo(answered.size());
            assertThat(Hex.encode(root.root())).isEqualTo(expectedRoot);
            for (int member = 0; member < 3; member++)
            {
                final JsonNode state = cluster.awaitSequence(member, answered.size(), 60_000);
                assertThat(state.get("sequence").asLong()).as("member %d", member).isEqualTo(answered.size());
                assertThat(state.get("stateRoot").asText()).as("member %d", member).isEqualTo(expectedRoot);
            }
            assertThat(Files.readString(cluster.log(leader))).contains("restored from snapshot at sequence");
            final long restoreNanos = cluster.state(leader).get("cluster").get("restoreNanos").asLong();
            assertThat(restoreNanos).as("the restarted member timed its snapshot's load").isPositive();
            System.out.printf("member %d loaded its snapshot in %.1f ms%n", leader, restoreNanos / 1e6);

            System.out.printf("cluster: %d commands answered (%d rejected by the engine), %d resent after the " +
                "leader change; steady state before the kill: %.0f commands/s, p50 %d µs, p99 %d µs per request of " +
                "4 commands with 16 in flight; leader %d killed, member %d took over, first command committed %d ms " +
                "after the kill; %d requests in %d ingress messages%n", answered.size(), rejected, gateway.resent(),
                steadyCommands * 1e9 / (beforeKill - loadStart), steady[0], steady[1], leader, newLeader, failoverMs,
                load.requests().size(), gateway.messagesSent());
            for (int member = 0; member < 3; member++)
            {
                // A JVM that ran its shutdown hooks on SIGTERM exits with 128 + 15.
                assertThat(cluster.stop(member)).as("member %d exits on SIGTERM", member).isIn(0, 143);
                assertThat(Files.readString(cluster.log(member))).contains("novation node: stopped");
            }
        }
    }

    /** The member that says it leads and that the client sends to (a busy machine may elect again meanwhile). */
    private static int leader(final ClusterProcesses cluster, final ClusterGateway gateway) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline)
        {
            final int member = gateway.leaderMemberId();
            if (member >= 0 && "leader".equals(cluster.state(member).get("cluster").get("role").asText()))
            {
                return member;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader agreed on within 20 s");
    }
}
