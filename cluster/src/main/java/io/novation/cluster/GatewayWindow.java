package io.novation.cluster;

/**
 * The requests of one gateway that a {@link ClearingService} remembers: the last request id applied and the answers
 * (encoded replies, bytes) of the last {@link ClearingService#WINDOW} requests, so that a resent request gets its
 * first answer without being applied again. Each slot keeps its array and copies the next answer into it when it is
 * long enough, so that remembering an answer allocates nothing once the slots have grown.
 */
final class GatewayWindow
{
    long lastRequestId;
    final long[] requestIds = new long[ClearingService.WINDOW];
    final byte[][] answers = new byte[ClearingService.WINDOW][];
    final int[] lengths = new int[ClearingService.WINDOW];

    /**
     * Copies the answer of a request into its slot.
     *
     * @param requestId the request.
     * @param answer    holding the encoded answer.
     * @param offset    of its first byte.
     * @param length    of the answer, bytes.
     * @return the slot.
     */
    int remember(final long requestId, final byte[] answer, final int offset, final int length)
    {
        final int slot = (int)(requestId % ClearingService.WINDOW);
        byte[] kept = answers[slot];
        if (kept == null || kept.length < length)
        {
            kept = new byte[Math.max(length, kept == null ? 0 : kept.length * 2)];
            answers[slot] = kept;
        }
        System.arraycopy(answer, offset, kept, 0, length);
        lengths[slot] = length;
        requestIds[slot] = requestId;
        lastRequestId = Math.max(lastRequestId, requestId);
        return slot;
    }

    /**
     * The slot holding a request's answer.
     *
     * @param requestId the request.
     * @return the slot, or -1 when the answer is no longer kept.
     */
    int slotOf(final long requestId)
    {
        final int slot = (int)(requestId % ClearingService.WINDOW);
        return requestIds[slot] == requestId && answers[slot] != null ? slot : -1;
    }
}
