package io.novation.node.feed;

import io.novation.node.feed.sbe.AckStatus;
import io.novation.node.feed.sbe.AcksEncoder;
import io.novation.node.feed.sbe.FeedErrorEncoder;
import io.novation.node.feed.sbe.MessageHeaderEncoder;
import io.novation.node.sequencer.CommandOutcome;
import org.agrona.ExpandableArrayBuffer;

import java.util.List;

/**
 * Writes the node's messages of the binary feed: one {@code Acks} per client frame (each command's status, sequence,
 * time and reason code, with the node's durable sequence) and the {@code FeedError} sent before a connection closes.
 */
public final class FeedReplies
{
    private static final int MAX_TEXT = 1_000;

    private FeedReplies()
    {
    }

    /**
     * The acknowledgements of a frame whose commands were sequenced (or refused one by one at sequencing).
     *
     * @param commands        the frame's commands, in order.
     * @param outcomes        one outcome per command, in the same order.
     * @param durableSequence the node's durable sequence, at least every sequence of the outcomes.
     * @return the message's bytes.
     */
    public static byte[] acks(final List<FeedCommand> commands, final List<CommandOutcome> outcomes,
        final long durableSequence)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + 40 * commands.size());
        final AcksEncoder acks = new AcksEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        acks.durableSequence(durableSequence);
        final AcksEncoder.OutcomesEncoder each = acks.outcomesCount(commands.size());
        for (int i = 0; i < commands.size(); i++)
        {
            final CommandOutcome outcome = outcomes.get(i);
            each.next().correlationId(commands.get(i).correlationId());
            if (outcome.refusal() != null)
            {
                each.status(AckStatus.REFUSED).sequence(0).time(0);
            }
            else
            {
                each.status(outcome.applied() ? AckStatus.APPLIED : AckStatus.REJECTED).sequence(outcome.sequence())
                    .time(outcome.time());
            }
            each.code(text(outcome.applied() ? "" : outcome.code()));
            each.message(text(outcome.applied() ? "" : outcome.message()));
        }
        return copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + acks.encodedLength());
    }

    /**
     * The acknowledgements of a frame refused as a whole before sequencing (admission, a signature): every command
     * is refused with the same code, nothing journaled.
     *
     * @param commands        the frame's commands.
     * @param code            the refusal's code.
     * @param message         the refusal's message (naming the command at fault when there is one).
     * @param durableSequence the node's durable sequence.
     * @return the message's bytes.
     */
    public static byte[] refused(final List<FeedCommand> commands, final String code, final String message,
        final long durableSequence)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + 40 * commands.size());
        final AcksEncoder acks = new AcksEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        acks.durableSequence(durableSequence);
        final AcksEncoder.OutcomesEncoder each = acks.outcomesCount(commands.size());
        for (final FeedCommand command : commands)
        {
            each.next().correlationId(command.correlationId()).status(AckStatus.REFUSED).sequence(0).time(0)
                .code(text(code)).message(text(message));
        }
        return copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + acks.encodedLength());
    }

    /**
     * The error message of a frame the node cannot read.
     *
     * @param fault the fault, with its offset in the frame.
     * @return the message's bytes.
     */
    public static byte[] error(final FeedFormatException fault)
    {
        return error(fault.offset(), fault.code(), fault.getMessage());
    }

    /**
     * The error message of a frame the node cannot read.
     *
     * @param offset  byte offset of the fault within the client's frame.
     * @param code    the reason code.
     * @param message what is wrong.
     * @return the message's bytes.
     */
    public static byte[] error(final int offset, final String code, final String message)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final FeedErrorEncoder error = new FeedErrorEncoder().wrapAndApplyHeader(buffer, 0,
            new MessageHeaderEncoder());
        error.byteOffset(Math.max(0, offset)).code(text(code)).message(text(message));
        return copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + error.encodedLength());
    }

    private static String text(final String value)
    {
        if (value == null)
        {
            return "";
        }
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
