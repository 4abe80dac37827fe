package io.novation.node.journal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18, finding 6, for any bit of an acknowledged journal: flipped, it stops the start (never a shorter journal
 * started as if whole) and the segment is left as it was.
 */
class JournalFlipPropertiesTest
{
    private static final int RECORDS = 300;

    @Property(tries = 200)
    void shouldRefuseEveryFlippedBitOfTheAcknowledgedJournal(
        @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) final double where,
        @ForAll @IntRange(min = 0, max = 7) final int bit) throws IOException
    {
        final Path directory = Files.createTempDirectory("journal-flip");
        try
        {
            try (Journal journal = Journal.open(directory, Journal.DEFAULT_SEGMENT_SIZE, false))
            {
                for (int sequence = 1; sequence <= RECORDS; sequence++)
                {
                    final byte[] payload = ("command " + sequence).getBytes(StandardCharsets.UTF_8);
                    journal.append(sequence, payload, 0, payload.length);
                    if (sequence % 7 == 0)
                    {
                        journal.commit();
                    }
                }
            }
            final Path segment = directory.resolve(JournalFormat.segmentName(1));
            final byte[] bytes = Files.readAllBytes(segment);
            bytes[(int)(where * bytes.length)] ^= (byte)(1 << bit);
            Files.write(segment, bytes);

            assertThatThrownBy(() -> Journal.open(directory)).isInstanceOf(JournalException.class)
                .hasMessageContaining(segment.toString());

            assertThat(Files.readAllBytes(segment)).isEqualTo(bytes);
            assertThat(directory.resolve(Quarantine.DIRECTORY)).doesNotExist();
        }
        finally
        {
            try (Stream<Path> walk = Files.walk(directory))
            {
                for (final Path file : walk.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(file);
                }
            }
        }
    }
}
