package io.novation.cluster;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * The requests a gateway packs into one cluster message (ingress batching, {@link ClusterProtocol#BATCH}): whole
 * requests, in request order, while the message stays within a byte limit (the ingress publication's largest message
 * or less) and a request count; lengths in bytes. A batch of one request is sent as that request alone.
 */
final class IngressBatch
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final int maxRequests;
    private int maxLength;
    private int length = ClusterProtocol.BATCH_HEADER_LENGTH;
    private int count;
    private long firstRequestId;
    private byte[] firstMessage;

    /**
     * An empty batch.
     *
     * @param maxRequests requests per message at most; 1 turns batching off.
     * @param maxLength   bytes per message at most.
     */
    IngressBatch(final int maxRequests, final int maxLength)
    {
        if (maxRequests < 1 || maxLength < ClusterProtocol.BATCH_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("a batch holds at least one request: " + maxRequests + ", " +
                maxLength + " bytes");
        }
        this.maxRequests = maxRequests;
        this.maxLength = maxLength;
    }

    /**
     * Lowers the byte limit to what the publication carries, when that is less.
     *
     * @param publicationMaxLength the publication's largest message, bytes.
     */
    void limitTo(final int publicationMaxLength)
    {
        maxLength = Math.min(maxLength, publicationMaxLength);
    }

    /**
     * Adds a request if it fits.
     *
     * @param requestId its id.
     * @param message   its encoding, a SUBMIT or ROOT.
     * @return false when the batch is full (by count or bytes); a request too long for any batch never fits.
     */
    boolean tryAdd(final long requestId, final byte[] message)
    {
        final int added = ClusterProtocol.BATCH_ENTRY_OVERHEAD + message.length;
        if (count == maxRequests || length + added > maxLength)
        {
            return false;
        }
        if (count == 0)
        {
            firstRequestId = requestId;
            firstMessage = message;
        }
        buffer.putInt(length, message.length, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(length + ClusterProtocol.BATCH_ENTRY_OVERHEAD, message);
        length += added;
        count++;
        return true;
    }

    /**
     * Finishes the message: the BATCH header, or nothing when it holds one request (then see {@link #single}).
     *
     * @return the message's buffer, from offset 0 for {@link #length} bytes.
     */
    DirectBuffer finish()
    {
        buffer.putByte(0, (byte)ClusterProtocol.BATCH);
        buffer.putInt(1, count, ByteOrder.BIG_ENDIAN);
        return buffer;
    }

    /** Empties the batch. */
    void clear()
    {
        length = ClusterProtocol.BATCH_HEADER_LENGTH;
        count = 0;
        firstMessage = null;
    }

    int count()
    {
        return count;
    }

    int length()
    {
        return length;
    }

    int maxLength()
    {
        return maxLength;
    }

    long firstRequestId()
    {
        return firstRequestId;
    }

    /**
     * The only request, when the batch holds one: sent as it is, without the BATCH header.
     *
     * @return its encoding.
     */
    byte[] single()
    {
        return firstMessage;
    }
}
