package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.MarketFeesChange;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members, each a separate JVM on loopback and sealing no batches (so that the sequences are the commands'
 * and the changes' alone), with a tightening risk parameter change scheduled a few seconds
 * ahead and no command after it: the governance timer, a log message, applies the change on every member at the
 * same sequence, to the same state root, without waiting for a next command, and each member's journal replays to
 * that root.
 */
@Tag("cluster")
class ClusterGovernanceTimerTest
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void shouldApplyADueChangeOnTheIdleTimerAtTheSameSequenceOnEveryMember() throws Exception
    {
        try (ClusterProcesses cluster = new ClusterProcesses(dir, 3,
            List.of("--seal-every", "0", "--seal-every-ms", "0"));
            ClusterClient client = cluster.startWithClient())
        {
            final ClusterGateway gateway = client.gateway();
            final Participants participants = new Participants(2);
            final long effective = System.currentTimeMillis() + 15_000;
            // Stamped in the past (explicit times), so that the change's one-hour tightening delay ends in seconds.
            final long start = effective - GovernanceDelays.TIGHTEN_MS - 60_000;
            final List<ClusterProtocol.Entry> genesis = new ArrayList<>();
            long time = start;
            for (final ClusterProtocol.Entry entry : participants.genesis(start))
            {
                genesis.add(at(entry, time++));
            }
            submit(gateway, genesis);
            final MarketFeesChange fees = new MarketFeesChange(0, MarketFeesChange.MAX_FEE_PPM,
                MarketFeesChange.MAX_FEE_PPM);
            final long scheduled = submit(gateway, List.of(at(participants.governance(
                new SetRiskParameters(0, 42, effective, fees)), effective - GovernanceDelays.TIGHTEN_MS))).get(0)
                .sequence();
            // The leader answered once it applied the command: it is pending there, and nothing applies it early.
            final int leader = gateway.leaderMemberId();
            assertThat(cluster.state(leader).get("sequence").asLong()).isEqualTo(scheduled);
            assertThat(get(cluster, leader, "/v1/governance/pending").get("pending")).hasSize(1);
            assertThat(get(cluster, leader, "/v1/markets/BTC-USD").get("takerFee").asText()).isNotEqualTo("0.1");

            String root = null;
            for (int member = 0; member < 3; member++)
            {
                final JsonNode state = cluster.awaitSequence(member, scheduled + 1, 60_000);
                assertThat(System.currentTimeMillis()).as("not applied before its time").isGreaterThan(effective);
                assertThat(state.get("sequence").asLong()).as("member %d applied the change alone", member)
                    .isEqualTo(scheduled + 1);
                assertThat(state.get("time").asLong()).isGreaterThanOrEqualTo(effective);
                root = root == null ? state.get("stateRoot").asText() : root;
                assertThat(state.get("stateRoot").asText()).as("member %d", member).isEqualTo(root);
                assertThat(get(cluster, member, "/v1/governance/pending").get("pending")).isEmpty();
                final JsonNode market = get(cluster, member, "/v1/markets/BTC-USD");
                assertThat(market.get("takerFee").asText()).isEqualTo("0.1");
                assertThat(market.get("makerFee").asText()).isEqualTo("0.1");
            }
            final long appliedAt = cluster.state(0).get("time").asLong();

            // Each member journaled the application: its journal replays from genesis to the same root.
            for (int member = 0; member < 3; member++)
            {
                assertThat(cluster.stop(member)).as("member %d exits on SIGTERM", member).isIn(0, 143);
                final JournalReplayer replayer = JournalReplayer.applyingTo(
                    new ClearingEngine(Participants.ENGINE, EventSink.NONE));
                assertThat(replayer.replay(dir.resolve("member-" + member).resolve("journal"), 0, Long.MAX_VALUE))
                    .isEqualTo(scheduled + 1);
                assertThat(Hex.encode(replayer.engine().stateRoot())).as("member %d replayed", member)
                    .isEqualTo(root);
            }
            System.out.printf("cluster governance timer: change 42 applied at sequence %d, %d ms after its " +
                "effective time, same root on 3 members and in their journals%n", scheduled + 1,
                appliedAt - effective);
        }
    }

    private static ClusterProtocol.Entry at(final ClusterProtocol.Entry entry, final long time)
    {
        return new ClusterProtocol.Entry(entry.command().withTime(time), true, entry.authorityNonce());
    }

    private static List<ClusterProtocol.Outcome> submit(final ClusterGateway gateway,
        final List<ClusterProtocol.Entry> entries) throws Exception
    {
        final List<ClusterProtocol.Outcome> outcomes = gateway.submit(entries).get(30, TimeUnit.SECONDS);
        assertThat(outcomes).hasSize(entries.size()).allMatch(o -> o.status() == ClusterProtocol.APPLIED,
            "applied: " + outcomes);
        return outcomes;
    }

    private static JsonNode get(final ClusterProcesses cluster, final int member, final String path)
        throws Exception
    {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
            cluster.httpPort(member) + path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s on member %d: %s", path, member, response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
