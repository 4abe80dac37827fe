package io.novation.cluster;

/**
 * The requests of one gateway that a {@link ClearingService} remembers: the last request id applied and the answers
 * (encoded replies) of the last {@link ClearingService#WINDOW} requests, so that a resent request gets its first
 * answer without being applied again.
 */
final class GatewayWindow
{
    long lastRequestId;
    final long[] requestIds = new long[ClearingService.WINDOW];
    final byte[][] answers = new byte[ClearingService.WINDOW][];

    void remember(final long requestId, final byte[] answer)
    {
        final int slot = (int)(requestId % ClearingService.WINDOW);
        requestIds[slot] = requestId;
        answers[slot] = answer;
        lastRequestId = Math.max(lastRequestId, requestId);
    }

    byte[] answerOf(final long requestId)
    {
        final int slot = (int)(requestId % ClearingService.WINDOW);
        return requestIds[slot] == requestId ? answers[slot] : null;
    }
}
