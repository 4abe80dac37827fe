package io.novation.client.feed;

/**
 * The node's acknowledgement of one command of a feed frame.
 *
 * @param correlationId   the client's number for the command.
 * @param status          applied, rejected (sequenced with a reason code) or refused (not sequenced).
 * @param sequence        the command's sequence, 0 when refused.
 * @param time            the sequencer's time, epoch ms, 0 when refused.
 * @param code            the reason code, empty when applied.
 * @param message         the reason, empty when applied.
 * @param durableSequence the node's durable sequence when it acknowledged the frame (at least {@code sequence}).
 */
public record FeedAck(long correlationId, Status status, long sequence, long time, String code, String message,
    long durableSequence)
{
    /** What became of the command. */
    public enum Status
    {
        /** Sequenced, applied and durable. */
        APPLIED,
        /** Sequenced and durable, rejected by the engine with a reason code. */
        REJECTED,
        /** Refused before sequencing; nothing journaled. */
        REFUSED
    }

    /**
     * Whether the engine applied the command.
     *
     * @return true when applied.
     */
    public boolean applied()
    {
        return status == Status.APPLIED;
    }
}
