package io.novation.node.journal;

/**
 * Receives the records of a journal in sequence order during a replay.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * One record.
     *
     * @param sequence the record's sequence.
     * @param buffer   holds the payload (reused between calls).
     * @param offset   first payload byte.
     * @param length   payload bytes.
     */
    void onRecord(long sequence, byte[] buffer, int offset, int length);
}
