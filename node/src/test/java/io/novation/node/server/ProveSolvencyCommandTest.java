package io.novation.node.server;

import io.novation.node.cli.NovationCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code novation prove-solvency} proves a sealed batch of a stopped node's data directory (Groth16, the test
 * ceremony) beside the batch, with a progress bar, and {@code novation verify-solvency} accepts the proofs offline and
 * refuses them once a public signal is changed.
 */
class ProveSolvencyCommandTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String TOOLS = Path.of("..", "solvency").toAbsolutePath().normalize().toString();

    @Test
    void shouldProveASealedBatchBesideItAndVerifyTheProofsOffline(@TempDir final Path dir) throws Exception
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withSealing(4, 0);
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
            for (int i = 0; i < 4; i++)
            {
                assertThat(http.post("/v1/commands", venue.price(61_000 + i).toString()).status()).isEqualTo(200);
            }
            assertThat(http.get("/v1/batches").json().get("count").asLong()).isGreaterThanOrEqualTo(2);
        }

        final String proved = run("prove-solvency", "--data-dir", dir.toString(), "--batch", "2", "--tools", TOOLS);
        assertThat(proved).startsWith("0 ").contains("batch 2: ").contains("1/1 chunks");
        final Path proofs = dir.resolve("batches/solvency-2-proofs.json");
        assertThat(proofs).exists();
        assertThat(run("verify-solvency", proofs.toString(), "--tools", TOOLS)).startsWith("0 VALID: batch 2 root ");

        final String json = Files.readString(proofs);
        final String tampered = json.replaceFirst("\"batchNumber\":\"2\"", "\"batchNumber\":\"3\"");
        assertThat(tampered).isNotEqualTo(json);
        Files.writeString(dir.resolve("tampered.json"), tampered);
        assertThat(run("verify-solvency", dir.resolve("tampered.json").toString(), "--tools", TOOLS))
            .startsWith("1 INVALID: chunk 0: proof of batch 2");
        assertThat(run("prove-solvency", "--data-dir", dir.toString(), "--batch", "99", "--tools", TOOLS))
            .startsWith("2 ").contains("no sealed batch 99");
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
