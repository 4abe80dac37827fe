package io.novation.node.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tail over a journal that grows while it is read, across segments: each step hands over exactly the new records,
 * as a full replay would, and a step that does not start at its position falls back to a full scan.
 */
class JournalTailTest
{
    @TempDir
    Path directory;

    @Test
    void shouldHandOverExactlyTheNewRecordsOfAGrowingJournalAcrossSegments()
    {
        final JournalTail tail = new JournalTail(directory);
        final List<Long> seen = new ArrayList<>();
        final JournalRecordHandler handler = (sequence, buffer, offset, length) ->
        {
            assertThat(ByteBuffer.wrap(buffer, offset, length).getLong()).isEqualTo(sequence * 31);
            seen.add(sequence);
        };
        // Segments of about 2 KiB: 40-byte records, so a step often spans a segment boundary.
        try (Journal journal = Journal.open(directory, 2_048, false))
        {
            long written = 0;
            long read = 0;
            for (final int step : new int[] {1, 7, 50, 3, 120, 1, 64, 200})
            {
                for (int i = 0; i < step; i++)
                {
                    written++;
                    final byte[] payload = ByteBuffer.allocate(24).putLong(written * 31).array();
                    journal.append(written, payload, 0, payload.length);
                }
                journal.commit();
                assertThat(tail.replay(read, written, handler)).isEqualTo(written);
                read = written;
            }
            assertThat(Journal.segments(directory)).hasSizeGreaterThan(3);
            // A step that starts in a new segment reads it from its start, which holds only new records.
            assertThat(tail.resumedSteps()).as("steps that continued inside a segment").isPositive();
            final List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= written; s++)
            {
                expected.add(s);
            }
            assertThat(seen).isEqualTo(expected);

            // Asked for records before its position, it reads them again from the segments.
            seen.clear();
            assertThat(tail.replay(written - 100, written - 90, handler)).isEqualTo(written - 90);
            assertThat(seen).containsExactlyElementsOf(expected.subList((int)written - 100, (int)written - 90));
            seen.clear();
            assertThat(tail.replay(written - 90, written, handler)).isEqualTo(written);
            assertThat(seen).containsExactlyElementsOf(expected.subList((int)written - 90, (int)written));
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldContinueFromItsPositionInsideOneSegment()
    {
        final JournalTail tail = new JournalTail(directory);
        final long[] count = {0};
        try (Journal journal = Journal.open(directory, Journal.DEFAULT_SEGMENT_SIZE, false))
        {
            for (long sequence = 1; sequence <= 10; sequence++)
            {
                journal.append(sequence, new byte[] {(byte)sequence}, 0, 1);
                journal.commit();
                final long expected = sequence;
                tail.replay(sequence - 1, sequence, (s, buffer, offset, length) ->
                {
                    assertThat(s).isEqualTo(expected);
                    assertThat(buffer[offset]).isEqualTo((byte)expected);
                    count[0]++;
                });
            }
        }
        assertThat(count[0]).isEqualTo(10);
        assertThat(tail.resumedSteps()).isEqualTo(9);
    }
}
