package io.novation.core.governance;

/**
 * The minimum delays of scheduled risk parameter changes, in ms (docs/protocol.md, section "Governance"): a change
 * that loosens risk waits longer than one that tightens it, so that users can leave before a looser regime and the
 * venue can react quickly to danger.
 */
public final class GovernanceDelays
{
    /** One hour, ms. */
    public static final long HOUR_MS = 3_600_000L;
    /** A change that only tightens risk (or leaves it equal): one hour. */
    public static final long TIGHTEN_MS = HOUR_MS;
    /** A change that loosens any risk parameter: 24 hours. */
    public static final long LOOSEN_MS = 24 * HOUR_MS;
    /** Rotation of the governance or bridge key: 24 hours. */
    public static final long KEY_ROTATION_MS = 24 * HOUR_MS;
    /** Adding an oracle publisher (a new voice in the median): 24 hours. */
    public static final long PUBLISHER_ADDITION_MS = 24 * HOUR_MS;
    /** Removing an oracle publisher (a faulty or compromised one, quorum kept): one hour. */
    public static final long PUBLISHER_REMOVAL_MS = HOUR_MS;
    /** The latest effective time governance may choose, after the command: 90 days. */
    public static final long MAX_DELAY_MS = 90 * 24 * HOUR_MS;

    private GovernanceDelays()
    {
    }
}
