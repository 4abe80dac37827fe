package io.novation.node.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Looks for whole, valid records in the bytes of a segment after a fault, at every byte offset: a record there means
 * the fault is damage in the middle of written data, not a torn tail. Offsets in bytes.
 */
final class TailScan
{
    private long count;
    private long firstSequence;
    private long lastSequence;

    /**
     * The offset of the first valid record at or after an offset whose sequence is above a sequence.
     *
     * @param segment the segment file.
     * @param from    the first offset to try.
     * @param after   records must have a higher sequence.
     * @return the offset, or -1 when there is none.
     * @throws IOException when the file cannot be read.
     */
    static long firstValidRecord(final Path segment, final long from, final long after) throws IOException
    {
        final TailScan scan = new TailScan();
        return scan.scan(segment, from, after, true);
    }

    /**
     * Counts the valid records at or after an offset with rising sequences above a sequence.
     *
     * @param segment the segment file.
     * @param from    the first offset to try.
     * @param after   records must have a higher sequence.
     * @return this scan, with its count and sequences.
     * @throws IOException when the file cannot be read.
     */
    static TailScan validRecords(final Path segment, final long from, final long after) throws IOException
    {
        final TailScan scan = new TailScan();
        scan.scan(segment, from, after, false);
        return scan;
    }

    private long scan(final Path segment, final long from, final long after, final boolean firstOnly)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size - from < JournalFormat.RECORD_HEADER_LENGTH || size > Integer.MAX_VALUE)
            {
                return -1;
            }
            final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            final CRC32C crc = new CRC32C();
            long last = after;
            long found = -1;
            int position = (int)Math.max(0, from);
            while (position + JournalFormat.RECORD_HEADER_LENGTH <= size)
            {
                final int length = bytes.getInt(position);
                final long sequence = bytes.getLong(position + 8);
                if (length >= 0 && length <= JournalFormat.MAX_PAYLOAD_LENGTH &&
                    position + (long)JournalFormat.RECORD_HEADER_LENGTH + length <= size &&
                    sequence > last && sequence - last <= size / JournalFormat.RECORD_HEADER_LENGTH + 1 &&
                    checksum(crc, bytes, position + 8, length) == bytes.getInt(position + 4))
                {
                    if (found < 0)
                    {
                        found = position;
                        firstSequence = sequence;
                    }
                    if (firstOnly)
                    {
                        return found;
                    }
                    count++;
                    lastSequence = sequence;
                    last = sequence;
                    position += JournalFormat.RECORD_HEADER_LENGTH + length;
                    continue;
                }
                position++;
            }
            return found;
        }
    }

    private static int checksum(final CRC32C crc, final ByteBuffer bytes, final int sequenceOffset, final int length)
    {
        crc.reset();
        crc.update(bytes.slice(sequenceOffset, 8 + length));
        return (int)crc.getValue();
    }

    long count()
    {
        return count;
    }

    long firstSequence()
    {
        return firstSequence;
    }

    long lastSequence()
    {
        return lastSequence;
    }
}
