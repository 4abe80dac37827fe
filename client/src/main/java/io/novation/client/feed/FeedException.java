package io.novation.client.feed;

/**
 * The node's error message on the binary feed: a frame it could not read, with the byte offset of the fault in that
 * frame; the node closes the connection after it. Also the failure of frames pending when the connection closed.
 */
public final class FeedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String code;

    /**
     * An error.
     *
     * @param offset  byte offset of the fault in the frame, or -1 when the connection closed without one.
     * @param code    the reason code.
     * @param message what was wrong.
     */
    public FeedException(final int offset, final String code, final String message)
    {
        super(code + " at byte " + offset + ": " + message);
        this.offset = offset;
        this.code = code;
    }

    /**
     * Where the fault is.
     *
     * @return byte offset in the frame, -1 when unknown.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * The reason code, such as {@code TRUNCATED} or {@code UNKNOWN_TEMPLATE}.
     *
     * @return code.
     */
    public String code()
    {
        return code;
    }
}
