package io.novation.chain;

/**
 * Why a batch's solvency proofs could not be posted to the bridge: the proofs are not the batch's, the batch cannot
 * be committed, or the bridge refused a chunk (the message carries its revert reason).
 */
public final class SolvencyPostingException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param message the reason.
     */
    public SolvencyPostingException(final String message)
    {
        super(message);
    }
}
