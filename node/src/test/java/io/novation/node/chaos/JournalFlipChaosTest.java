package io.novation.node.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.codec.BinaryReader;
import io.novation.node.journal.JournalFormat;
import io.novation.node.json.Json;
import io.novation.node.server.Venue;
import io.novation.node.server.NodeProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.novation.node.chaos.ChaosNode.HONEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, finding 6, against real node processes: a byte flipped inside the journal's last segment, at several
 * places, or in its segment header. Before its defences damage inside the last segment was taken for a torn tail: a
 * flip at 50 % of the journal started the node with half its commands and cut the file on disk, and a flipped
 * segment magic deleted the segment and started from genesis with {@code /health} ok. Now the start is refused,
 * naming the file and the offset, and nothing on disk changes; {@code novation node --repair} cuts there and says
 * what it dropped; the node then starts from what is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalFlipChaosTest
{
    private static final int DEPOSITS = 600;

    private Path pristine;
    private long last;

    @BeforeAll
    void writeAJournal(@TempDir final Path dataDir) throws Exception
    {
        pristine = dataDir;
        final Venue venue = new Venue(System.currentTimeMillis() - 86_400_000L);
        final ChaosNode node = ChaosNode.start(dataDir, "256m", "--snapshot-every", "1000000");
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(node.post(HONEST, "/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        for (int from = 0; from < DEPOSITS; from += 100)
        {
            final ArrayNode batch = Json.MAPPER.createArrayNode();
            for (int i = from; i < from + 100; i++)
            {
                batch.add(venue.deposit("trader-" + i % 7, 1_000 + i));
            }
            assertThat(node.post(HONEST, "/v1/commands/batch", batch.toString()).status()).isEqualTo(200);
        }
        last = node.sequence();
        // kill -9: no snapshot, the journal alone holds the state.
        node.kill();
        Files.deleteIfExists(dataDir.resolve("node.log"));
    }

    @ParameterizedTest(name = "a byte flipped in the record at {0} of the segment")
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void shouldRefuseToStartOnAFlippedRecordThenRepairWhenAsked(final double where, @TempDir final Path dataDir)
        throws Exception
    {
        copy(pristine, dataDir);
        final Path segment = dataDir.resolve("journal").resolve(JournalFormat.segmentName(1));
        final long damaged = flipRecordAt(segment, where);
        final Map<String, byte[]> before = files(dataDir);

        assertRefused(dataDir, segment, damaged);
        assertSameFiles(before, files(dataDir));

        final String repair = repair(dataDir);
        assertThat(repair).contains("--repair: " + segment.getFileName() + " at offset " + damaged)
            .contains("the journal now ends at sequence");

        try (ChaosNode node = ChaosNode.start(dataDir, "256m"))
        {
            assertThat(node.sequence()).as("the commands before the damage").isPositive().isLessThan(last);
        }
    }

    @Test
    void shouldRefuseToStartOnAFlippedSegmentHeaderThenRepairWhenAsked(@TempDir final Path dataDir) throws Exception
    {
        copy(pristine, dataDir);
        final Path segment = dataDir.resolve("journal").resolve(JournalFormat.segmentName(1));
        final byte[] bytes = Files.readAllBytes(segment);
        bytes[1] ^= 0x01;
        Files.write(segment, bytes);
        final Map<String, byte[]> before = files(dataDir);

        final String refused = assertRefused(dataDir, segment, 0);
        assertThat(refused).contains("bad segment header");
        assertSameFiles(before, files(dataDir));

        final String repair = repair(dataDir);
        assertThat(repair).contains("--repair: " + segment.getFileName() + " at offset 0")
            .contains("the journal now ends at sequence 0");
        assertThat(Files.exists(segment)).as("moved aside, not deleted").isFalse();
        try (Stream<Path> all = Files.walk(dataDir.resolve("journal")))
        {
            final long quarantined = all.filter(Files::isRegularFile)
                .filter(f -> !f.getParent().equals(dataDir.resolve("journal"))).mapToLong(f -> f.toFile().length())
                .sum();
            assertThat(quarantined).as("the damaged segment's bytes kept in quarantine").isEqualTo(bytes.length);
        }
    }

    private String assertRefused(final Path dataDir, final Path segment, final long offset) throws Exception
    {
        final Path log = dataDir.resolve("refused.log");
        final Process refused = NodeProcesses.run("256m", log, "node", "--data-dir", dataDir.toString(), "--port",
            String.valueOf(NodeProcesses.freePort()));
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as("the refused start exits").isTrue();
        final String text = Files.readString(log);
        Files.delete(log);
        assertThat(refused.exitValue()).as(text).isEqualTo(2);
        assertThat(text).contains("journal damaged: " + segment).contains("at offset " + offset + ":")
            .contains("nothing was changed on disk");
        return text;
    }

    private static String repair(final Path dataDir) throws Exception
    {
        final Path log = dataDir.resolve("repair.log");
        final Process repair = NodeProcesses.run("256m", log, "node", "--data-dir", dataDir.toString(), "--repair");
        assertThat(repair.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String text = Files.readString(log);
        assertThat(repair.exitValue()).as(text).isZero();
        return text;
    }

    /** Flips a payload byte of the record that starts at the given fraction of the segment; returns its offset. */
    private static long flipRecordAt(final Path segment, final double where) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(segment);
        int offset = JournalFormat.SEGMENT_HEADER_LENGTH;
        while (offset < bytes.length * where)
        {
            offset += JournalFormat.RECORD_HEADER_LENGTH + BinaryReader.getIntAt(bytes, offset);
        }
        assertThat(offset).as("a record inside the segment").isLessThan(bytes.length);
        bytes[offset + JournalFormat.RECORD_HEADER_LENGTH + 1] ^= 0x20;
        Files.write(segment, bytes);
        return offset;
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> walk = Files.walk(from))
        {
            for (final Path source : walk.toList())
            {
                final Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static Map<String, byte[]> files(final Path dataDir) throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            for (final Path file : walk.filter(Files::isRegularFile).toList())
            {
                if (!file.getFileName().toString().endsWith(".log") || file.startsWith(dataDir.resolve("journal")))
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
}
