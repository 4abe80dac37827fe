package io.novation.sim.demo;

import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.event.Event;
import io.novation.core.risk.MarketRisk;

import java.util.ArrayList;
import java.util.List;

/**
 * The margin controller through the replay (docs/protocol.md, "Risk that follows the market"), per market and minute
 * of the window: the initial margin fraction in effect (ppm) and the controller's realized volatility (the square
 * root of its EWMA variance per day, ppm per day), read from the replayed engine; and the controller's changes from
 * its events.
 */
final class RiskSeries implements ReplayListener
{
    /** A change the controller applied. */
    record Change(long time, int marketId, long fromImfPpm, long toImfPpm)
    {
    }

    private final int markets;
    private final long[][] imfPpm;
    private final long[][] volatilityPpm;
    private final List<Change> changes = new ArrayList<>();
    private final long[] scheduled;
    private final long[] cancelled;
    private final long[] depthReports;
    private long time;

    RiskSeries(final int markets, final int minutes)
    {
        this.markets = markets;
        this.imfPpm = new long[markets][minutes];
        this.volatilityPpm = new long[markets][minutes];
        this.scheduled = new long[markets];
        this.cancelled = new long[markets];
        this.depthReports = new long[markets];
    }

    @Override
    public void beforeCommand(final long sequence, final Command command, final ClearingEngine engine)
    {
        at(command.time());
    }

    @Override
    public void onEvent(final long sequence, final Event event, final ClearingEngine engine)
    {
        onEvent(event);
    }

    @Override
    public void onMinuteEnd(final int minute, final ClearingState state)
    {
        record(minute, state);
    }

    /** A command starts at a time (epoch ms). */
    void at(final long commandTime)
    {
        time = commandTime;
    }

    /** Records the minute from the replayed state. */
    void record(final int minute, final ClearingState state)
    {
        for (int m = 0; m < markets; m++)
        {
            imfPpm[m][minute] = state.markets().perpetual(m).liquidityTier().initialMarginPpm();
            final MarketRisk risk = state.risk().market(m);
            final long variance = risk == null || risk.controller() == null ? 0 : risk.variance();
            volatilityPpm[m][minute] = Math.round(StrictMath.sqrt(variance * 1e-18) * 1e6);
        }
    }

    /** An event of the replay. */
    void onEvent(final Event event)
    {
        if (event instanceof Event.MarginAdjustmentApplied e && e.marketId() < markets)
        {
            changes.add(new Change(time, e.marketId(), e.fromImfPpm(), e.toImfPpm()));
        }
        else if (event instanceof Event.MarginAdjustmentScheduled e && e.marketId() < markets)
        {
            scheduled[e.marketId()]++;
        }
        else if (event instanceof Event.MarginAdjustmentCancelled e && e.marketId() < markets)
        {
            cancelled[e.marketId()]++;
        }
        else if (event instanceof Event.MarketDepthReported e && e.marketId() < markets)
        {
            depthReports[e.marketId()]++;
        }
    }

    long[] imfPpm(final int marketId)
    {
        return imfPpm[marketId];
    }

    long[] volatilityPpm(final int marketId)
    {
        return volatilityPpm[marketId];
    }

    List<Change> changes()
    {
        return changes;
    }

    long scheduled(final int marketId)
    {
        return scheduled[marketId];
    }

    long cancelled(final int marketId)
    {
        return cancelled[marketId];
    }

    long depthReports(final int marketId)
    {
        return depthReports[marketId];
    }
}
