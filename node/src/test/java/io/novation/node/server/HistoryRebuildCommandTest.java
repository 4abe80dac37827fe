package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.cli.NovationCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code novation history rebuild}: a node's history, deleted, comes back from the journal alone, row for row (the
 * live history took its orders' digests from the sequencer, the rebuilt one hashes every order itself).
 */
class HistoryRebuildCommandTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    private final Venue venue = new Venue(1_760_000_000_000L);

    @Test
    void shouldRebuildTheSameHistoryFromTheJournalAlone() throws IOException
    {
        final NodeConfig config = NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE);
        final String fills = "/v1/accounts/" + Venue.address("bob") + "/history/fills?from=0&to=9000000000000";
        final String transfers = "/v1/accounts/" + Venue.address("bob") +
            "/history/transfers?from=0&to=9000000000000";
        final JsonNode before;
        final JsonNode transfersBefore;
        final long sequence;
        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            for (final ObjectNode command : venue.genesis())
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }
            for (final ObjectNode command : new ObjectNode[] {venue.deposit("alice", 100_000),
                venue.deposit("bob", 100_000), venue.price(60_000), venue.trade("alice", "bob", true, ONE_BTC / 10,
                60_000), venue.trade("alice", "bob", false, ONE_BTC / 20, 60_500), venue.withdraw("bob", 1_000)})
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }
            sequence = node.durableSequence();
            assertThat(node.history().awaitApplied(sequence, 30_000)).isTrue();
            assertThat(node.history().reusedDigests()).as("both orders of both fills, from the sequencer")
                .isEqualTo(4);
            before = http.get(fills).json().get("items");
            transfersBefore = http.get(transfers).json().get("items");
            assertThat(before).hasSize(2);
            assertThat(transfersBefore).hasSize(2);
        }
        try (Stream<Path> files = Files.list(dataDir))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().startsWith("history.sqlite"))
                .toList())
            {
                Files.delete(file);
            }
        }

        final StringWriter out = new StringWriter();
        final CommandLine cli = NovationCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("history", "rebuild", "--data-dir", dataDir.toString())).as(out.toString())
            .isZero();
        assertThat(out.toString()).contains("applied sequence " + sequence);
        assertThat(NovationCli.commandLine().execute("history", "rebuild", "--data-dir",
            dataDir.resolve("missing").toString())).isEqualTo(2);

        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            assertThat(node.history().awaitApplied(sequence, 30_000)).isTrue();
            assertThat(node.history().appliedSequence()).isEqualTo(sequence);
            assertThat(http.get(fills).json().get("items")).isEqualTo(before);
            assertThat(http.get(transfers).json().get("items")).isEqualTo(transfersBefore);
        }
    }
}
