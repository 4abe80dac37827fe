package io.novation.node.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Follows a growing journal directory for a reader that replays it in steps (the history service): remembers the
 * segment and byte offset after the last record it handed over, so the next step reads only the new records instead
 * of the current segment from its start. Checks every record as {@link Journal#replay(Path, long, long,
 * JournalRecordHandler)} does and falls back to it when asked for records other than those right after its position.
 * One thread uses it.
 */
public final class JournalTail
{
    private final Path directory;
    private final SegmentReader reader = new SegmentReader();
    private long segmentFirst = -1;
    private long offset;
    private long lastSequence = -1;
    private long resumedSteps;

    /**
     * A tail over a journal directory.
     *
     * @param directory the journal's directory.
     */
    public JournalTail(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Hands over the committed records with a sequence in (after, upTo], in order, up to the first fault.
     *
     * @param after   records up to this sequence are skipped.
     * @param upTo    the last record to hand over (at most the durable sequence: records being written are not
     *                complete).
     * @param handler receives the records.
     * @return the sequence of the last valid record read.
     */
    public long replay(final long after, final long upTo, final JournalRecordHandler handler)
    {
        try
        {
            final List<Path> segments = Journal.segments(directory);
            long last = 0;
            boolean scanned = false;
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
                final boolean resume = !scanned && first == segmentFirst && lastSequence == after && offset > 0;
                if (resume)
                {
                    resumedSteps++;
                    reader.scanFrom(segments.get(i), first, offset, lastSequence, after, upTo, handler);
                }
                else
                {
                    reader.scan(segments.get(i), first, after, upTo, handler);
                }
                scanned = true;
                last = reader.lastSequence();
                segmentFirst = first;
                offset = reader.validEnd();
                lastSequence = last;
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

    /** Steps that continued from the remembered position (for tests). */
    long resumedSteps()
    {
        return resumedSteps;
    }
}
