package io.novation.core.command;

/**
 * Sequencer: record one premium sample for a market, on the market's sampling cadence. The premium comes from the
 * impact prices the matching engine reports or, when neither side is reported, from the market's last trade price
 * (its mark) against the oracle index.
 *
 * @param time           sequencer time, epoch ms.
 * @param marketId       market.
 * @param impactBidPrice the book's impact bid in the market oracle's price units, or 0 when not reported.
 * @param impactAskPrice the book's impact ask in the market oracle's price units, or 0 when not reported.
 */
public record FundingSample(long time, int marketId, long impactBidPrice, long impactAskPrice) implements Command
{
}
