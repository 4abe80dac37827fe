package io.novation.core.risk;

import io.novation.core.pricing.MarginTarget;
import io.novation.core.pricing.RealizedVolatility;
import io.novation.core.market.MarginControllerBounds;

/**
 * The margin controller's rule, run on each accepted oracle round of a market whose controller is on: it applies a
 * due change, feeds the round to the EWMA, and announces at most one change of the initial margin fraction (ppm)
 * toward {@code k × σ × √horizon} ({@link MarginTarget}), clamped to the bounds and the step.
 * <ol>
 *   <li>A pending change whose time has come applies, except a cut at a round that ends a stale gap (the previous
 *   accepted round is older than the oracle's heartbeat): the controller never loosens while the oracle is stale,
 *   and waits for a round that follows a fresh one.</li>
 *   <li>The round's log-return updates the EWMA; σ² is the larger of the EWMA and the implied variance, if any.</li>
 *   <li>The desired fraction is the target clamped to {@code [minImf, maxImf]}, then to {@code current ± maxStep};
 *   a target within {@link #DEADBAND_PPM} of the current fraction desires no change.</li>
 *   <li>A pending change stands while the desired fraction lies on its side of the current one (its value and time
 *   as announced); otherwise it is cancelled.</li>
 *   <li>With nothing pending, at least {@code minInterval} after the last applied change, a desired change is
 *   announced: a raise effective after the tightening delay, a cut after the loosening delay (never a cut at a round
 *   that ends a stale gap).</li>
 * </ol>
 */
public final class MarginController
{
    /** Targets closer than this to the current fraction change nothing: 0.1 % of notional. */
    public static final long DEADBAND_PPM = 1_000;

    /** Receives the controller's decisions. */
    public interface Listener
    {
        /**
         * A change is announced.
         *
         * @param marketId      the market.
         * @param fromImfPpm    the fraction now.
         * @param toImfPpm      the fraction announced.
         * @param targetImfPpm  the unclamped target.
         * @param volatilityPpm the daily volatility behind it, ppm.
         * @param effectiveAt   when it applies, epoch ms.
         */
        void scheduled(int marketId, long fromImfPpm, long toImfPpm, long targetImfPpm, long volatilityPpm,
            long effectiveAt);

        /**
         * A change applies.
         *
         * @param marketId   the market.
         * @param fromImfPpm the fraction before.
         * @param toImfPpm   the fraction after.
         */
        void applied(int marketId, long fromImfPpm, long toImfPpm);

        /**
         * A pending change is withdrawn before it applied.
         *
         * @param marketId    the market.
         * @param imfPpm      the fraction it announced.
         * @param effectiveAt when it would have applied.
         */
        void cancelled(int marketId, long imfPpm, long effectiveAt);
    }

    private MarginController()
    {
    }

    /**
     * Runs the rule for one accepted round.
     *
     * @param risk            the market's risk state, controller on.
     * @param currentImfPpm   the market's initial margin fraction in effect, ppm.
     * @param price           the accepted price, positive.
     * @param now             the round's time, epoch ms.
     * @param endsStaleGap    whether the previous accepted price was older than the oracle's heartbeat.
     * @param impliedVariance the implied variance per day (1e-18), or 0 without a surface.
     * @param listener        receives the decisions.
     * @return the fraction in effect after the round, ppm.
     */
    public static long onRound(final MarketRisk risk, final long currentImfPpm, final long price, final long now,
        final boolean endsStaleGap, final long impliedVariance, final Listener listener)
    {
        final MarginControllerBounds bounds = risk.controller();
        long current = currentImfPpm;
        if (risk.pendingImfPpm() != 0 && now >= risk.pendingEffectiveAt() &&
            !(risk.pendingImfPpm() < current && endsStaleGap))
        {
            final long applied = risk.pendingImfPpm();
            risk.clearPending();
            risk.changed(now);
            listener.applied(risk.marketId(), current, applied);
            current = applied;
        }

        final long variance = risk.lastPrice() == 0 ? risk.variance() :
            RealizedVolatility.update(risk.variance(), risk.lastPrice(), price, now - risk.lastRoundAt(),
                bounds.halfLifeMs());
        risk.observe(price, now, variance);
        final long sigmaSquared = Math.max(variance, impliedVariance);
        final long target = MarginTarget.imfPpm(sigmaSquared);
        final long desired = desired(bounds, current, target);

        if (risk.pendingImfPpm() != 0)
        {
            final boolean pendingRaise = risk.pendingImfPpm() > current;
            if (desired != current && (desired > current) == pendingRaise)
            {
                return current;
            }
            listener.cancelled(risk.marketId(), risk.pendingImfPpm(), risk.pendingEffectiveAt());
            risk.clearPending();
        }
        final boolean intervalPassed = risk.lastChangeAt() == MarketRisk.NEVER ||
            now - risk.lastChangeAt() >= bounds.minIntervalMs();
        if (desired == current || !intervalPassed || desired < current && endsStaleGap)
        {
            return current;
        }
        final long effectiveAt = now + (desired > current ? bounds.tighteningDelayMs() : bounds.looseningDelayMs());
        risk.schedule(desired, effectiveAt);
        listener.scheduled(risk.marketId(), current, desired, target,
            RealizedVolatility.volatilityPpm(sigmaSquared), effectiveAt);
        return current;
    }

    /**
     * The fraction the controller moves to from {@code current} for a target: the target clamped to the bounds, then
     * to one step from the current fraction; the current fraction when the target is within the deadband.
     *
     * @param bounds  the bounds.
     * @param current the fraction in effect, ppm.
     * @param target  the unclamped target, ppm.
     * @return ppm.
     */
    public static long desired(final MarginControllerBounds bounds, final long current, final long target)
    {
        final long clamped = Math.min(bounds.maxImfPpm(), Math.max(bounds.minImfPpm(), target));
        if (Math.abs(clamped - current) < DEADBAND_PPM)
        {
            return current;
        }
        return Math.min(current + bounds.maxStepPpm(), Math.max(current - bounds.maxStepPpm(), clamped));
    }
}
