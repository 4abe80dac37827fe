package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Deposit;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.AuditReport;
import io.novation.node.batch.Auditor;
import io.novation.node.batch.WithdrawalProof;
import io.novation.node.cli.NovationCli;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.JournalPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

class BatchSealingNodeTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void shouldSealBatchesServeProofsAndPassTheAuditAcrossARestart(@TempDir final Path dir) throws Exception
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withSealing(4, 0);
        final Path proofFile = dir.resolve("alice-proof.json");
        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            for (final var command : venue.genesis())
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }
            assertThat(http.post("/v1/commands", venue.deposit("alice", 10_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.deposit("bob", 10_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.trade("alice", "bob", true, ONE_BTC / 10, 60_000).toString())
                .status()).isEqualTo(200);
            final Http.Response withdrawal = http.post("/v1/commands", venue.withdraw("alice", 100).toString());
            assertThat(withdrawal.status()).as(withdrawal.text()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.price(61_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.price(61_001).toString()).status()).isEqualTo(200);

            final JsonNode batches = http.get("/v1/batches").json();
            assertThat(batches.get("count").asLong()).as(batches.toString()).isEqualTo(3);
            final JsonNode second = http.get("/v1/batches/3").json();
            assertThat(second.get("header").get("previousRoot").asText())
                .isEqualTo(http.get("/v1/batches/2").json().get("header").get("stateRoot").asText());
            assertThat(second.get("withdrawals")).hasSize(1);

            final JsonNode withdrawalProof = http.get("/v1/proofs/withdrawals/0").json();
            assertThat(WithdrawalProof.check(withdrawalProof)).isNull();
            assertThat(http.get("/v1/proofs/withdrawals/7").status()).isEqualTo(404);

            final Http.Response proof = http.get("/v1/proofs/accounts/" + Venue.address("alice"));
            assertThat(proof.status()).as(proof.text()).isEqualTo(200);
            assertThat(proof.json().get("batchNumber").asLong()).isEqualTo(3);
            assertThat(AccountProof.check(proof.json())).isNull();
            Files.writeString(proofFile, proof.text());
        }
        assertThat(run("verify-proof", proofFile.toString())).startsWith("0 VALID");
        final String tampered = Files.readString(proofFile).replaceFirst("\"depth\":(\\d+)", "\"depth\":1");
        Files.writeString(dir.resolve("tampered.json"), tampered);
        assertThat(run("verify-proof", dir.resolve("tampered.json").toString())).startsWith("1 INVALID");

        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            assertThat(http.get("/v1/batches").json().get("count").asLong()).isEqualTo(3);
            for (int i = 0; i < 4; i++)
            {
                assertThat(http.post("/v1/commands", venue.price(62_000 + i).toString()).status()).isEqualTo(200);
            }
            assertThat(http.get("/v1/batches").json().get("count").asLong()).isEqualTo(4);
            final Http.Response proof = http.get("/v1/proofs/accounts/" + Venue.address("bob"));
            assertThat(AccountProof.check(proof.json())).isNull();
        }
        final String audit = run("audit", "--data-dir", dir.toString());
        assertThat(audit).startsWith("0 ").contains("batch 4").contains("4 sealed batches").contains("all roots check out");

        final Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            segment = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            final long at = file.length() / 2;
            file.seek(at);
            final int value = file.read();
            file.seek(at);
            file.write(value ^ 0xFF);
        }
        final String damaged = run("audit", "--data-dir", dir.toString());
        assertThat(damaged).startsWith("1 ").contains("journal damaged in batch");
    }

    @Test
    void shouldReportASealWhoseRootIsWrongWithItsBatch(@TempDir final Path dir)
    {
        final EngineConfig config = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);
        final ClearingEngine scratch = new ClearingEngine(config, EventSink.NONE);
        final Venue venue = new Venue(1_000L);
        final BinaryWriter payload = new BinaryWriter(512);
        long sequence = 0;
        try (Journal journal = Journal.open(dir, Journal.DEFAULT_SEGMENT_SIZE, false))
        {
            final Deposit deposit = new Deposit(10, Venue.address("alice"), 0, 0, 5_000_000, 1);
            scratch.apply(deposit);
            payload.reset();
            JournalPayload.write(payload, 0, deposit);
            journal.append(++sequence, payload.buffer(), 0, payload.length());
            final BatchHeader honest = scratch.nextBatchHeader(new byte[32]);
            final byte[] wrongRoot = honest.stateRoot();
            wrongRoot[31] ^= 1;
            final BatchHeader forged = new BatchHeader(1, honest.previousRoot(), wrongRoot, honest.treeRoot(),
                honest.globalHash(), honest.withdrawalsRoot(), honest.pricesHash(), new byte[32],
                honest.lastDepositId(), honest.lastForcedRequestId());
            payload.reset();
            JournalPayload.write(payload, 0, new SealBatch(11, forged));
            journal.append(++sequence, payload.buffer(), 0, payload.length());
            journal.commit();
        }
        assertThat(venue).isNotNull();

        final AuditReport report = new Auditor(config, dir).run();

        assertThat(report.ok()).isFalse();
        assertThat(report.checks()).hasSize(1);
        assertThat(report.checks().get(0).batchNumber()).isEqualTo(1);
        assertThat(report.checks().get(0).problem()).contains("BATCH_MISMATCH").contains("stateRoot");
    }

    private static String run(final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintWriter writer = new PrintWriter(bytes, true);
        final int code = NovationCli.commandLine().setOut(writer).setErr(writer).execute(args);
        writer.flush();
        return code + " " + bytes;
    }
}
