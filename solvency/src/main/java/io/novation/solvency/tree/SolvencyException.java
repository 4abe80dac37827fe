package io.novation.solvency.tree;

/**
 * A batch whose solvency commitment cannot be built or a proof that does not hold, with a stable code for the CLI
 * and the API (docs/solvency.md lists them).
 */
public final class SolvencyException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why a commitment or a proof is refused. */
    public enum Reason
    {
        /** The batch has more collateral assets than the leaf's four slots. */
        TOO_MANY_ASSETS,
        /** An account is worth less than zero in some asset after the waterfall: the statement is false. */
        NEGATIVE_EQUITY,
        /** An account's equity in an asset is 2^64 quantums or more. */
        EQUITY_TOO_LARGE,
        /** The state's price table is not the one the batch committed to. */
        PRICES_MISMATCH,
        /** No such account in the batch. */
        UNKNOWN_ACCOUNT,
        /** A malformed value (a field element out of range, a wrong count). */
        MALFORMED
    }

    private final Reason reason;

    /**
     * A refusal.
     *
     * @param reason  the code.
     * @param message what was refused, for people.
     */
    public SolvencyException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    /**
     * The code.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }
}
