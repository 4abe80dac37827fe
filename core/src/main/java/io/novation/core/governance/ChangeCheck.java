package io.novation.core.governance;

import io.novation.core.account.Address;

/**
 * The verdict of checking a risk parameter change against the current state: valid, or the problem and a message.
 *
 * @param problem what is wrong, or null when the change is valid.
 * @param message a human-readable explanation, or null when valid.
 */
public record ChangeCheck(Problem problem, String message)
{
    /** What can be wrong with a change; the engine maps each to a reason code. */
    public enum Problem
    {
        /** A value lies outside its parameter's valid range. */
        OUT_OF_RANGE,
        /** The change names a perpetual market that does not exist. */
        UNKNOWN_MARKET,
        /** The change names an asset that does not exist. */
        UNKNOWN_ASSET,
        /** The change names an oracle that does not exist. */
        UNKNOWN_ORACLE,
        /** The change removes a publisher the oracle does not have. */
        UNKNOWN_PUBLISHER,
        /** The change adds a publisher the oracle already has. */
        DUPLICATE_PUBLISHER,
        /** The change would leave an oracle with fewer publishers than its quorum. */
        BELOW_QUORUM
    }

    /** The verdict of a valid change. */
    public static final ChangeCheck VALID = new ChangeCheck(null, null);

    /**
     * A failed check.
     *
     * @param problem what is wrong.
     * @param message why.
     * @return the verdict.
     */
    public static ChangeCheck fail(final Problem problem, final String message)
    {
        return new ChangeCheck(problem, message);
    }

    /**
     * The check of a key rotation: the new key must be a non-zero address.
     *
     * @param key the new key.
     * @return the verdict.
     */
    static ChangeCheck ofNewKey(final Address key)
    {
        return key == null || key.equals(Address.of(new byte[Address.LENGTH])) ?
            fail(Problem.OUT_OF_RANGE, "a key rotation needs a non-zero address") : VALID;
    }

    /**
     * Whether the change is valid.
     *
     * @return true when no problem was found.
     */
    public boolean valid()
    {
        return problem == null;
    }
}
