package io.novation.node.journal;

import io.novation.core.command.Command;
import io.novation.node.sequencer.JournalPayload;

/**
 * The journal record a {@link JournalReplayer} is replaying: its sequence, its payload bytes and the payload decoded.
 * Reused from record to record: read it during the callback, copy what must outlive it.
 */
public final class ReplayedRecord
{
    private long sequence;
    private byte[] buffer;
    private int offset;
    private int length;
    private JournalPayload payload;

    ReplayedRecord set(final long sequence, final byte[] buffer, final int offset, final int length,
        final JournalPayload payload)
    {
        this.sequence = sequence;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.payload = payload;
        return this;
    }

    /**
     * The record's sequence.
     *
     * @return sequence.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * The buffer that holds the payload bytes (reused between records).
     *
     * @return the buffer.
     */
    public byte[] buffer()
    {
        return buffer;
    }

    /**
     * The first payload byte in {@link #buffer()}.
     *
     * @return offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Payload bytes.
     *
     * @return length.
     */
    public int length()
    {
        return length;
    }

    /**
     * The decoded payload.
     *
     * @return the payload.
     */
    public JournalPayload payload()
    {
        return payload;
    }

    /**
     * The sequenced command, at its sequencer time.
     *
     * @return the command.
     */
    public Command command()
    {
        return payload.command();
    }
}
