package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.Order;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.AuditReport;
import io.novation.node.batch.Auditor;
import io.novation.node.batch.SealedBatch;
import io.novation.node.batch.WithdrawalProof;
import io.novation.node.cli.NovationCli;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members, each a separate JVM on loopback, that seal batches: by count after every seven commands and by a
 * cluster timer once 300 ms of sequencer time passed with a command unsealed. Every member must seal the same batches
 * at the same sequences, serve them with account and withdrawal proofs that check against the batch roots, keep
 * sealing the same batches after one of them restarts from its snapshot, and leave a journal that {@code novation
 * audit} re-executes to the same batch roots.
 */
@Tag("cluster")
class ClusterBatchesTest
{
    private static final int TRADERS = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void shouldSealTheSameBatchesOnEveryMemberAndServeProofsThatAuditAgainstTheirRoots() throws Exception
    {
        try (ClusterProcesses cluster = new ClusterProcesses(dir, 3, List.of("--seal-every", "7",
            "--seal-every-ms", "300", "--snapshot-every", "10"));
            ClusterClient client = cluster.startWithClient())
        {
            final ClusterGateway gateway = client.gateway();
            final Participants participants = new Participants(TRADERS);
            final long now = System.currentTimeMillis();
            submit(gateway, participants.genesis(now));
            final Order[] orders = participants.orders(0, 1, true, 10, now);
            final List<ClusterProtocol.Entry> fills = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                fills.add(participants.fill(orders, 60_000));
            }
            submit(gateway, fills);
            final Withdraw unsigned = new Withdraw(0, Participants.address("trader-2"), 0, 0,
                1_000 * Participants.USDC, 1, null);
            final Withdraw withdraw = new Withdraw(0, unsigned.account(), 0, 0, unsigned.amount(), 1,
                Secp256k1.sign(unsigned.digest(participants.domain), Participants.key("trader-2")));
            final long withdrawn = submit(gateway, List.of(new ClusterProtocol.Entry(withdraw, false, 0)));

            final long sealed = awaitSealedAfter(cluster, 0, withdrawn, 30_000);
            final List<JsonNode> batches = batches(cluster, 0);
            assertThat(batches).hasSizeGreaterThanOrEqualTo(2);
            for (int member = 1; member < 3; member++)
            {
                assertThat(awaitSealedAfter(cluster, member, withdrawn, 30_000)).as("member %d", member)
                    .isEqualTo(sealed);
                assertThat(batches(cluster, member)).as("the batches of member %d", member).isEqualTo(batches);
            }

            final JsonNode latest = batches.get(batches.size() - 1);
            final JsonNode accountProof = get(cluster, 1, "/v1/proofs/accounts/" +
                Participants.address("trader-0"));
            assertThat(AccountProof.check(accountProof)).isNull();
            assertThat(accountProof.get("batchNumber").asLong()).isEqualTo(latest.get("header").get("batchNumber")
                .asLong());
            assertThat(accountProof.get("stateRoot").asText()).isEqualTo(latest.get("header").get("stateRoot")
                .asText());
            final JsonNode withdrawalProof = get(cluster, 2, "/v1/proofs/withdrawals/0");
            assertThat(WithdrawalProof.check(withdrawalProof)).isNull();
            assertThat(withdrawalProof.get("owner").asText()).isEqualTo(withdraw.account().toString());
            final JsonNode holding = batches.get((int)withdrawalProof.get("batchNumber").asLong() - 1);
            assertThat(withdrawalProof.get("withdrawalsRoot").asText())
                .isEqualTo(holding.get("header").get("withdrawalsRoot").asText());

            // A follower stopped and restarted from its snapshot keeps sealing the same batches as the others.
            final int follower = follower(cluster, gateway);
            // Snapshots are taken asynchronously (every 10 commands, asked for by the leader): stop the follower only
            // once it has one, or it would rightly start again from genesis.
            final long snapshotDeadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (get(cluster, follower, "/health").path("cluster").path("snapshots").asLong() == 0 &&
                System.nanoTime() < snapshotDeadline)
            {
                Thread.sleep(50);
            }
            assertThat(get(cluster, follower, "/health").path("cluster").path("snapshots").asLong())
                .as("snapshots taken by member %d before it stops", follower).isPositive();
            assertThat(cluster.stop(follower)).isIn(0, 143);
            final List<ClusterProtocol.Entry> more = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                more.add(participants.fill(orders, 60_100));
            }
            final long filled = submit(gateway, more);
            cluster.start(follower);
            cluster.awaitHealthy(follower, 90_000);
            assertThat(Files.readString(cluster.log(follower))).contains("restored from snapshot at sequence");
            final long resealed = awaitSealedAfter(cluster, 0, filled, 30_000);
            final List<JsonNode> after = batches(cluster, 0);
            assertThat(after).hasSizeGreaterThan(batches.size()).startsWith(batches.toArray(new JsonNode[0]));
            for (int member = 1; member < 3; member++)
            {
                assertThat(awaitSealedAfter(cluster, member, filled, 60_000)).as("member %d", member)
                    .isEqualTo(resealed);
                assertThat(batches(cluster, member)).as("the batches of member %d", member).isEqualTo(after);
            }

            for (int member = 0; member < 3; member++)
            {
                assertThat(cluster.stop(member)).as("member %d exits on SIGTERM", member).isIn(0, 143);
            }
            for (int member = 0; member < 3; member++)
            {
                final Path data = dir.resolve("member-" + member);
                final AuditReport report = new Auditor(Participants.ENGINE, data.resolve("journal")).run();
                assertThat(report.ok()).as("audit of member %d: %s", member, report.checks()).isTrue();
                assertThat(report.lastSequence()).isEqualTo(resealed);
                assertThat(report.batches()).hasSize(after.size());
                for (int i = 0; i < after.size(); i++)
                {
                    final SealedBatch replayed = report.batches().get(i);
                    assertThat(Json.MAPPER.readTree(replayed.toJson().toString()))
                        .as("member %d, batch %d re-executed", member, i + 1).isEqualTo(after.get(i));
                }
                final StringWriter out = new StringWriter();
                final int exit = NovationCli.commandLine().setOut(new PrintWriter(out))
                    .execute("audit", "--data-dir", data.toString());
                assertThat(exit).as(out.toString()).isZero();
                assertThat(out.toString()).contains(after.size() + " sealed batches re-executed up to sequence " +
                    resealed + ": all roots check out");
            }
            System.out.printf("cluster batches: %d sealed up to sequence %d, identical on 3 members; proofs check; " +
                "audits re-execute every root; last state root %s%n", after.size(), resealed,
                after.get(after.size() - 1).get("header").get("stateRoot").asText());
        }
    }

    /** Submits commands that must all apply, and returns the sequence of the last. */
    private static long submit(final ClusterGateway gateway, final List<ClusterProtocol.Entry> entries)
        throws Exception
    {
        final List<ClusterProtocol.Outcome> outcomes = gateway.submit(entries).get(30, TimeUnit.SECONDS);
        assertThat(outcomes).hasSize(entries.size()).allMatch(o -> o.status() == ClusterProtocol.APPLIED,
            "applied: " + outcomes);
        return outcomes.get(outcomes.size() - 1).sequence();
    }

    /**
     * Waits until a member has applied a sequence, then until its last record is a seal: a member that lags would
     * otherwise be caught at a seal of an earlier batch.
     */
    private static long awaitSealedAfter(final ClusterProcesses cluster, final int member, final long applied,
        final long timeoutMs) throws Exception
    {
        assertThat(cluster.awaitSequence(member, applied, timeoutMs).get("sequence").asLong())
            .as("member %d applied sequence %d", member, applied).isGreaterThanOrEqualTo(applied);
        return awaitSealed(cluster, member, timeoutMs);
    }

    /** Waits until a member's last record is a seal (the cluster timer sealed what was open), and returns it. */
    private static long awaitSealed(final ClusterProcesses cluster, final int member, final long timeoutMs)
        throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            final long sequence = cluster.state(member).get("sequence").asLong();
            final long count = get(cluster, member, "/v1/batches").get("count").asLong();
            if (count > 0 && get(cluster, member, "/v1/batches/" + count).get("sequence").asLong() == sequence)
            {
                return sequence;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("member " + member + " did not seal its open batch within " + timeoutMs + " ms");
    }

    private static int follower(final ClusterProcesses cluster, final ClusterGateway gateway) throws Exception
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline)
        {
            for (int member = 0; member < 3; member++)
            {
                if (member != gateway.leaderMemberId() &&
                    "follower".equals(cluster.state(member).get("cluster").get("role").asText()))
                {
                    return member;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no follower within 20 s");
    }

    private static List<JsonNode> batches(final ClusterProcesses cluster, final int member) throws Exception
    {
        final long count = get(cluster, member, "/v1/batches").get("count").asLong();
        final List<JsonNode> batches = new ArrayList<>();
        for (long number = 1; number <= count; number++)
        {
            batches.add(get(cluster, member, "/v1/batches/" + number));
        }
        return batches;
    }

    private static JsonNode get(final ClusterProcesses cluster, final int member, final String path)
        throws IOException, InterruptedException
    {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
            cluster.httpPort(member) + path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s on member %d: %s", path, member, response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
