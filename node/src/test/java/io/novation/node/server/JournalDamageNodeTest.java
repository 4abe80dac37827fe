package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Deposit;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.journal.JournalFormat;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.novation.node.server.Venue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, against a real node process: after a kill -9 and a restart with no new commands, SIGTERM writes a
 * snapshot; a byte flipped in the middle of the journal stops the next start with the file and offset named and
 * every file of the data directory unchanged; {@code novation node --repair} cuts there, says what it dropped and
 * moves the snapshot ahead of the cut aside; the node then starts from what is left.
 */
class JournalDamageNodeTest
{
    private static final int DEPOSITS = 600;

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void shouldSnapshotOnSigtermAfterARestartAndRefuseThenRepairAJournalFlippedInTheMiddle() throws Exception
    {
        final Venue venue = new Venue(System.currentTimeMillis() - 86_400_000L);
        port = freePort();
        Process node = startHealthy();
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(post("/v1/commands", command.toString()).statusCode()).isEqualTo(200);
        }
        for (int from = 0; from < DEPOSITS; from += 50)
        {
            final ArrayNode batch = Json.MAPPER.createArrayNode();
            for (int i = from; i < from + 50; i++)
            {
                final Deposit deposit = new Deposit(venue.nextTime(), Venue.address("trader-" + i % 7), 0, 0,
                    (1_000 + i) * USDC, i + 1);
                batch.add(CommandEncoder.withAuthority(venue.apply(deposit), 0,
                    Authority.sign(venue.domain, 0, deposit, Venue.BRIDGE_KEY)));
            }
            assertThat(post("/v1/commands/batch", batch.toString()).statusCode()).isEqualTo(200);
        }
        final long last = state().get("sequence").asLong();
        node.destroyForcibly();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshots()).isEmpty();

        node = startHealthy();
        // The node answers /health before its command registers the snapshot-writing shutdown hook, and says it
        // listens after: a termination in between would exit without the snapshot (the log holds both starts).
        awaitLogLines("novation node: listening on", 2);
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshots()).containsExactly(snapshotName(last));

        final Path segment = dataDir.resolve("journal").resolve(JournalFormat.segmentName(1));
        final long damaged = flipInTheMiddle(segment);
        final Map<String, byte[]> before = files();
        final Process refused = run("node", "--data-dir", dataDir.toString(), "--port", String.valueOf(port));
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(log()).contains("journal damaged: " + segment).contains("at offset " + damaged)
            .contains("nothing was changed on disk");
        assertSameFiles(before, files());

        final Process repair = run("node", "--data-dir", dataDir.toString(), "--repair");
        assertThat(repair.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(repair.exitValue()).isZero();
        assertThat(log()).contains("--repair: " + segment.getFileName() + " at offset " + damaged)
            .contains("moved snapshot " + snapshotName(last));
        assertThat(snapshots()).isEmpty();

        node = startHealthy();
        final long kept = state().get("sequence").asLong();
        assertThat(kept).isPositive().isLessThan(last);
        assertThat(log()).contains("the journal now ends at sequence " + kept);
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Flips a byte inside the payload of the record that starts nearest the middle; returns that record's offset. */
    private static long flipInTheMiddle(final Path segment) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(segment);
        int offset = JournalFormat.SEGMENT_HEADER_LENGTH;
        while (offset < bytes.length / 2)
        {
            offset += JournalFormat.RECORD_HEADER_LENGTH + io.novation.core.codec.BinaryReader.getIntAt(bytes, offset);
        }
        bytes[offset + JournalFormat.RECORD_HEADER_LENGTH + 1] ^= 0x20;
        Files.write(segment, bytes);
        return offset;
    }

    private static String snapshotName(final long sequence)
    {
        return "snapshot-" + String.format("%020d", sequence) + ".bin";
    }

    private List<String> snapshots() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("snapshots")))
        {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Map<String, byte[]> files() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            for (final Path file : walk.filter(Files::isRegularFile).toList())
            {
                if (!file.getFileName().toString().equals("node.log"))
                {
                    files.put(dataDir.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private static void assertSameFiles(final Map<String, byte[]> before, final Map<String, byte[]> after)
    {
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private String log() throws IOException
    {
        return Files.readString(dataDir.resolve("node.log"));
    }

    private void awaitLogLines(final String line, final int times) throws IOException, InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (log().split(java.util.regex.Pattern.quote(line), -1).length - 1 < times)
        {
            assertThat(System.currentTimeMillis()).as("%d lines '%s' in the node's log", times, line)
                .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Process run(final String... args) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), "io.novation.node.cli.NovationCli"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()));
        return builder.start();
    }

    private Process startHealthy() throws IOException, InterruptedException
    {
        final Process process = run("node", "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
            "--snapshot-every", "1000000", "--governance", Venue.GOVERNANCE.toString(), "--bridge",
            Venue.BRIDGE.toString(), "--seal-every", "0", "--seal-every-ms", "0");
        return NodeProcesses.awaitHealthy(process, port, dataDir.resolve("node.log"), client);
    }

    private HttpResponse<String> post(final String path, final String body) throws IOException, InterruptedException
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
            port + "/v1/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
