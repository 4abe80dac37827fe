package io.novation.node.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18, finding 6: damage inside the acknowledged part of the journal stops the start, naming the file and
 * offset, and changes nothing on disk; only a tail written after the last fsync is cut (and kept in quarantine);
 * {@link Journal#repair} cuts when asked and says what it dropped.
 */
class JournalDamageTest
{
    private static final int RECORDS = 1_790;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "flip at {0} % in the {1}")
    @CsvSource({"25, payload", "50, payload", "75, payload", "25, header", "50, header", "75, header"})
    void shouldRefuseAFlippedByteInsideTheAcknowledgedJournalAndChangeNothing(final int percent, final String where)
        throws IOException
    {
        final long[] offsets = write(RECORDS);
        final int record = RECORDS * percent / 100;
        final long at = offsets[record] + ("header".equals(where) ? 2 : JournalFormat.RECORD_HEADER_LENGTH + 3);
        flip(segment(), at);
        final Map<String, byte[]> before = files();

        assertThatThrownBy(() -> Journal.open(directory)).isInstanceOf(JournalException.class)
            .hasMessageContaining(segment().toString()).hasMessageContaining("at offset " + offsets[record])
            .hasMessageContaining("nothing was changed on disk");

        assertSameFiles(before, files());
    }

    @Test
    void shouldRefuseAFlippedSegmentHeaderMagicAndChangeNothing() throws IOException
    {
        write(RECORDS);
        flip(segment(), 1);
        final Map<String, byte[]> before = files();

        assertThatThrownBy(() -> Journal.open(directory)).isInstanceOf(JournalException.class)
            .hasMessageContaining(segment().toString()).hasMessageContaining("bad segment header");

        assertSameFiles(before, files());
    }

    @Test
    void shouldRefuseAJournalShorterThanItsDurableMark() throws IOException
    {
        final long[] offsets = write(100);
        try (FileChannel channel = FileChannel.open(segment(), StandardOpenOption.WRITE))
        {
            channel.truncate(offsets[99] + 5);
        }
        final Map<String, byte[]> before = files();

        assertThatThrownBy(() -> Journal.open(directory)).isInstanceOf(JournalException.class)
            .hasMessageContaining("durable");

        assertSameFiles(before, files());
    }

    @Test
    void shouldRefuseAJournalBehindTheSnapshotBeforeCuttingItsTornTail() throws IOException
    {
        write(100);
        appendTornRecord(101);
        final Map<String, byte[]> before = files();

        assertThatThrownBy(() -> Journal.open(directory, Journal.DEFAULT_SEGMENT_SIZE, true, 150))
            .isInstanceOf(JournalException.class).hasMessageContaining("snapshot is at 150");

        assertSameFiles(before, files());
    }

    @Test
    void shouldAcceptATornTailWrittenAfterTheLastFsyncAndKeepItsBytesInQuarantine() throws IOException
    {
        write(100);
        final long durableSize = Files.size(segment());
        final byte[] torn = appendTornRecord(101);

        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isEqualTo(100);
            assertThat(journal.recovery()).contains("torn").contains("offset " + durableSize);
        }
        assertThat(Files.size(segment())).isEqualTo(durableSize);
        final List<Path> kept = quarantined();
        assertThat(kept).hasSize(1);
        assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(torn);
    }

    @Test
    void shouldRepairOnlyWhenAskedAndReportTheFileOffsetAndRecordsDropped() throws IOException
    {
        final long[] offsets = write(RECORDS);
        final int record = RECORDS / 2;
        flip(segment(), offsets[record] + JournalFormat.RECORD_HEADER_LENGTH + 3);
        final byte[] original = Files.readAllBytes(segment());

        final List<String> report = Journal.repair(directory);

        assertThat(String.join("\n", report)).contains(segment().getFileName().toString())
            .contains("at offset " + offsets[record]).contains("checksum mismatch")
            .contains((RECORDS - record) + " valid records after it")
            .contains("sequences " + (record + 1) + " to " + RECORDS)
            .contains("now ends at sequence " + (record - 1));
        assertThat(Files.size(segment())).isEqualTo(offsets[record]);
        final byte[] moved = Files.readAllBytes(quarantined().get(0));
        assertThat(moved.length).isEqualTo(original.length - offsets[record]);
        assertThat(moved[moved.length - 1]).isEqualTo(original[original.length - 1]);
        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isEqualTo(record - 1);
            assertThat(journal.recovery()).isEqualTo("clean");
        }
        assertThat(Journal.repair(directory)).containsExactly("nothing to repair: the journal reads to its end at " +
            "sequence " + (record - 1));
    }

    @Test
    void shouldRepairASegmentWithAFlippedMagicByMovingItAside() throws IOException
    {
        write(RECORDS);
        flip(segment(), 1);

        final List<String> report = Journal.repair(directory);

        assertThat(String.join("\n", report)).contains("bad segment header")
            .contains(RECORDS + " valid records").contains("now ends at sequence 0");
        assertThat(Journal.segments(directory)).isEmpty();
        assertThat(quarantined()).hasSize(1);
        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isZero();
        }
    }

    /** Writes records in groups of ten, one commit (fsync) each; returns each record's offset in the segment. */
    private long[] write(final int records)
    {
        final long[] offsets = new long[records + 1];
        long offset = JournalFormat.SEGMENT_HEADER_LENGTH;
        try (Journal journal = Journal.open(directory))
        {
            for (int sequence = 1; sequence <= records; sequence++)
            {
                final byte[] payload = payload(sequence);
                journal.append(sequence, payload, 0, payload.length);
                offsets[sequence] = offset;
                offset += JournalFormat.RECORD_HEADER_LENGTH + payload.length;
                if (sequence % 10 == 0)
                {
                    journal.commit();
                }
            }
        }
        return offsets;
    }

    /** Appends the first half of a record without moving the durable mark, as a write cut by a crash does. */
    private byte[] appendTornRecord(final long sequence) throws IOException
    {
        final byte[] payload = payload(sequence);
        final ByteBuffer record = ByteBuffer.allocate(JournalFormat.RECORD_HEADER_LENGTH + payload.length);
        record.putInt(payload.length).putInt(12345).putLong(sequence).put(payload);
        final byte[] torn = java.util.Arrays.copyOf(record.array(), record.capacity() / 2);
        try (FileChannel channel = FileChannel.open(segment(), StandardOpenOption.APPEND))
        {
            channel.write(ByteBuffer.wrap(torn));
        }
        return torn;
    }

    private static byte[] payload(final long sequence)
    {
        return ("command number " + sequence + " with a payload of some length").getBytes(StandardCharsets.UTF_8);
    }

    private Path segment() throws IOException
    {
        final List<Path> segments = Journal.segments(directory);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private static void flip(final Path file, final long at) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[(int)at] ^= 0x10;
        Files.write(file, bytes);
    }

    private List<Path> quarantined() throws IOException
    {
        try (Stream<Path> files = Files.list(directory.resolve(Quarantine.DIRECTORY)))
        {
            return files.toList();
        }
    }

    private Map<String, byte[]> files() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory))
        {
            for (final Path file : walk.filter(Files::isRegularFile).toList())
            {
                files.put(directory.relativize(file).toString(), Files.readAllBytes(file));
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
