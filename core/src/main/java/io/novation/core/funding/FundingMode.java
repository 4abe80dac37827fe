package io.novation.core.funding;

/**
 * Where a perpetual market's funding rate comes from.
 */
public enum FundingMode
{
    /** The engine averages the premium samples of the hour into the rate (docs/protocol.md §11, samples). */
    PREMIUM_SAMPLES,

    /** The matching engine computes the rate from its own book and sends it with each tick; the engine clamps it. */
    EXTERNAL_RATE
}
