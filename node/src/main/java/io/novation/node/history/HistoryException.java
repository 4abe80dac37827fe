package io.novation.node.history;

/**
 * The history database could not be opened, written or read.
 */
public final class HistoryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param message what went wrong.
     * @param cause   the database's error.
     */
    public HistoryException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
