package io.novation.node.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReplayWhatWasCommittedAfterReopening()
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 100);
            journal.commit();
            assertThat(journal.durableSequence()).isEqualTo(100);
        }
        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isEqualTo(100);
            assertThat(journal.recovery()).isEqualTo("clean");
            assertThat(payloads(journal, 0)).hasSize(100).first().isEqualTo("command 1");
            assertThat(payloads(journal, 90)).hasSize(10).first().isEqualTo("command 91");
            appendRange(journal, 101, 110);
            journal.commit();
            assertThat(payloads(journal, 0)).hasSize(110).last().isEqualTo("command 110");
        }
    }

    @Test
    void shouldCommitStagedRecordsWhenForcedWithoutFsync()
    {
        try (Journal journal = Journal.open(directory, Journal.DEFAULT_SEGMENT_SIZE, false))
        {
            journal.commitAndForce();
            assertThat(journal.durableSequence()).isZero();
            appendRange(journal, 1, 3);
            journal.commitAndForce();
            assertThat(journal.durableSequence()).isEqualTo(3);
            final List<Long> sequences = new ArrayList<>();
            Journal.replay(directory, 0, Long.MAX_VALUE, (sequence, buffer, offset, length) -> sequences.add(sequence));
            assertThat(sequences).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void shouldNotExposeStagedRecordsBeforeCommit()
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 5);
            journal.commit();
            appendRange(journal, 6, 8);
            assertThat(journal.durableSequence()).isEqualTo(5);
            assertThat(payloads(journal, 0)).hasSize(5);
        }
    }

    @Test
    void shouldCutATornTailAtTheLastValidRecord() throws IOException
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 50);
            journal.commit();
        }
        final Path segment = onlySegment();
        final long size = Files.size(segment);
        for (final long cut : new long[] {size - 1, size - 5, size - 16})
        {
            writtenButNeverMarked(49);
            truncate(segment, cut);
            try (Journal journal = Journal.open(directory))
            {
                assertThat(journal.lastSequence()).isEqualTo(49);
                assertThat(journal.recovery()).contains("torn");
                assertThat(payloads(journal, 0)).hasSize(49);
                appendRange(journal, 50, 50);
                journal.commit();
            }
            assertThat(Files.size(segment)).isEqualTo(size);
        }
    }

    @Test
    void shouldCutARecordWhoseChecksumFailsAndGarbageAfterIt() throws IOException
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 20);
            journal.commit();
        }
        writtenButNeverMarked(19);
        final Path segment = onlySegment();
        final byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(segment, bytes);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND))
        {
            channel.write(ByteBuffer.wrap(new byte[4096]));
        }
        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isEqualTo(19);
            assertThat(journal.recovery()).contains("checksum");
            assertThat(payloads(journal, 0)).hasSize(19).last().isEqualTo("command 19");
        }
    }

    /**
     * Rewrites the journal so that records after a sequence were written but the node stopped before their fsync
     * returned (so before its durable mark moved and before they were acknowledged): the same records, the mark
     * at the earlier sequence.
     */
    private void writtenButNeverMarked(final long marked) throws IOException
    {
        final Path segment = onlySegment();
        final byte[] all = Files.readAllBytes(segment);
        Files.delete(segment);
        Files.delete(directory.resolve(DurableMark.FILE));
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, marked);
            journal.commit();
        }
        final byte[] mark = Files.readAllBytes(directory.resolve(DurableMark.FILE));
        Files.write(segment, all);
        Files.write(directory.resolve(DurableMark.FILE), mark);
    }

    @Test
    void shouldCutZeroFilledTails() throws IOException
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 3);
            journal.commit();
        }
        try (FileChannel channel = FileChannel.open(onlySegment(), StandardOpenOption.APPEND))
        {
            channel.write(ByteBuffer.wrap(new byte[100]));
        }
        try (Journal journal = Journal.open(directory))
        {
            assertThat(journal.lastSequence()).isEqualTo(3);
            assertThat(payloads(journal, 0)).hasSize(3);
        }
    }

    @Test
    void shouldRollSegmentsAndReplayAcrossThem() throws IOException
    {
        try (Journal journal = Journal.open(directory, 2_000, true))
        {
            for (int batch = 0; batch < 30; batch++)
            {
                appendRange(journal, batch * 10L + 1, batch * 10L + 10);
                journal.commit();
            }
        }
        assertThat(Journal.segments(directory)).hasSizeGreaterThan(3);
        try (Journal journal = Journal.open(directory, 2_000, true))
        {
            assertThat(journal.lastSequence()).isEqualTo(300);
            assertThat(payloads(journal, 0)).hasSize(300);
            assertThat(payloads(journal, 255)).hasSize(45).first().isEqualTo("command 256");
            final List<Long> sequences = new ArrayList<>();
            journal.replay(100, 120, (sequence, buffer, offset, length) -> sequences.add(sequence));
            assertThat(sequences).hasSize(20).startsWith(101L).endsWith(120L);
        }
    }

    @Test
    void shouldRefuseCorruptionBeforeTheTail() throws IOException
    {
        try (Journal journal = Journal.open(directory, 500, true))
        {
            for (int batch = 0; batch < 10; batch++)
            {
                appendRange(journal, batch * 10L + 1, batch * 10L + 10);
                journal.commit();
            }
        }
        final Path first = Journal.segments(directory).get(0);
        final byte[] bytes = Files.readAllBytes(first);
        bytes[40] ^= 1;
        Files.write(first, bytes);
        assertThatThrownBy(() -> Journal.open(directory, 500, true)).isInstanceOf(JournalException.class)
            .hasMessageContaining("before the tail");
    }

    @Test
    void shouldRefuseSequencesThatDoNotFollow()
    {
        try (Journal journal = Journal.open(directory))
        {
            appendRange(journal, 1, 2);
            assertThatThrownBy(() -> journal.append(4, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private Path onlySegment() throws IOException
    {
        final List<Path> segments = Journal.segments(directory);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private static void truncate(final Path file, final long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
    }

    private static void appendRange(final Journal journal, final long from, final long to)
    {
        for (long sequence = from; sequence <= to; sequence++)
        {
            final byte[] payload = ("command " + sequence).getBytes(StandardCharsets.UTF_8);
            journal.append(sequence, payload, 0, payload.length);
        }
    }

    private static List<String> payloads(final Journal journal, final long after)
    {
        final List<String> payloads = new ArrayList<>();
        journal.replay(after, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            payloads.add(new String(buffer, offset, length, StandardCharsets.UTF_8)));
        return payloads;
    }
}
