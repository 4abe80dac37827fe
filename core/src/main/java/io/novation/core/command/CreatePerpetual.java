package io.novation.core.command;

import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;

/**
 * Governance: add a perpetual market with the next market id.
 *
 * @param time             sequencer time, epoch ms.
 * @param marketId         the next dense market id.
 * @param ticker           e.g. "BTC-USD".
 * @param oracle           oracle name.
 * @param priceExponent    exponent of the oracle's prices.
 * @param atomicResolution base quantum = 10^atomicResolution base units.
 * @param tickSize         price grid in price units.
 * @param stepSize         size grid in base quantums.
 * @param liquidityTier    margin fractions and caps.
 * @param makerFeePpm      maker fee, ppm of notional (negative: rebate).
 * @param takerFeePpm      taker fee, ppm of notional.
 * @param status           initial status.
 */
public record CreatePerpetual(
    long time, int marketId, String ticker, String oracle, int priceExponent, int atomicResolution,
    long tickSize, long stepSize, LiquidityTier liquidityTier, long makerFeePpm, long takerFeePpm,
    MarketStatus status) implements Command
{
    /** The descriptor: binary type id 2, JSON {@code createPerpetual}, role governance. */
    public static final CommandType<CreatePerpetual> TYPE = CommandType.of(
        2, "createPerpetual", CommandRole.GOVERNANCE, CreatePerpetual.class,
        "Governance: add a perpetual market.",
        ConfigurationCodecs.CREATE_PERPETUAL);

    @Override
    public CreatePerpetual withTime(final long newTime)
    {
        return newTime == time ? this : new CreatePerpetual(newTime, marketId, ticker, oracle, priceExponent,
            atomicResolution, tickSize, stepSize, liquidityTier, makerFeePpm, takerFeePpm, status);
    }

    @Override
    public CommandType<CreatePerpetual> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.createPerpetual(this);
    }
}
