package io.novation.node.journal;

/**
 * A journal that cannot be opened, read or written: an I/O failure or corruption before its tail.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what happened.
     * @param cause   the underlying failure, may be null.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
