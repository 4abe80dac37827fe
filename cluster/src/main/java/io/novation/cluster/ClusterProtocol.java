package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages between gateways and the clustered engine, big-endian. Every request carries the gateway's id (8
 * bytes, random per gateway) and a request id (8 bytes) that rises by one per request; the service applies a request
 * once and answers a repeated one with the answer it gave the first time.
 * <ul>
 * <li>Ingress {@code SUBMIT} (1): type ‖ gateway ‖ request ‖ count (4) ‖ per command: explicit time (1) ‖ governance
 * nonce (8) ‖ length (4) ‖ the command's binary encoding ({@link CommandCodec}). Commands arrive verified.</li>
 * <li>Ingress {@code ROOT} (2): type ‖ gateway ‖ request: asks for the sequence, time and state root at this point of
 * the log.</li>
 * <li>Egress {@code OUTCOMES} (1): type ‖ request ‖ count (4) ‖ per command: status (1: applied 0, rejected 1,
 * refused 2) ‖ HTTP status of a refusal (2) ‖ sequence (8) ‖ time (8, epoch ms) ‖ code ‖ message (strings: 2-byte
 * length and UTF-8, 0xFFFF for null).</li>
 * <li>Egress {@code ROOT} (2): type ‖ request ‖ sequence (8) ‖ time (8) ‖ state root (32).</li>
 * <li>Ingress {@code BATCH} (3): type ‖ count (4) ‖ per request: length (4) ‖ a whole SUBMIT or ROOT message. A
 * gateway packs the requests waiting at one moment into one cluster message (ingress batching); the service applies
 * them in order exactly as if each had come alone.</li>
 * <li>Egress {@code ANSWERS} (3): type ‖ count (4) ‖ per answer: length (4) ‖ a whole OUTCOMES or ROOT message: the
 * answers to the requests of one BATCH (several ANSWERS when they exceed {@link #MAX_ANSWERS_LENGTH}).</li>
 * </ul>
 */
public final class ClusterProtocol
{
    /** Ingress: commands to sequence. */
    public static final int SUBMIT = 1;
    /** Ingress: state root request; egress: its answer. */
    public static final int ROOT = 2;
    /** Egress: what became of the commands of a SUBMIT. */
    public static final int OUTCOMES = 1;
    /** Outcome status: applied by the engine. */
    public static final int APPLIED = 0;
    /** Outcome status: sequenced and rejected by the engine with a reason code. */
    public static final int REJECTED = 1;
    /** Outcome status: refused at sequencing (time or governance nonce), no sequence consumed. */
    public static final int REFUSED = 2;
    /** Ingress: several requests in one cluster message. */
    public static final int BATCH = 3;
    /** Egress: several answers in one cluster message. */
    public static final int ANSWERS = 3;
    /** Bytes before the commands of a SUBMIT. */
    public static final int SUBMIT_HEADER_LENGTH = 1 + 8 + 8 + 4;
    /** Bytes before the requests of a BATCH, or the answers of an ANSWERS. */
    public static final int BATCH_HEADER_LENGTH = 1 + 4;
    /** Bytes before each request of a BATCH, or each answer of an ANSWERS: its length. */
    public static final int BATCH_ENTRY_OVERHEAD = 4;
    /** The largest ANSWERS message a service sends, bytes; answers beyond it go in the next one. */
    public static final int MAX_ANSWERS_LENGTH = 64 * 1024;

    private ClusterProtocol()
    {
    }

    /**
     * A command of a SUBMIT.
     *
     * @param command        the verified command; its time is the client's when {@code explicitTime}, else ignored.
     * @param explicitTime   whether the client set the time.
     * @param authorityNonce the governance envelope's nonce, 0 for other commands.
     */
    public record Entry(Command command, boolean explicitTime, long authorityNonce)
    {
    }

    /**
     * What became of one command.
     *
     * @param status     {@link #APPLIED}, {@link #REJECTED} or {@link #REFUSED}.
     * @param httpStatus the HTTP status of a refusal, else 0.
     * @param sequence   the command's sequence, 0 when refused.
     * @param time       the sequencer time it was applied at, epoch ms; 0 when refused.
     * @param code       reason code, or null when applied.
     * @param message    reason, or null when applied.
     */
    public record Outcome(int status, int httpStatus, long sequence, long time, String code, String message)
    {
    }

    /**
     * Starts a SUBMIT; append each command with {@link #putEntry}, then patch the count with {@link #finishSubmit}.
     *
     * @param out       the writer, reset here.
     * @param gatewayId the gateway.
     * @param requestId the request.
     */
    public static void startSubmit(final BinaryWriter out, final long gatewayId, final long requestId)
    {
        out.reset();
        out.putByte(SUBMIT).putLong(gatewayId).putLong(requestId).putInt(0);
    }

    /**
     * Appends one command to a SUBMIT being written.
     *
     * @param out   the writer.
     * @param entry the command.
     */
    public static void putEntry(final BinaryWriter out, final Entry entry)
    {
        out.putBoolean(entry.explicitTime()).putLong(entry.authorityNonce());
        final int lengthAt = out.length();
        out.putInt(0);
        CommandCodec.encode(entry.command(), out);
        BinaryWriter.putIntAt(out.buffer(), lengthAt, out.length() - lengthAt - 4);
    }

    /**
     * Sets the number of commands of a SUBMIT.
     *
     * @param out   the writer holding the SUBMIT.
     * @param count commands appended.
     */
    public static void finishSubmit(final BinaryWriter out, final int count)
    {
        BinaryWriter.putIntAt(out.buffer(), 17, count);
    }

    /**
     * Reads the commands of a SUBMIT, the reader being past the header.
     *
     * @param in    the reader.
     * @param count the count from the header.
     * @return the commands.
     * @throws CodecException when malformed.
     */
    public static List<Entry> readEntries(final BinaryReader in, final int count)
    {
        if (count < 0 || count > in.remaining())
        {
            throw new CodecException("bad command count " + count);
        }
        final List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final boolean explicitTime = in.getBoolean();
            final long nonce = in.getLong();
            final int length = in.getInt();
            if (length < 0 || length > in.remaining())
            {
                throw new CodecException("bad command length " + length);
            }
            final BinaryReader command = new BinaryReader(in.getBytes(length));
            entries.add(new Entry(CommandCodec.decode(command), explicitTime, nonce));
        }
        return entries;
    }

    /**
     * Starts an OUTCOMES message; append each outcome with {@link #putOutcome}.
     *
     * @param out       the writer, reset here.
     * @param requestId the request.
     * @param count     outcomes that follow.
     */
    public static void startOutcomes(final BinaryWriter out, final long requestId, final int count)
    {
        out.reset();
        out.putByte(OUTCOMES).putLong(requestId).putInt(count);
    }

    /**
     * Appends one outcome to an OUTCOMES message being written, without an {@link Outcome} in between.
     *
     * @param out        the writer.
     * @param status     {@link #APPLIED}, {@link #REJECTED} or {@link #REFUSED}.
     * @param httpStatus the HTTP status of a refusal, else 0.
     * @param sequence   the command's sequence, 0 when refused.
     * @param time       epoch ms, 0 when refused.
     * @param code       reason code or null.
     * @param message    reason or null.
     */
    public static void putOutcome(final BinaryWriter out, final int status, final int httpStatus, final long sequence,
        final long time, final String code, final String message)
    {
        out.putByte(status).putShort(httpStatus).putLong(sequence).putLong(time).putString(code).putString(message);
    }

    /**
     * Writes a ROOT request.
     *
     * @param out       the writer, reset here.
     * @param gatewayId the gateway.
     * @param requestId the request.
     */
    public static void writeRootRequest(final BinaryWriter out, final long gatewayId, final long requestId)
    {
        out.reset();
        out.putByte(ROOT).putLong(gatewayId).putLong(requestId);
    }

    /**
     * Writes the OUTCOMES of a request.
     *
     * @param out       the writer, reset here.
     * @param requestId the request.
     * @param outcomes  one per command.
     */
    public static void writeOutcomes(final BinaryWriter out, final long requestId, final List<Outcome> outcomes)
    {
        startOutcomes(out, requestId, outcomes.size());
        for (int i = 0; i < outcomes.size(); i++)
        {
            final Outcome outcome = outcomes.get(i);
            putOutcome(out, outcome.status(), outcome.httpStatus(), outcome.sequence(), outcome.time(),
                outcome.code(), outcome.message());
        }
    }

    /**
     * Reads the outcomes of an OUTCOMES message, the reader being past the type and request id.
     *
     * @param in the reader.
     * @return the outcomes.
     */
    public static List<Outcome> readOutcomes(final BinaryReader in)
    {
        final int count = in.getInt();
        if (count < 0 || count > in.remaining())
        {
            throw new CodecException("bad outcome count " + count);
        }
        final List<Outcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            outcomes.add(new Outcome(in.getUnsignedByte(), in.getUnsignedShort(), in.getLong(), in.getLong(),
                in.getString(), in.getString()));
        }
        return outcomes;
    }

    /**
     * Writes the answer to a ROOT request.
     *
     * @param out       the writer, reset here.
     * @param requestId the request.
     * @param sequence  the engine's sequence.
     * @param time      the engine's time, epoch ms.
     * @param root      32 bytes.
     */
    public static void writeRoot(final BinaryWriter out, final long requestId, final long sequence, final long time,
        final byte[] root)
    {
        out.reset();
        out.putByte(ROOT).putLong(requestId).putLong(sequence).putLong(time).putBytes(root, 0, root.length);
    }
}
