package io.novation.node.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.codec.BinaryReader;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventLog;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.batch.AuditReport;
import io.novation.node.batch.Auditor;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.Journal;
import io.novation.node.json.Json;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.server.Genesis;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's data directory written before the command registry and the layered core (journal codec version 1,
 * snapshot version 8; see the fixture's README) still replays, restores and audits to the roots its node reported.
 */
class LegacyDataReplayTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    private JsonNode expected;
    private EngineConfig config;

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException
    {
        final Path fixture = Paths.get(getClass().getResource("/legacy/2025-10-10-crash/expected.json").toURI())
            .getParent();
        try (Stream<Path> files = Files.walk(fixture))
        {
            files.forEach(source ->
            {
                final Path target = dataDir.resolve(fixture.relativize(source).toString());
                try
                {
                    if (Files.isDirectory(source))
                    {
                        Files.createDirectories(target);
                    }
                    else
                    {
                        Files.copy(source, target);
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        expected = Json.MAPPER.readTree(Files.readString(dataDir.resolve("expected.json")));
        config = Genesis.loadOrCreate(NodeConfig.defaults().withDataDir(dataDir), QUIET).engineConfig();
    }

    @Test
    void shouldReplayOldJournalFromGenesisToTheRootItsNodeReported()
    {
        final ClearingEngine engine = new ClearingEngine(config, new EventLog());
        final BinaryReader reader = new BinaryReader(new byte[0]);
        final long[] last = {0};
        final String fault = Journal.replayChecked(dataDir.resolve("journal"), (sequence, buffer, offset, length) ->
        {
            engine.apply(JournalPayload.read(reader.wrap(buffer, offset, length)).command());
            last[0] = sequence;
        });

        assertThat(fault).isNull();
        assertThat(last[0]).isEqualTo(expected.get("lastSequence").asLong());
        assertThat(Hex.encode(engine.stateRoot())).isEqualTo(expected.get("stateRoot").asText());
    }

    @Test
    void shouldAuditEveryOldBatchToTheRootsItsNodeSealed() throws IOException
    {
        final AuditReport report = new Auditor(config, dataDir.resolve("journal")).run();

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.batches()).hasSize(expected.get("sealedBatches").asInt());
        for (final SealedBatch batch : report.batches())
        {
            final JsonNode written = Json.MAPPER.readTree(Files.readString(dataDir.resolve("batches").resolve(
                String.format("batch-%020d.json", batch.header().batchNumber()))));
            assertThat(Hex.encode(batch.header().stateRoot()))
                .isEqualTo(written.get("header").get("stateRoot").asText());
        }
    }

    @Test
    void shouldRestoreOldSnapshotToTheSameRoot() throws IOException
    {
        final SnapshotStore.Loaded loaded = new SnapshotStore(dataDir.resolve("snapshots"), 3).loadNewest();
        final ClearingEngine engine = SnapshotCodec.read(loaded.engineSnapshot(), config, new EventLog());

        assertThat(loaded.sequence()).isEqualTo(expected.get("lastSequence").asLong());
        assertThat(Hex.encode(engine.stateRoot())).isEqualTo(expected.get("stateRoot").asText());
    }

    @Test
    void shouldStartNodeOnOldDataWithTheSameStateRoot() throws Exception
    {
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0), QUIET))
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.port() + "/v1/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(response.body()).get("stateRoot").asText())
                .isEqualTo(expected.get("stateRoot").asText());
        }
    }
}
