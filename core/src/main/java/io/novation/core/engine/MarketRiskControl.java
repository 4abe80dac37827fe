package io.novation.core.engine;

import io.novation.core.pricing.RealizedVolatility;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.liquidation.HealthIndex;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.risk.DepthPenalty;
import io.novation.core.risk.MarginController;
import io.novation.core.risk.MarketRisk;
import io.novation.core.surface.PublishedVolSurface;

import java.util.List;

/**
 * Risk that follows the market: governance's risk bounds per market, the matching engine's depth reports, the margin
 * controller run on each accepted oracle round, and the depth-driven liquidation parameters (ppm; docs/protocol.md,
 * "Risk that follows the market").
 */
final class MarketRiskControl
{
    private final ClearingState state;
    private final HealthIndex healthIndex;
    private final Announcer announcer = new Announcer();

    MarketRiskControl(final ClearingState state, final HealthIndex healthIndex)
    {
        this.state = state;
        this.healthIndex = healthIndex;
    }

    /**
     * Turns a market's controller on with these bounds (seeding its EWMA from the fraction in effect) or, null, off:
     * the market returns to its own tier at once. The bounds were checked against the market before.
     */
    void controllerBounds(final int marketId, final MarginControllerBounds bounds)
    {
        final PerpetualMarket market = state.markets.perpetual(marketId);
        if (bounds == null && market.imfOverridePpm() != 0)
        {
            market.imfOverridePpm(0);
            healthIndex.touchAll();
        }
        state.risk.marketFor(marketId).controller(bounds, market.liquidityTier().initialMarginPpm());
    }

    boolean reportDepth(final ReportMarketDepth command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final PerpetualMarket market = perpetual(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no perpetual market " + command.marketId());
        }
        final String problem = problem(command.levels());
        if (problem != null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, problem);
        }
        final MarketRisk existing = state.risk.market(command.marketId());
        if (existing != null && existing.depth() != null && command.time() <= existing.depthAt())
        {
            return rejection.reject(RejectReason.DEPTH_REPORT_NOT_NEWER, "a depth report of " + market.ticker() +
                " at " + existing.depthAt() + " is not older than this one");
        }
        state.risk.marketFor(command.marketId()).depth(command.levels(), command.time());
        state.globalChanged = true;
        events.marketDepthReported(sequence, command.marketId(), command.time(), command.levels().size());
        return true;
    }

    /**
     * Runs the margin controller of every market priced by an oracle whose round was just accepted, in market id
     * order.
     */
    void roundAccepted(final int oracleId, final long price, final long now, final boolean endsStaleGap,
        final long sequence, final EventSink events)
    {
        for (int id = 0; id < state.risk.slots(); id++)
        {
            final MarketRisk risk = state.risk.market(id);
            if (risk == null || risk.controller() == null || id >= state.markets.perpetualCount())
            {
                continue;
            }
            final PerpetualMarket market = state.markets.perpetual(id);
            if (market.oracleId() != oracleId)
            {
                continue;
            }
            final long before = market.liquidityTier().initialMarginPpm();
            final long after = MarginController.onRound(risk, before, price, now, endsStaleGap,
                impliedVariance(oracleId, price, now), announcer.at(sequence, events));
            if (after != before)
            {
                market.imfOverridePpm(after);
                healthIndex.touchAll();
            }
        }
    }

    /**
     * The liquidation parameters of a perpetual position's liquidation: the static ones, raised for the depth when the
     * market has depth-penalty bounds and a depth report no older than their age limit.
     */
    LiquidationParameters liquidationParameters(final PerpetualMarket market, final LiquidationParameters base,
        final long notional, final long maintenanceFractionPpm, final boolean closingLong, final long now)
    {
        final MarketRisk risk = state.risk.market(market.id());
        if (risk == null || risk.depthBounds() == null || risk.depth() == null ||
            now - risk.depthAt() > risk.depthBounds().maxDepthAgeMs())
        {
            return base;
        }
        return DepthPenalty.parameters(base, risk.depthBounds(), notional, maintenanceFractionPpm, risk.depth(),
            closingLong);
    }

    /** The at-the-money implied variance per day of the nearest expiry of a fresh surface, or 0. */
    private long impliedVariance(final int oracleId, final long price, final long now)
    {
        final PublishedVolSurface surface = state.volSurfaces.surface(oracleId);
        if (surface == null || state.volSurfaces.isStale(oracleId, now) || price == OracleBook.NO_PRICE)
        {
            return 0;
        }
        for (final OracleVolSurface.Slice slice : surface.slices())
        {
            if (slice.expiry() > now)
            {
                final long micros = surface.impliedVolatilityMicros(price, price, slice.expiry());
                return micros < 0 ? 0 : RealizedVolatility.varianceOfAnnualVolatility(micros);
            }
        }
        return 0;
    }

    private PerpetualMarket perpetual(final int marketId)
    {
        return marketId >= 0 && marketId < state.markets.perpetualCount() ? state.markets.perpetual(marketId) : null;
    }

    private static String problem(final List<ReportMarketDepth.Level> levels)
    {
        if (levels == null || levels.isEmpty() || levels.size() > ReportMarketDepth.MAX_LEVELS)
        {
            return "a depth report carries 1 to " + ReportMarketDepth.MAX_LEVELS + " levels";
        }
        long distance = 0;
        long bids = 0;
        long asks = 0;
        for (final ReportMarketDepth.Level level : levels)
        {
            if (level == null || level.distancePpm() <= distance || level.distancePpm() > 1_000_000 ||
                level.bidNotional() < bids || level.askNotional() < asks)
            {
                return "depth levels need distances increasing within (0, 100%] and cumulative notionals not " +
                    "decreasing";
            }
            distance = level.distancePpm();
            bids = level.bidNotional();
            asks = level.askNotional();
        }
        return null;
    }

    private static final class Announcer implements MarginController.Listener
    {
        private long sequence;
        private EventSink events;

        /** Points this announcer at a command's sequence and event sink; reused from round to round. */
        Announcer at(final long sequence, final EventSink events)
        {
            this.sequence = sequence;
            this.events = events;
            return this;
        }

        @Override
        public void scheduled(final int marketId, final long fromImfPpm, final long toImfPpm, final long targetImfPpm,
            final long volatilityPpm, final long effectiveAt)
        {
            events.marginAdjustmentScheduled(sequence, marketId, fromImfPpm, toImfPpm, targetImfPpm, volatilityPpm,
                effectiveAt);
        }

        @Override
        public void applied(final int marketId, final long fromImfPpm, final long toImfPpm)
        {
            events.marginAdjustmentApplied(sequence, marketId, fromImfPpm, toImfPpm);
        }

        @Override
        public void cancelled(final int marketId, final long imfPpm, final long effectiveAt)
        {
            events.marginAdjustmentCancelled(sequence, marketId, imfPpm, effectiveAt);
        }
    }
}
