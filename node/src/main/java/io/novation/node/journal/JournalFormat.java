package io.novation.node.journal;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of journal segments: a 16-byte segment header (magic "NVJL", a 4-byte version, the sequence of
 * its first record) and records of a 16-byte header (payload length, CRC32C over sequence and payload, sequence)
 * followed by the payload. Integers are big-endian; lengths in bytes.
 */
public final class JournalFormat
{
    /** "NVJL". */
    public static final int MAGIC = 0x4E564A4C;
    /** The version of this layout. */
    public static final int VERSION = 1;
    /** Bytes of the segment header. */
    public static final int SEGMENT_HEADER_LENGTH = 16;
    /** Bytes of a record header: length (4), CRC32C (4), sequence (8). */
    public static final int RECORD_HEADER_LENGTH = 16;
    /** Largest payload a record may carry. */
    public static final int MAX_PAYLOAD_LENGTH = 1 << 20;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    private JournalFormat()
    {
    }

    /**
     * The file name of the segment whose first record has a sequence.
     *
     * @param firstSequence the sequence.
     * @return e.g. "segment-00000000000000000001.log".
     */
    public static String segmentName(final long firstSequence)
    {
        return PREFIX + String.format("%020d", firstSequence) + SUFFIX;
    }

    /**
     * The first sequence a segment file name carries, or -1 when it is not a segment.
     *
     * @param file the file.
     * @return sequence or -1.
     */
    public static long firstSequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) ||
            name.length() != PREFIX.length() + 20 + SUFFIX.length())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * The checksum of a record: CRC32C over its 8-byte sequence and its payload.
     *
     * @param crc      a reusable checksum.
     * @param buffer   holds the record.
     * @param sequenceOffset offset of the sequence; the payload follows it.
     * @param payloadLength bytes of payload.
     * @return the checksum.
     */
    public static int checksum(final CRC32C crc, final byte[] buffer, final int sequenceOffset,
        final int payloadLength)
    {
        crc.reset();
        crc.update(buffer, sequenceOffset, 8 + payloadLength);
        return (int)crc.getValue();
    }
}
