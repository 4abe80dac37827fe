package io.novation.core.command;

import io.novation.core.market.MarketStatus;

/**
 * Governance: set a market active, reduce-only or halted.
 *
 * @param time     sequencer time, epoch ms.
 * @param marketId market.
 * @param status   new status.
 */
public record SetMarketStatus(long time, int marketId, MarketStatus status) implements Command
{
}
