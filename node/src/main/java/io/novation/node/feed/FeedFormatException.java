package io.novation.node.feed;

/**
 * A feed frame the node cannot read: its reason code and the byte offset within the frame where reading failed.
 */
public final class FeedFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String code;

    /**
     * A fault in a frame.
     *
     * @param offset  byte offset within the frame.
     * @param code    the reason code, such as {@code TRUNCATED} or {@code UNKNOWN_TEMPLATE}.
     * @param message what is wrong.
     */
    public FeedFormatException(final int offset, final String code, final String message)
    {
        super(message);
        this.offset = offset;
        this.code = code;
    }

    /**
     * Where the fault is.
     *
     * @return byte offset within the frame.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * The reason code.
     *
     * @return code.
     */
    public String code()
    {
        return code;
    }
}
