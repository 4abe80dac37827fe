package io.novation.node.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.json.Json;
import io.novation.node.server.Genesis;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's data directory written before the sequencing policy, the journal replayer and the command registry were
 * introduced (test resource {@code journals/before-issue-17}: genesis, journal, the sealed batches and the final root
 * the node reported): deposits, a trade, an applied and a rejected withdrawal, oracle rounds and three seals. It must
 * still re-execute to the same batches and the same state root, by audit and by a node's recovery.
 */
class JournalBeforeIssue17Test
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void shouldAuditAJournalWrittenBeforeTheChangeToTheSameBatchesAndRoot() throws Exception
    {
        final Path data = fixture();
        final JsonNode expected = Json.MAPPER.readTree(data.resolve("expected.json").toFile());
        final Genesis genesis = Genesis.loadOrCreate(NodeConfig.defaults().withDataDir(data), QUIET);

        final AuditReport report = new Auditor(genesis.engineConfig(), data.resolve("journal")).run();
        assertThat(report.ok()).as("%s", report.checks()).isTrue();
        assertThat(report.lastSequence()).isEqualTo(expected.get("sequence").asLong());
        assertThat(report.batches()).hasSize(expected.get("batches").asInt());
        for (final SealedBatch batch : report.batches())
        {
            final Path stored = data.resolve("batches").resolve(String.format("batch-%020d.json",
                batch.header().batchNumber()));
            assertThat(Json.MAPPER.readTree(batch.toJson().toString())).isEqualTo(Json.MAPPER.readTree(
                stored.toFile()));
        }

        final ClearingEngine engine = new ClearingEngine(genesis.engineConfig(), EventSink.NONE);
        JournalReplayer.applyingTo(engine).replay(data.resolve("journal"), 0, Long.MAX_VALUE);
        assertThat(Hex.encode(engine.stateRoot())).isEqualTo(expected.get("stateRoot").asText());
    }

    @Test
    void shouldRecoverANodeFromAJournalWrittenBeforeTheChangeToTheSameRoot() throws Exception
    {
        final Path data = fixture();
        final JsonNode expected = Json.MAPPER.readTree(data.resolve("expected.json").toFile());
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(data).withPort(0).withSealing(5, 0), QUIET))
        {
            assertThat(node.query(engine -> engine.state().sequence()).get(10, TimeUnit.SECONDS))
                .isEqualTo(expected.get("sequence").asLong());
            assertThat(node.query(engine -> Hex.encode(engine.stateRoot())).get(10, TimeUnit.SECONDS))
                .isEqualTo(expected.get("stateRoot").asText());
            assertThat(node.batches().count()).isEqualTo(expected.get("batches").asLong());
        }
    }

    /** A copy of the fixture, since a node writes into its data directory. */
    private Path fixture() throws Exception
    {
        final Path source = resource();
        try (Stream<Path> files = Files.walk(source))
        {
            for (final Path file : files.toList())
            {
                final Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(file, target);
                }
            }
        }
        return dir;
    }

    private static Path resource() throws URISyntaxException
    {
        return Path.of(JournalBeforeIssue17Test.class.getResource("/journals/before-issue-17").toURI());
    }
}
