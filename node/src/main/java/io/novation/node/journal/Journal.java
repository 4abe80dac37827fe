package io.novation.node.journal;

import io.novation.core.codec.BinaryWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal of sequenced records in segment files. {@link #append} stages a record in memory;
 * {@link #commit} writes every staged record and forces them to disk with one fsync (group commit), after which they
 * are durable and may be acknowledged. Opening a journal scans its last segment and cuts a torn tail at the last valid
 * record, so that a crash in the middle of a write never replays garbage. Sequences are consecutive from 1; sizes in
 * bytes. One thread appends and commits; {@link #replay} may run on another thread for records already committed.
 */
public final class Journal implements AutoCloseable
{
    /** Default size at which a new segment is started. */
    public static final long DEFAULT_SEGMENT_SIZE = 256L << 20;

    private final Path directory;
    private final long segmentSize;
    private final boolean fsync;
    private final CRC32C crc = new CRC32C();
    private final BinaryWriter staged = new BinaryWriter(1 << 20);
    private final List<Long> segmentFirstSequences = new ArrayList<>();
    private FileChannel channel;
    private long segmentLength;
    private long lastSequence;
    private volatile long durableSequence;
    private final String recovery;

    private Journal(final Path directory, final long segmentSize, final boolean fsync) throws IOException
    {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.fsync = fsync;
        Files.createDirectories(directory);
        recovery = recover();
    }

    /**
     * Opens (or creates) a journal, cutting a torn tail.
     *
     * @param directory   where its segments live.
     * @param segmentSize bytes after which a new segment starts.
     * @param fsync       whether commits force the data to disk (false only for tests and benchmarks of the rest).
     * @return the journal, positioned after its last valid record.
     */
    public static Journal open(final Path directory, final long segmentSize, final boolean fsync)
    {
        try
        {
            return new Journal(directory, segmentSize, fsync);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot open the journal in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens a journal with the default segment size and fsync.
     *
     * @param directory where its segments live.
     * @return the journal.
     */
    public static Journal open(final Path directory)
    {
        return open(directory, DEFAULT_SEGMENT_SIZE, true);
    }

    private String recover() throws IOException
    {
        final List<Path> segments = segments(directory);
        final SegmentReader reader = new SegmentReader();
        String note = "empty journal";
        long expected = 1;
        for (int i = 0; i < segments.size(); i++)
        {
            final Path segment = segments.get(i);
            final long first = JournalFormat.firstSequenceOf(segment);
            if (first != expected)
            {
                throw new JournalException("segment " + segment.getFileName() + " should start at " + expected, null);
            }
            reader.scan(segment, first, 0, Long.MAX_VALUE, null);
            final boolean last = i == segments.size() - 1;
            if (!reader.clean())
            {
                if (!last)
                {
                    throw new JournalException("corrupt journal segment " + segment.getFileName() + " before the " +
                        "tail: " + reader.fault(), null);
                }
                if (reader.validEnd() < JournalFormat.SEGMENT_HEADER_LENGTH)
                {
                    Files.delete(segment);
                    note = "deleted a segment with a torn header: " + segment.getFileName();
                    break;
                }
                try (FileChannel cut = FileChannel.open(segment, StandardOpenOption.WRITE))
                {
                    final long before = cut.size();
                    cut.truncate(reader.validEnd());
                    cut.force(true);
                    note = "cut a torn tail of " + (before - reader.validEnd()) + " bytes (" + reader.fault() +
                        ") from " + segment.getFileName();
                }
            }
            segmentFirstSequences.add(first);
            expected = reader.lastSequence() + 1;
            if (reader.clean())
            {
                note = "clean";
            }
        }
        lastSequence = expected - 1;
        durableSequence = lastSequence;
        if (!segmentFirstSequences.isEmpty())
        {
            final Path tail = directory.resolve(JournalFormat.segmentName(
                segmentFirstSequences.get(segmentFirstSequences.size() - 1)));
            channel = FileChannel.open(tail, StandardOpenOption.WRITE, StandardOpenOption.READ);
            segmentLength = channel.size();
            channel.position(segmentLength);
        }
        return note;
    }

    static List<Path> segments(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(f -> JournalFormat.firstSequenceOf(f) >= 0)
                .sorted((a, b) -> Long.compare(JournalFormat.firstSequenceOf(a), JournalFormat.firstSequenceOf(b)))
                .toList();
        }
    }

    /**
     * What opening the journal found: "clean", "empty journal", or the tail it cut.
     *
     * @return a sentence.
     */
    public String recovery()
    {
        return recovery;
    }

    /**
     * The sequence of the last appended record (staged or committed).
     *
     * @return sequence, 0 when empty.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * The sequence of the last record forced to disk.
     *
     * @return sequence, 0 when none.
     */
    public long durableSequence()
    {
        return durableSequence;
    }

    /**
     * Stages one record; it is durable after the next {@link #commit()}.
     *
     * @param sequence {@link #lastSequence()} + 1.
     * @param payload  source of the payload.
     * @param offset   first byte.
     * @param length   bytes, at most {@link JournalFormat#MAX_PAYLOAD_LENGTH}.
     */
    public void append(final long sequence, final byte[] payload, final int offset, final int length)
    {
        if (sequence != lastSequence + 1)
        {
            throw new IllegalArgumentException("sequence " + sequence + " does not follow " + lastSequence);
        }
        if (length > JournalFormat.MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("payload of " + length + " bytes is too large");
        }
        final int at = staged.length();
        staged.ensure(JournalFormat.RECORD_HEADER_LENGTH + length);
        staged.putInt(length).putInt(0).putLong(sequence).putBytes(payload, offset, length);
        BinaryWriter.putIntAt(staged.buffer(), at + 4, JournalFormat.checksum(crc, staged.buffer(), at + 8, length));
        lastSequence = sequence;
    }

    /**
     * Writes every staged record and forces them to disk: one fsync for the whole group.
     */
    public void commit()
    {
        if (staged.length() == 0)
        {
            return;
        }
        try
        {
            if (channel == null || segmentLength >= segmentSize)
            {
                roll(firstStagedSequence());
            }
            final ByteBuffer data = ByteBuffer.wrap(staged.buffer(), 0, staged.length());
            while (data.hasRemaining())
            {
                channel.write(data);
            }
            segmentLength += staged.length();
            if (fsync)
            {
                channel.force(false);
            }
            staged.reset();
            durableSequence = lastSequence;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write the journal: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes every staged record and forces the current segment to disk whatever the fsync setting: for a journal
     * that copies a log kept durable elsewhere, at the points where the copy must be durable too.
     */
    public void commitAndForce()
    {
        commit();
        try
        {
            if (channel != null)
            {
                channel.force(false);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot force the journal: " + ex.getMessage(), ex);
        }
    }

    private long firstStagedSequence()
    {
        return io.novation.core.codec.BinaryReader.getLongAt(staged.buffer(), 8);
    }

    private void roll(final long firstSequence) throws IOException
    {
        if (channel != null)
        {
            channel.force(true);
            channel.close();
        }
        final Path segment = directory.resolve(JournalFormat.segmentName(firstSequence));
        channel = FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        final byte[] header = new byte[JournalFormat.SEGMENT_HEADER_LENGTH];
        BinaryWriter.putIntAt(header, 0, JournalFormat.MAGIC);
        BinaryWriter.putIntAt(header, 4, JournalFormat.VERSION);
        BinaryWriter.putLongAt(header, 8, firstSequence);
        final ByteBuffer data = ByteBuffer.wrap(header);
        while (data.hasRemaining())
        {
            channel.write(data);
        }
        segmentLength = header.length;
        if (fsync)
        {
            channel.force(true);
            forceDirectory();
        }
        synchronized (segmentFirstSequences)
        {
            segmentFirstSequences.add(firstSequence);
        }
    }

    private void forceDirectory()
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
        catch (final IOException ex)
        {
            // Some file systems cannot open a directory for reading; the segment itself was forced.
        }
    }

    /**
     * Hands committed records to a handler in sequence order.
     *
     * @param after   records up to this sequence are skipped.
     * @param upTo    the last record to hand over; at most {@link #durableSequence()}.
     * @param handler receives the records.
     * @return the sequence of the last record handed over (or skipped), {@code after} when none.
     */
    public long replay(final long after, final long upTo, final JournalRecordHandler handler)
    {
        return replay(directory, after, Math.min(upTo, durableSequence), handler);
    }

    /**
     * Reads the committed records of a journal directory without opening it for writing.
     *
     * @param directory the journal's directory.
     * @param after     records up to this sequence are skipped.
     * @param upTo      the last record to hand over.
     * @param handler   receives the records.
     * @return the sequence of the last valid record read, at least {@code after} when any exists.
     */
    public static long replay(final Path directory, final long after, final long upTo,
        final JournalRecordHandler handler)
    {
        try
        {
            final List<Path> segments = segments(directory);
            final SegmentReader reader = new SegmentReader();
            long last = 0;
            for (int i = 0; i < segments.size() && last < upTo; i++)
            {
                final long first = JournalFormat.firstSequenceOf(segments.get(i));
                final long next = i + 1 < segments.size() ? JournalFormat.firstSequenceOf(segments.get(i + 1)) :
                    Long.MAX_VALUE;
                if (next <= after + 1)
                {
                    last = next - 1;
                    continue;
                }
                reader.scan(segments.get(i), first, after, upTo, handler);
                last = reader.lastSequence();
                if (!reader.clean())
                {
                    break;
                }
            }
            return last;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read the journal in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads every record of a journal directory and tells the first damage found, for audits: unlike recovery it
     * does not forgive a torn tail.
     *
     * @param directory the journal's directory.
     * @param handler   receives every valid record up to the damage.
     * @return null when every segment reads to its end; else the segment, the fault and the last valid sequence.
     */
    public static String replayChecked(final Path directory, final JournalRecordHandler handler)
    {
        try
        {
            final List<Path> segments = segments(directory);
            final SegmentReader reader = new SegmentReader();
            for (final Path segment : segments)
            {
                reader.scan(segment, JournalFormat.firstSequenceOf(segment), 0, Long.MAX_VALUE, handler);
                if (!reader.clean())
                {
                    return segment.getFileName() + ": " + reader.fault() + " after sequence " + reader.lastSequence();
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read the journal in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The directory of the segments.
     *
     * @return the path.
     */
    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        try
        {
            commit();
            if (channel != null)
            {
                channel.close();
                channel = null;
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot close the journal: " + ex.getMessage(), ex);
        }
    }
}
