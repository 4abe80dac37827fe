package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.CodecException;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.FillParts;

import java.util.Arrays;

/**
 * The commands of one SUBMIT request, all decoded before any is applied (a request that does not decode is refused
 * whole): each {@code settleTrade} into a reused {@link FillParts} holder (a pool grown to the largest request seen),
 * every other command as its record. Signed orders are read through an {@link OrderCache}, and a command without an
 * explicit time is given the time the sequencer will stamp on it as far as known before the request is applied.
 * A decoder that does not reuse decodes every command afresh as a record, as a node decodes a journal: the path the
 * reusing one is compared with. One thread uses it; what it holds is valid until the next {@link #decode}.
 */
final class SubmitDecoder
{
    private final OrderCache orders = new OrderCache();
    private final boolean reuse;
    private Command[] commands = new Command[256];
    private FillParts[] fills = new FillParts[256];
    private boolean[] explicitTimes = new boolean[256];
    private long[] nonces = new long[256];
    private int count;

    /**
     * A decoder.
     *
     * @param reuse whether orders decoded before are reused and fills held in place (what a member does), or every
     *              command is decoded afresh as a record.
     */
    SubmitDecoder(final boolean reuse)
    {
        this.reuse = reuse;
    }

    /**
     * Decodes the commands of a request, after its header.
     *
     * @param in           positioned at the command count.
     * @param implicitTime the time to give a command without an explicit one, epoch ms.
     * @return how many commands.
     * @throws CodecException           when the request does not decode; nothing is then held.
     * @throws IllegalArgumentException when a value is out of range; nothing is then held.
     */
    int decode(final BinaryReader in, final long implicitTime)
    {
        clear();
        try
        {
            final int total = in.getInt();
            if (total < 0 || total > in.remaining())
            {
                throw new CodecException("bad command count " + total);
            }
            ensure(total);
            for (int i = 0; i < total; i++)
            {
                explicitTimes[i] = in.getBoolean();
                nonces[i] = in.getLong();
                final int length = in.getInt();
                final int before = in.remaining();
                if (length < 0 || length > before)
                {
                    throw new CodecException("bad command length " + length);
                }
                count = i + 1;
                final long time = explicitTimes[i] ? CommandCodec.FRAME_TIME : implicitTime;
                if (reuse && CommandCodec.isFill(in))
                {
                    if (fills[i] == null)
                    {
                        fills[i] = new FillParts();
                    }
                    CommandCodec.decodeFill(in, orders, time, fills[i]);
                }
                else
                {
                    commands[i] = reuse ? CommandCodec.decode(in, orders, time) : CommandCodec.decode(in);
                }
                if (before - in.remaining() != length)
                {
                    throw new CodecException("command of " + (before - in.remaining()) + " bytes, not " + length);
                }
            }
            return total;
        }
        catch (final CodecException | IllegalArgumentException ex)
        {
            clear();
            throw ex;
        }
    }

    /** Lets go of every command and order held. */
    void clear()
    {
        for (int i = 0; i < count; i++)
        {
            commands[i] = null;
            if (fills[i] != null)
            {
                fills[i].clear();
            }
        }
        count = 0;
    }

    /**
     * Whether the i-th command is a fill held in place ({@link #fill}), not a record ({@link #command}).
     *
     * @param i the command's index in the request.
     * @return true for a fill held in place.
     */
    boolean isFill(final int i)
    {
        // A decoded command is held as a record or, with no record, as a fill's fields.
        return commands[i] == null;
    }

    /**
     * The i-th command, when it is not a fill held in place.
     *
     * @param i the command's index.
     * @return the command.
     */
    Command command(final int i)
    {
        return commands[i];
    }

    /**
     * The i-th command, when it is a fill held in place.
     *
     * @param i the command's index.
     * @return its fields, valid until the next decode.
     */
    FillParts fill(final int i)
    {
        return fills[i];
    }

    /**
     * Whether the client set the i-th command's time.
     *
     * @param i the command's index.
     * @return true when explicit.
     */
    boolean explicitTime(final int i)
    {
        return explicitTimes[i];
    }

    /**
     * The governance envelope's nonce of the i-th command.
     *
     * @param i the command's index.
     * @return the nonce, or 0.
     */
    long nonce(final int i)
    {
        return nonces[i];
    }

    private void ensure(final int total)
    {
        if (fills.length < total)
        {
            final int size = Math.max(total, fills.length * 2);
            commands = Arrays.copyOf(commands, size);
            explicitTimes = Arrays.copyOf(explicitTimes, size);
            nonces = Arrays.copyOf(nonces, size);
            fills = Arrays.copyOf(fills, size);
        }
    }
}
