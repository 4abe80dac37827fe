package io.novation.core.event;

/**
 * Why one report of an oracle round was left out; the rest of the round still counts toward the quorum.
 */
public enum ReportRejectReason
{
    /** The report is empty, names no publisher, or its price is not positive or too large to average. */
    MALFORMED,
    /** The report is for another oracle than its round. */
    WRONG_ORACLE,
    /** The publisher is not registered for the oracle. */
    UNKNOWN_PUBLISHER,
    /** The signature does not recover to the named publisher. */
    BAD_SIGNATURE,
    /** The publisher already has a report in this round. */
    DUPLICATE_PUBLISHER,
    /** Published further in the future than the allowed clock skew. */
    FUTURE_DATED,
    /** Published before the freshness window. */
    OUT_OF_WINDOW,
    /** Not newer than the publisher's last report used in a round (a replay). */
    NOT_NEWER
}
