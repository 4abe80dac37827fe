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
 * are durable and may be acknowledged; after each fsync the {@link DurableMark} records the durable length. Opening
 * a journal refuses, changing nothing on disk, any damage inside what the mark says was durable or followed by a
 * valid record; only a torn tail past the mark (never acknowledged) is cut, its bytes kept in the quarantine
 * directory. {@link #repair} cuts at the first damage when an operator asks (docs/protocol.md §13.4). Sequences
 * are consecutive from 1; sizes in bytes. One thread appends and commits; {@link #replay} may run on another thread
 * for records already committed.
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
    private final byte[] markBuffer = new byte[64];
    private final ByteBuffer markView = ByteBuffer.wrap(markBuffer);
    private final CRC32C markCrc = new CRC32C();
    /** A view of {@link #staged}'s array, wrapped again only when the array grows. */
    private ByteBuffer stagedView = ByteBuffer.allocate(0);
    private FileChannel markChannel;
    private long markCounter;
    private long currentFirst;

    private Journal(final Path directory, final long segmentSize, final boolean fsync, final long required)
        throws IOException
    {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.fsync = fsync;
        Files.createDirectories(directory);
        recovery = recover(required);
    }

    /**
     * Opens (or creates) a journal, cutting a torn tail past its durable mark.
     *
     * @param directory   where its segments live.
     * @param segmentSize bytes after which a new segment starts.
     * @param fsync       whether commits force the data to disk (false only for tests and benchmarks of the rest).
     * @return the journal, positioned after its last valid record.
     */
    public static Journal open(final Path directory, final long segmentSize, final boolean fsync)
    {
        return open(directory, segmentSize, fsync, 0);
    }

    /**
     * Opens (or creates) a journal that must reach a sequence (that of a snapshot), refusing before any change on
     * disk when it does not.
     *
     * @param directory   where its segments live.
     * @param segmentSize bytes after which a new segment starts.
     * @param fsync       whether commits force the data to disk.
     * @param required    the sequence the journal must reach.
     * @return the journal, positioned after its last valid record.
     */
    public static Journal open(final Path directory, final long segmentSize, final boolean fsync,
        final long required)
    {
        try
        {
            return new Journal(directory, segmentSize, fsync, required);
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

    private String recover(final long required) throws IOException
    {
        final List<Path> segments = segments(directory);
        final DurableMark mark = DurableMark.read(directory);
        final SegmentReader reader = new SegmentReader();
        String note = segments.isEmpty() ? "empty journal" : "clean";
        long expected = 1;
        Path torn = null;
        long tornAt = 0;
        String tornFault = null;
        for (int i = 0; i < segments.size(); i++)
        {
            final Path segment = segments.get(i);
            final long first = JournalFormat.firstSequenceOf(segment);
            if (first != expected)
            {
                throw damage(segment, 0, "the segment should start at sequence " + expected);
            }
            reader.scan(segment, first, 0, Long.MAX_VALUE, null);
            final long durable = durableLength(mark, first);
            if (!reader.clean())
            {
                if (i < segments.size() - 1)
                {
                    throw damage(segment, reader.validEnd(), reader.fault() + ", before the tail");
                }
                if (reader.validEnd() < durable)
                {
                    throw damage(segment, reader.validEnd(), reader.fault() + ", inside the durable part of the " +
                        "journal (its durable mark is at offset " + durable + ")");
                }
                final long follower = TailScan.firstValidRecord(segment,
                    Math.max(reader.validEnd() + 1, JournalFormat.SEGMENT_HEADER_LENGTH), reader.lastSequence());
                if (follower >= 0)
                {
                    throw damage(segment, reader.validEnd(), reader.fault() + ", with a valid record after it at " +
                        "offset " + follower);
                }
                torn = segment;
                tornAt = reader.validEnd();
                tornFault = reader.fault();
            }
            else if (reader.validEnd() < durable && durable != Long.MAX_VALUE)
            {
                throw damage(segment, reader.validEnd(), "the segment ends before its durable mark at offset " +
                    durable + ": durable records were lost");
            }
            if (reader.validEnd() >= JournalFormat.SEGMENT_HEADER_LENGTH)
            {
                segmentFirstSequences.add(first);
            }
            expected = reader.lastSequence() + 1;
        }
        lastSequence = expected - 1;
        if (mark != null && (mark.sequence() > lastSequence ||
            mark.length() > 0 && !segmentFirstSequences.contains(mark.segmentFirst())))
        {
            throw new JournalException("the journal in " + directory + " ends at sequence " + lastSequence +
                " but its durable mark says sequence " + mark.sequence() + " in " +
                JournalFormat.segmentName(mark.segmentFirst()) + " at offset " + mark.length() +
                ": durable records were lost; nothing was changed on disk (novation node --repair cuts the " +
                "journal to what is left)", null);
        }
        if (lastSequence < required)
        {
            throw new JournalException("the journal in " + directory + " ends at sequence " + lastSequence +
                " but a snapshot is at " + required + ": the journal lost durable records; nothing was changed " +
                "on disk", null);
        }
        if (torn != null)
        {
            note = "torn tail (" + tornFault + "): " + Quarantine.cut(directory, torn, tornAt);
        }
        durableSequence = lastSequence;
        if (!segmentFirstSequences.isEmpty())
        {
            currentFirst = segmentFirstSequences.get(segmentFirstSequences.size() - 1);
            final Path tail = directory.resolve(JournalFormat.segmentName(currentFirst));
            channel = FileChannel.open(tail, StandardOpenOption.WRITE, StandardOpenOption.READ);
            segmentLength = channel.size();
            channel.position(segmentLength);
        }
        markCounter = mark == null ? 0 : mark.counter();
        markChannel = FileChannel.open(directory.resolve(DurableMark.FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.READ);
        return note;
    }

    /** Bytes of a segment the mark says were durable: all of a segment before the mark's, none after it. */
    private static long durableLength(final DurableMark mark, final long segmentFirst)
    {
        if (mark == null || mark.segmentFirst() < segmentFirst)
        {
            return 0;
        }
        return mark.segmentFirst() == segmentFirst ? mark.length() : Long.MAX_VALUE;
    }

    private static JournalException damage(final Path segment, final long offset, final String fault)
    {
        return new JournalException("journal damaged: " + segment + " at offset " + offset + ": " + fault +
            ". The node will not start and nothing was changed on disk; `novation node --repair` cuts the journal " +
            "there (the cut bytes are kept in the journal's " + Quarantine.DIRECTORY + " directory)", null);
    }

    /**
     * Cuts a damaged journal at its first damage, for an operator who asked: the bytes from the damage on and every
     * later segment are moved into the quarantine directory (never deleted), and the durable mark is set to what is
     * left.
     *
     * @param directory the journal's directory.
     * @return one line per thing dropped (file, offset, bytes, records), or one line saying nothing was.
     */
    public static List<String> repair(final Path directory)
    {
        try
        {
            final List<String> lines = new ArrayList<>();
            final List<Path> segments = segments(directory);
            final DurableMark mark = DurableMark.read(directory);
            final SegmentReader reader = new SegmentReader();
            long expected = 1;
            long keptFirst = 0;
            long keptLength = 0;
            int dropFrom = segments.size();
            for (int i = 0; i < segments.size(); i++)
            {
                final Path segment = segments.get(i);
                final long first = JournalFormat.firstSequenceOf(segment);
                if (first != expected)
                {
                    dropFrom = i;
                    break;
                }
                reader.scan(segment, first, 0, Long.MAX_VALUE, null);
                final long durable = durableLength(mark, first);
                final boolean shortened = reader.validEnd() < durable && durable != Long.MAX_VALUE;
                if (!reader.clean())
                {
                    final TailScan after = TailScan.validRecords(segment,
                        Math.max(reader.validEnd() + 1, JournalFormat.SEGMENT_HEADER_LENGTH), reader.lastSequence());
                    lines.add(segment.getFileName() + " at offset " + reader.validEnd() + ": " + reader.fault() +
                        "; dropped the damaged record and " + after.count() + " valid records after it" +
                        (after.count() == 0 ? "" : " (sequences " + after.firstSequence() + " to " +
                            after.lastSequence() + ")") + "; " + Quarantine.cut(directory, segment,
                            reader.validEnd()));
                    expected = reader.lastSequence() + 1;
                    if (reader.validEnd() >= JournalFormat.SEGMENT_HEADER_LENGTH)
                    {
                        keptFirst = first;
                        keptLength = reader.validEnd();
                    }
                    dropFrom = i + 1;
                    break;
                }
                if (shortened)
                {
                    lines.add(segment.getFileName() + " ends at offset " + reader.validEnd() + " before its durable " +
                        "mark at offset " + durable + ": the records there were lost before the repair");
                }
                keptFirst = first;
                keptLength = reader.validEnd();
                expected = reader.lastSequence() + 1;
            }
            for (int i = dropFrom; i < segments.size(); i++)
            {
                final Path segment = segments.get(i);
                final TailScan records = TailScan.validRecords(segment, JournalFormat.SEGMENT_HEADER_LENGTH, 0);
                lines.add(segment.getFileName() + ": dropped the whole segment after the damage, " + records.count() +
                    " valid records" + (records.count() == 0 ? "" : " (sequences " + records.firstSequence() +
                    " to " + records.lastSequence() + ")") + "; " + Quarantine.moveWhole(directory, segment,
                    "after the damage"));
            }
            final long last = expected - 1;
            if (mark != null && mark.sequence() > last)
            {
                lines.add("the durable mark said sequence " + mark.sequence() + "; the journal now ends at " + last +
                    ": sequences " + (last + 1) + " to " + mark.sequence() + " are gone");
            }
            if (lines.isEmpty())
            {
                lines.add("nothing to repair: the journal reads to its end at sequence " + last);
            }
            else
            {
                lines.add("the journal now ends at sequence " + last);
            }
            new DurableMark(mark == null ? 0 : mark.counter() + 1, keptFirst, keptLength, last).replace(directory);
            return lines;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot repair the journal in " + directory + ": " + ex.getMessage(), ex);
        }
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
            if (stagedView.array() != staged.buffer())
            {
                stagedView = ByteBuffer.wrap(staged.buffer());
            }
            final ByteBuffer data = stagedView.clear().limit(staged.length());
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
            markCounter++;
            DurableMark.write(markChannel, markView, markCrc, markCounter, currentFirst, segmentLength, lastSequence);
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
        currentFirst = firstSequence;
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
            if (markChannel != null)
            {
                markChannel.force(true);
                markChannel.close();
                markChannel = null;
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot close the journal: " + ex.getMessage(), ex);
        }
    }
}
