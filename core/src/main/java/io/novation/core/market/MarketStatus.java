package io.novation.core.market;

/**
 * What a perpetual market allows: every trade, only trades that shrink both parties' positions, or none.
 */
public enum MarketStatus
{
    /** All trades allowed. */
    ACTIVE,
    /** Only trades that reduce each party's absolute position. */
    REDUCE_ONLY,
    /** No trades. */
    HALTED
}
