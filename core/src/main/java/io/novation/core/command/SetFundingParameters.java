package io.novation.core.command;

import io.novation.core.funding.FundingParameters;

/**
 * Governance: set a market's funding settings (mode, cadences, interest, clamps).
 *
 * @param time       sequencer time, epoch ms.
 * @param marketId   market.
 * @param parameters the settings.
 */
public record SetFundingParameters(long time, int marketId, FundingParameters parameters) implements Command
{
}
