package io.novation.node.journal;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The journal's durable mark: the segment, the length in bytes and the sequence that the last commit had forced to
 * disk when it returned, so before any record it made durable was acknowledged. It lives in the file
 * {@value #FILE} of the journal's directory as two 64-byte slots written in turn (magic "NVDM", version, a counter,
 * the segment's first sequence, the length, the sequence, CRC32C), so a torn write of one slot leaves the other;
 * the valid slot with the higher counter is the mark.
 *
 * @param counter       how many marks were written before this one.
 * @param segmentFirst  the first sequence of the segment the length applies to.
 * @param length        bytes of that segment that were durable.
 * @param sequence      the last durable sequence.
 */
public record DurableMark(long counter, long segmentFirst, long length, long sequence)
{
    /** The mark's file name in the journal's directory. */
    public static final String FILE = "durable.mark";
    /** "NVDM". */
    static final int MAGIC = 0x4E56444D;
    private static final int VERSION = 1;
    private static final int SLOT = 64;
    private static final int BODY = 40;

    /**
     * Reads the mark of a journal directory.
     *
     * @param directory the journal's directory.
     * @return the mark, or null when the file is absent or neither slot is valid.
     * @throws IOException when the file cannot be read.
     */
    static DurableMark read(final Path directory) throws IOException
    {
        final Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        final byte[] bytes = Files.readAllBytes(file);
        final CRC32C crc = new CRC32C();
        DurableMark best = null;
        for (int slot = 0; slot + SLOT <= bytes.length; slot += SLOT)
        {
            crc.reset();
            crc.update(bytes, slot, BODY);
            if (BinaryReader.getIntAt(bytes, slot) != MAGIC || BinaryReader.getIntAt(bytes, slot + 4) != VERSION ||
                BinaryReader.getIntAt(bytes, slot + BODY) != (int)crc.getValue())
            {
                continue;
            }
            final DurableMark mark = new DurableMark(BinaryReader.getLongAt(bytes, slot + 8),
                BinaryReader.getLongAt(bytes, slot + 16), BinaryReader.getLongAt(bytes, slot + 24),
                BinaryReader.getLongAt(bytes, slot + 32));
            if (best == null || mark.counter > best.counter)
            {
                best = mark;
            }
        }
        return best;
    }

    /**
     * Writes this mark into its slot (the counter's parity) of an open mark file.
     *
     * @param channel the mark file, open for writing.
     * @param buffer  a reusable buffer of at least 64 bytes.
     * @throws IOException when the write fails.
     */
    void write(final FileChannel channel, final byte[] buffer) throws IOException
    {
        write(channel, ByteBuffer.wrap(buffer, 0, SLOT), new CRC32C(), counter, segmentFirst, length, sequence);
    }

    /**
     * Writes a mark of these fields into its slot (the counter's parity) of an open mark file, through a reused
     * buffer and checksum, without a mark object: what a journal does at every commit.
     *
     * @param channel      the mark file, open for writing.
     * @param view         a heap buffer over a reusable array of at least 64 bytes, from its start.
     * @param crc          a reusable checksum.
     * @param counter      the mark's counter.
     * @param segmentFirst the first sequence of the segment it points into.
     * @param length       the segment's durable length, bytes.
     * @param sequence     the last durable sequence.
     * @throws IOException when the write fails.
     */
    static void write(final FileChannel channel, final ByteBuffer view, final CRC32C crc, final long counter,
        final long segmentFirst, final long length, final long sequence) throws IOException
    {
        final byte[] buffer = view.array();
        BinaryWriter.putIntAt(buffer, 0, MAGIC);
        BinaryWriter.putIntAt(buffer, 4, VERSION);
        BinaryWriter.putLongAt(buffer, 8, counter);
        BinaryWriter.putLongAt(buffer, 16, segmentFirst);
        BinaryWriter.putLongAt(buffer, 24, length);
        BinaryWriter.putLongAt(buffer, 32, sequence);
        crc.reset();
        crc.update(buffer, 0, BODY);
        BinaryWriter.putIntAt(buffer, BODY, (int)crc.getValue());
        view.clear().limit(SLOT);
        long position = (counter & 1) * SLOT;
        while (view.hasRemaining())
        {
            position += channel.write(view, position);
        }
    }

    /**
     * Replaces the mark of a journal directory with this one in both slots and forces it: for a repair.
     *
     * @param directory the journal's directory.
     * @throws IOException when the write fails.
     */
    void replace(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE))
        {
            final byte[] buffer = new byte[SLOT];
            write(channel, buffer);
            new DurableMark(counter + 1, segmentFirst, length, sequence).write(channel, buffer);
            channel.force(true);
        }
    }
}
