package io.novation.node.journal;

import io.novation.core.codec.BinaryReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads one segment file record by record through a reusable buffer, checking each record's length, checksum and
 * sequence, and reports where the valid records end: the end of the file, or the first record that is torn (shorter
 * than its length), fails its checksum, or breaks the sequence. Offsets are in bytes.
 */
final class SegmentReader
{
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[1 << 20];
    private long validEnd;
    private long lastSequence;
    private boolean clean;
    private String fault;

    /**
     * Scans a segment.
     *
     * @param file          the segment.
     * @param firstSequence the sequence its first record must have.
     * @param upTo          stop after the record with this sequence.
     * @param handler       receives each valid record with a sequence above {@code after}; may be null.
     * @param after         records up to this sequence are checked but not handed over.
     * @throws IOException when the file cannot be read.
     */
    void scan(final Path file, final long firstSequence, final long after, final long upTo,
        final JournalRecordHandler handler) throws IOException
    {
        scanFrom(file, firstSequence, 0, firstSequence - 1, after, upTo, handler);
    }

    /**
     * Like {@link #scan}, but starts at a record boundary found by an earlier scan of the same segment (its
     * {@link #validEnd()} and {@link #lastSequence()}) instead of the first record; 0 starts at the first record.
     */
    void scanFrom(final Path file, final long firstSequence, final long fromOffset, final long fromSequence,
        final long after, final long upTo, final JournalRecordHandler handler) throws IOException
    {
        validEnd = 0;
        lastSequence = firstSequence - 1;
        clean = false;
        fault = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < JournalFormat.SEGMENT_HEADER_LENGTH)
            {
                fault = "segment header torn";
                return;
            }
            int start = 0;
            int end = fill(channel, 0, 0);
            if (BinaryReader.getIntAt(buffer, 0) != JournalFormat.MAGIC ||
                BinaryReader.getIntAt(buffer, 4) != JournalFormat.VERSION ||
                BinaryReader.getLongAt(buffer, 8) != firstSequence)
            {
                fault = "bad segment header";
                return;
            }
            start = JournalFormat.SEGMENT_HEADER_LENGTH;
            long position = JournalFormat.SEGMENT_HEADER_LENGTH;
            if (fromOffset > JournalFormat.SEGMENT_HEADER_LENGTH)
            {
                channel.position(fromOffset);
                start = 0;
                end = 0;
                position = fromOffset;
                lastSequence = fromSequence;
            }
            validEnd = position;
            while (true)
            {
                if (lastSequence >= upTo)
                {
                    clean = true;
                    return;
                }
                if (end - start < JournalFormat.RECORD_HEADER_LENGTH)
                {
                    end = fill(channel, start, end);
                    start = 0;
                    if (end < JournalFormat.RECORD_HEADER_LENGTH)
                    {
                        clean = end == 0;
                        fault = clean ? null : "record header torn at " + position;
                        return;
                    }
                }
                final int length = BinaryReader.getIntAt(buffer, start);
                if (length < 0 || length > JournalFormat.MAX_PAYLOAD_LENGTH)
                {
                    fault = "record length " + length + " at " + position;
                    return;
                }
                final int recordLength = JournalFormat.RECORD_HEADER_LENGTH + length;
                if (end - start < recordLength)
                {
                    if (recordLength > buffer.length)
                    {
                        final byte[] larger = new byte[recordLength * 2];
                        System.arraycopy(buffer, start, larger, 0, end - start);
                        buffer = larger;
                        end -= start;
                        start = 0;
                    }
                    end = fill(channel, start, end);
                    start = 0;
                    if (end < recordLength)
                    {
                        fault = "record torn at " + position;
                        return;
                    }
                }
                final int storedCrc = BinaryReader.getIntAt(buffer, start + 4);
                final long sequence = BinaryReader.getLongAt(buffer, start + 8);
                if (JournalFormat.checksum(crc, buffer, start + 8, length) != storedCrc)
                {
                    fault = "checksum mismatch at " + position;
                    return;
                }
                if (sequence != lastSequence + 1)
                {
                    fault = "sequence " + sequence + " after " + lastSequence + " at " + position;
                    return;
                }
                if (handler != null && sequence > after)
                {
                    handler.onRecord(sequence, buffer, start + JournalFormat.RECORD_HEADER_LENGTH, length);
                }
                lastSequence = sequence;
                start += recordLength;
                position += recordLength;
                validEnd = position;
            }
        }
    }

    /** Moves the unread bytes [start, end) to the front and reads more; returns the new end. */
    private int fill(final FileChannel channel, final int start, final int end) throws IOException
    {
        final int kept = end - start;
        System.arraycopy(buffer, start, buffer, 0, kept);
        final ByteBuffer target = ByteBuffer.wrap(buffer, kept, buffer.length - kept);
        while (target.hasRemaining())
        {
            if (channel.read(target) < 0)
            {
                break;
            }
        }
        return target.position();
    }

    long validEnd()
    {
        return validEnd;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    boolean clean()
    {
        return clean;
    }

    String fault()
    {
        return fault;
    }
}
