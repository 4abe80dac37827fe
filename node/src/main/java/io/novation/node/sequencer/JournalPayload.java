package io.novation.node.sequencer;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.FillParts;
import io.novation.core.command.Command;

/**
 * The payload of a journal record: a format byte (1), the governance envelope's nonce (8 bytes, 0 for other
 * commands) and the command's binary encoding ({@link CommandCodec}) with the time the sequencer assigned.
 *
 * @param authorityNonce the governance nonce, or 0.
 * @param command        the sequenced command.
 */
public record JournalPayload(long authorityNonce, Command command)
{
    /** The format this class writes. */
    public static final int FORMAT = 1;

    /**
     * Writes a payload.
     *
     * @param out            the writer, reset by the caller.
     * @param authorityNonce the governance nonce, or 0.
     * @param command        the command.
     */
    public static void write(final BinaryWriter out, final long authorityNonce, final Command command)
    {
        out.putByte(FORMAT).putLong(authorityNonce);
        CommandCodec.encode(command, out);
    }

    /**
     * Writes the payload of a {@code settleTrade} given as its fields: the bytes {@link #write} writes for the
     * record of the same fields.
     *
     * @param out            the writer, reset by the caller.
     * @param authorityNonce the governance nonce, or 0.
     * @param fill           the fill, stamped with its sequencer time.
     */
    public static void writeFill(final BinaryWriter out, final long authorityNonce, final FillParts fill)
    {
        out.putByte(FORMAT).putLong(authorityNonce);
        CommandCodec.encodeFill(out, fill.time(), fill.marketId(), fill.maker(), fill.taker(), fill.fillSize(),
            fill.fillPrice());
    }

    /**
     * Reads a payload.
     *
     * @param reader a reader positioned on the payload's window.
     * @return the payload.
     * @throws CodecException when malformed.
     */
    public static JournalPayload read(final BinaryReader reader)
    {
        final int format = reader.getUnsignedByte();
        if (format != FORMAT)
        {
            throw new CodecException("unknown journal payload format " + format);
        }
        final long nonce = reader.getLong();
        final Command command = CommandCodec.decode(reader);
        if (reader.remaining() != 0)
        {
            throw new CodecException(reader.remaining() + " bytes after the journaled command");
        }
        return new JournalPayload(nonce, command);
    }
}
