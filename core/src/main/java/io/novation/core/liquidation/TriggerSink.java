package io.novation.core.liquidation;

/**
 * Receives the entries of a {@link TriggerLadder} that a move of its value triggers, and tells live entries (made at
 * their subaccount's current version) from stale ones.
 */
interface TriggerSink
{
    /**
     * An entry was triggered and removed from its ladder.
     *
     * @param book      the book of the value that moved.
     * @param lower     true for the lower ladder (the value fell below the threshold).
     * @param value     the new value.
     * @param threshold the entry's threshold.
     * @param certain   the entry's certain-flip threshold, or {@link TriggerLadder#NONE}.
     * @param packed    subaccount id, version and state.
     */
    void triggered(TriggerBook book, boolean lower, long value, long threshold, long certain, long packed);

    /**
     * Whether an entry was made at its subaccount's current version.
     *
     * @param packed subaccount id, version and state.
     * @return true when live.
     */
    boolean isLive(long packed);

    /**
     * A stale entry met while filtering a bucket was removed.
     */
    void dropped();
}
