package io.novation.core.engine;

import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.FundingMath;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.liquidation.HealthIndex;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.Rounding;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;

/**
 * Applies the funding commands: premium samples on a fixed cadence of sequencer time, and ticks that turn the
 * samples (or the matching engine's rate) into a clamped 8-hour rate and move the market's cumulative funding index
 * by it, pro rata to the time since the last tick. No position is touched at tick time: each settles the index
 * difference when it is next touched.
 */
final class FundingOperations
{
    private final ClearingState state;
    private final HealthIndex healthIndex;

    FundingOperations(final ClearingState state, final HealthIndex healthIndex)
    {
        this.state = state;
        this.healthIndex = healthIndex;
    }

    boolean sample(final FundingSample command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final PerpetualMarket market = state.markets.perpetual(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market " + command.marketId());
        }
        final MarketFunding funding = market.funding();
        final FundingParameters parameters = funding.parameters();
        if (parameters.mode() != FundingMode.PREMIUM_SAMPLES)
        {
            return rejection.reject(RejectReason.FUNDING_MODE_MISMATCH, market.ticker() +
                " takes its funding rate from the matching engine; it records no premium samples");
        }
        if (command.impactBidPrice() < 0 || command.impactAskPrice() < 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "impact prices must not be negative");
        }
        final long slot = Math.floorDiv(command.time(), parameters.sampleIntervalMs());
        if (slot <= funding.lastSampleSlot())
        {
            return rejection.reject(RejectReason.FUNDING_NOT_DUE, market.ticker() + " already has its premium " +
                "sample for the " + parameters.sampleIntervalMs() + " ms slot starting at " +
                slot * parameters.sampleIntervalMs());
        }
        final long indexPrice = freshIndexPrice(market, command.time(), rejection);
        if (indexPrice == OracleBook.NO_PRICE)
        {
            return false;
        }
        final long premium;
        if (command.impactBidPrice() != 0 || command.impactAskPrice() != 0)
        {
            premium = FundingMath.impactPremiumPpb(command.impactBidPrice(), command.impactAskPrice(), indexPrice);
        }
        else if (funding.lastTradePrice() != 0)
        {
            premium = FundingMath.markPremiumPpb(funding.lastTradePrice(), indexPrice);
        }
        else
        {
            premium = 0;
        }
        final long clamped = FundingMath.clamp(premium, bound(market, parameters.premiumClampFactorPpm()));
        funding.addSample(slot, clamped);
        state.globalChanged = true;
        events.fundingSampled(sequence, market.id(), clamped, funding.premiumSamples());
        return true;
    }

    boolean tick(final FundingTick command, final long sequence, final EventSink events, final Rejection rejection)
    {
        final PerpetualMarket market = state.markets.perpetual(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market " + command.marketId());
        }
        final MarketFunding funding = market.funding();
        final FundingParameters parameters = funding.parameters();
        final boolean external = parameters.mode() == FundingMode.EXTERNAL_RATE;
        if (command.rateReported() != external)
        {
            return rejection.reject(RejectReason.FUNDING_MODE_MISMATCH, external ?
                market.ticker() + " takes its funding rate from the matching engine: the tick must carry it" :
                market.ticker() + " computes its funding rate from premium samples: the tick must not carry one");
        }
        final long slot = Math.floorDiv(command.time(), parameters.tickIntervalMs());
        if (slot <= funding.lastTickSlot())
        {
            return rejection.reject(RejectReason.FUNDING_NOT_DUE, market.ticker() + " was already funded in the " +
                parameters.tickIntervalMs() + " ms slot starting at " + slot * parameters.tickIntervalMs());
        }
        final long indexPrice = freshIndexPrice(market, command.time(), rejection);
        if (indexPrice == OracleBook.NO_PRICE)
        {
            return false;
        }
        final long bound = bound(market, parameters.rateClampFactorPpm());
        final long rate;
        if (external)
        {
            rate = FundingMath.clamp(command.rate8hPpb(), bound);
        }
        else
        {
            final long averagePremium = funding.premiumSamples() == 0 ? 0 : FixedPoint.divide(
                funding.premiumSum(), funding.premiumSamples(), Rounding.TOWARD_ZERO);
            rate = FundingMath.rate8hPpb(averagePremium, parameters.interestRate8hPpb(),
                parameters.interestClampPpb(), bound);
        }
        final long elapsed = command.time() - funding.lastTickTime();
        final long delta = FundingMath.indexDelta(rate, elapsed, FundingParameters.RATE_PERIOD_MS, indexPrice,
            state.oracles.priceExponent(market.oracleId()), market.atomicResolution());
        funding.tick(command.time(), slot, rate, delta);
        healthIndex.fundingMoved(market.id());
        state.globalChanged = true;
        events.fundingTicked(sequence, market.id(), rate, elapsed, indexPrice, delta, funding.cumulativeIndex());
        return true;
    }

    boolean setParameters(final SetFundingParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final PerpetualMarket market = state.markets.perpetual(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market " + command.marketId());
        }
        if (command.parameters() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "funding parameters are required");
        }
        if (isLive(market))
        {
            return rejection.reject(RejectReason.GOVERNANCE_TIMELOCKED, market.ticker() + " has sampled or paid " +
                "funding: change its funding parameters with setRiskParameters kind fundingParameters");
        }
        market.funding().parameters(command.parameters());
        state.globalChanged = true;
        events.fundingParametersSet(sequence, market.id(), command.parameters());
        return true;
    }

    /**
     * Whether a market's funding is live: it has taken its first premium sample or paid its first tick. Before that
     * its funding parameters are set at once (listing); after, only through a scheduled change.
     */
    private static boolean isLive(final PerpetualMarket market)
    {
        final MarketFunding funding = market.funding();
        return funding.lastSampleSlot() != Long.MIN_VALUE || funding.lastTickSlot() != Long.MIN_VALUE;
    }

    private long freshIndexPrice(final PerpetualMarket market, final long time, final Rejection rejection)
    {
        final long price = state.oracles.price(market.oracleId());
        if (price == OracleBook.NO_PRICE)
        {
            rejection.reject(RejectReason.NO_ORACLE_PRICE, market.ticker() + " has no oracle price");
            return OracleBook.NO_PRICE;
        }
        if (state.oracles.isStale(market.oracleId(), time))
        {
            rejection.reject(RejectReason.STALE_ORACLE, market.ticker() + "'s oracle price is stale: funding waits " +
                "for a fresh index (the next tick pays for the whole time since the last)");
            return OracleBook.NO_PRICE;
        }
        return price;
    }

    private static long bound(final PerpetualMarket market, final long clampFactorPpm)
    {
        final LiquidityTier tier = market.liquidityTier();
        return FundingMath.clampBoundPpb(clampFactorPpm, tier.initialMarginPpm(), tier.baseMaintenanceMarginPpm());
    }
}
