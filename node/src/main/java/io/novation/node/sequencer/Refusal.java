package io.novation.node.sequencer;

/**
 * A command refused before it was sequenced: it consumed no sequence number and changed nothing. Carries the HTTP
 * status, a stable reason code, a message, and for batches the index of the command at fault (-1 otherwise).
 */
public final class Refusal extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final int index;
    private final long retryAfterSeconds;

    /**
     * A refusal.
     *
     * @param status  HTTP status, 4xx.
     * @param code    reason code, e.g. "BAD_SIGNATURE".
     * @param message a sentence for a person.
     */
    public Refusal(final int status, final String code, final String message)
    {
        this(status, code, message, -1);
    }

    /**
     * A refusal of one command of a batch.
     *
     * @param status  HTTP status, 4xx.
     * @param code    reason code.
     * @param message a sentence.
     * @param index   index in the batch.
     */
    public Refusal(final int status, final String code, final String message, final int index)
    {
        this(status, code, message, index, 0);
    }

    /**
     * A refusal the client may retry after a delay (429 and 503 answer it in a {@code Retry-After} header).
     *
     * @param status            HTTP status, 429 or 503.
     * @param code              reason code.
     * @param message           a sentence.
     * @param index             index in the batch, or -1.
     * @param retryAfterSeconds seconds to wait before retrying, or 0 to say nothing.
     */
    public Refusal(final int status, final String code, final String message, final int index,
        final long retryAfterSeconds)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.index = index;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }

    public int index()
    {
        return index;
    }

    /**
     * Seconds the client should wait before retrying.
     *
     * @return seconds, or 0 when the refusal says nothing about retrying.
     */
    public long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /**
     * The same refusal for the command at an index of a batch.
     *
     * @param batchIndex the index.
     * @return a new refusal.
     */
    public Refusal at(final int batchIndex)
    {
        return new Refusal(status, code, "command " + batchIndex + ": " + getMessage(), batchIndex,
            retryAfterSeconds);
    }
}
