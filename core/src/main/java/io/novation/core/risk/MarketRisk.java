package io.novation.core.risk;

import io.novation.core.pricing.MarginTarget;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;

import java.util.List;

/**
 * One perpetual market's risk state: the bounds governance set, the EWMA of its oracle log-returns (variance per day
 * in 1e-18), the margin controller's pending change (initial margin fraction in ppm, times in epoch ms) and the last
 * reported book depth. A market without bounds and without a depth report holds nothing and is not committed.
 */
public final class MarketRisk
{
    /** The value of {@link #lastChangeAt()} before any change. */
    public static final long NEVER = Long.MIN_VALUE;

    private final int marketId;
    private MarginControllerBounds controller;
    private DepthPenaltyBounds depthBounds;
    private long lastPrice;
    private long lastRoundAt;
    private long variance;
    private long pendingImfPpm;
    private long pendingEffectiveAt;
    private long lastChangeAt = NEVER;
    private List<ReportMarketDepth.Level> depth;
    private long depthAt;

    /**
     * The empty state of a market.
     *
     * @param marketId the perpetual market.
     */
    public MarketRisk(final int marketId)
    {
        this.marketId = marketId;
    }

    public int marketId()
    {
        return marketId;
    }

    /**
     * The controller's bounds, or null while the controller is off.
     *
     * @return the bounds or null.
     */
    public MarginControllerBounds controller()
    {
        return controller;
    }

    /**
     * The depth penalty's bounds, or null while liquidations use the static parameters.
     *
     * @return the bounds or null.
     */
    public DepthPenaltyBounds depthBounds()
    {
        return depthBounds;
    }

    /**
     * Turns the controller on with these bounds (keeping its volatility when it was on already, but not a pending
     * change, which was announced under the old bounds), or off, forgetting its volatility and pending change.
     *
     * @param bounds          the bounds, or null.
     * @param startingImfPpm  the fraction whose target variance seeds the EWMA when the controller starts.
     */
    public void controller(final MarginControllerBounds bounds, final long startingImfPpm)
    {
        if (bounds == null)
        {
            lastPrice = 0;
            lastRoundAt = 0;
            variance = 0;
            pendingImfPpm = 0;
            pendingEffectiveAt = 0;
            lastChangeAt = NEVER;
        }
        else if (controller == null)
        {
            variance = MarginTarget.varianceAt(startingImfPpm);
        }
        else
        {
            // New bounds withdraw a change announced under the old ones (it might lie outside the new).
            clearPending();
        }
        controller = bounds;
    }

    /**
     * Sets or clears the depth penalty's bounds.
     *
     * @param bounds the bounds, or null.
     */
    public void depthBounds(final DepthPenaltyBounds bounds)
    {
        depthBounds = bounds;
    }

    /**
     * The last accepted oracle price the EWMA has seen, or 0.
     *
     * @return price units.
     */
    public long lastPrice()
    {
        return lastPrice;
    }

    /**
     * When that price was accepted.
     *
     * @return epoch ms.
     */
    public long lastRoundAt()
    {
        return lastRoundAt;
    }

    /**
     * The EWMA variance per day.
     *
     * @return units of 1e-18.
     */
    public long variance()
    {
        return variance;
    }

    /**
     * The announced fraction not yet applied, or 0 when none is pending.
     *
     * @return ppm.
     */
    public long pendingImfPpm()
    {
        return pendingImfPpm;
    }

    /**
     * When the pending fraction applies.
     *
     * @return epoch ms.
     */
    public long pendingEffectiveAt()
    {
        return pendingEffectiveAt;
    }

    /**
     * When the controller last applied a change, or {@link #NEVER}.
     *
     * @return epoch ms.
     */
    public long lastChangeAt()
    {
        return lastChangeAt;
    }

    /**
     * The last depth report's levels, or null.
     *
     * @return the levels.
     */
    public List<ReportMarketDepth.Level> depth()
    {
        return depth;
    }

    /**
     * When the last depth report was made.
     *
     * @return epoch ms.
     */
    public long depthAt()
    {
        return depthAt;
    }

    /**
     * Keeps a depth report.
     *
     * @param levels the levels, validated.
     * @param time   the report's time, epoch ms.
     */
    public void depth(final List<ReportMarketDepth.Level> levels, final long time)
    {
        depth = List.copyOf(levels);
        depthAt = time;
    }

    void observe(final long price, final long time, final long newVariance)
    {
        lastPrice = price;
        lastRoundAt = time;
        variance = newVariance;
    }

    void schedule(final long imfPpm, final long effectiveAt)
    {
        pendingImfPpm = imfPpm;
        pendingEffectiveAt = effectiveAt;
    }

    void clearPending()
    {
        pendingImfPpm = 0;
        pendingEffectiveAt = 0;
    }

    void changed(final long time)
    {
        lastChangeAt = time;
    }

    /**
     * Restores the controller's state from a snapshot.
     *
     * @param price           last price seen.
     * @param roundAt         its time.
     * @param newVariance     the EWMA variance.
     * @param pendingImf      the pending fraction or 0.
     * @param pendingAt       when it applies.
     * @param changeAt        the last change's time or {@link #NEVER}.
     */
    public void restore(final long price, final long roundAt, final long newVariance, final long pendingImf,
        final long pendingAt, final long changeAt)
    {
        lastPrice = price;
        lastRoundAt = roundAt;
        variance = newVariance;
        pendingImfPpm = pendingImf;
        pendingEffectiveAt = pendingAt;
        lastChangeAt = changeAt;
    }

    /**
     * Whether the market holds no risk state (neither bounds nor a depth report).
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return controller == null && depthBounds == null && depth == null;
    }

    /**
     * Appends this market's risk state to the global leaf of the state commitment.
     *
     * @param encoding      the leaf being written.
     * @param imfOverridePpm the market's controller-set initial margin fraction, or 0.
     */
    public void commitTo(final LeafEncoding encoding, final long imfOverridePpm)
    {
        encoding.putInt(marketId).putLong(imfOverridePpm);
        if (controller == null)
        {
            encoding.putByte(0);
        }
        else
        {
            encoding.putByte(1).putLong(controller.minImfPpm()).putLong(controller.maxImfPpm())
                .putLong(controller.maxStepPpm()).putLong(controller.minIntervalMs())
                .putLong(controller.tighteningDelayMs()).putLong(controller.looseningDelayMs())
                .putLong(controller.halfLifeMs())
                .putLong(lastPrice).putLong(lastRoundAt).putLong(variance).putLong(pendingImfPpm)
                .putLong(pendingEffectiveAt).putLong(lastChangeAt);
        }
        if (depthBounds == null)
        {
            encoding.putByte(0);
        }
        else
        {
            encoding.putByte(1).putLong(depthBounds.maxSpreadRatioPpm()).putLong(depthBounds.maxFeePpm())
                .putLong(depthBounds.maxDepthAgeMs());
        }
        if (depth == null)
        {
            encoding.putByte(0);
        }
        else
        {
            encoding.putByte(depth.size()).putLong(depthAt);
            for (final ReportMarketDepth.Level level : depth)
            {
                encoding.putLong(level.distancePpm()).putLong(level.bidNotional()).putLong(level.askNotional());
            }
        }
    }
}
