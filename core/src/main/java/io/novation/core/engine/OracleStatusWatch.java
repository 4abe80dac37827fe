package io.novation.core.engine;

import io.novation.core.event.EventSink;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

import java.util.Arrays;

/**
 * Announces the market status changes that oracle staleness causes. An oracle's status is a function of its last
 * accepted round, its parameters and the sequencer time (active while fresh, reduce-only once older than the
 * heartbeat, halted once older than the halt delay), and a market's effective status is the stricter of that and its
 * governance status. The watch remembers what it last announced per oracle and, at each command's time once the
 * earliest deadline has passed, or after a round or a parameter change, emits {@code MarketStatusChanged} for every
 * market whose effective status changed. What it remembers only decides which events to emit, so it is not part of
 * the state root.
 */
final class OracleStatusWatch
{
    private final ClearingState state;
    private MarketStatus[] announced = new MarketStatus[8];
    private long nextDeadline = Long.MAX_VALUE;

    OracleStatusWatch(final ClearingState state)
    {
        this.state = state;
        Arrays.fill(announced, MarketStatus.ACTIVE);
    }

    /**
     * Called at each command's time: re-evaluates only when a deadline has passed.
     */
    void observe(final long now, final long sequence, final EventSink events)
    {
        if (now >= nextDeadline)
        {
            refresh(now, sequence, events);
        }
    }

    /**
     * Re-evaluates every oracle's status and announces the changes.
     */
    void refresh(final long now, final long sequence, final EventSink events)
    {
        final OracleBook oracles = state.oracles;
        if (oracles.count() > announced.length)
        {
            final int old = announced.length;
            announced = Arrays.copyOf(announced, Math.max(oracles.count(), old * 2));
            Arrays.fill(announced, old, announced.length, MarketStatus.ACTIVE);
        }
        long deadline = Long.MAX_VALUE;
        for (int oracleId = 0; oracleId < oracles.count(); oracleId++)
        {
            final MarketStatus status = oracles.status(oracleId, now);
            if (status != announced[oracleId])
            {
                announce(oracleId, announced[oracleId], status, sequence, events);
                announced[oracleId] = status;
            }
            deadline = Math.min(deadline, oracles.feed(oracleId).nextStatusChange(now));
        }
        nextDeadline = deadline;
    }

    MarketStatus announced(final int oracleId)
    {
        return oracleId < announced.length ? announced[oracleId] : MarketStatus.ACTIVE;
    }

    long nextDeadline()
    {
        return nextDeadline;
    }

    void restore(final MarketStatus[] statuses, final long deadline)
    {
        announced = Arrays.copyOf(statuses, Math.max(8, statuses.length));
        Arrays.fill(announced, statuses.length, announced.length, MarketStatus.ACTIVE);
        nextDeadline = deadline;
    }

    private void announce(final int oracleId, final MarketStatus before, final MarketStatus after,
        final long sequence, final EventSink events)
    {
        for (int marketId = 0; marketId < state.markets.perpetualCount(); marketId++)
        {
            final PerpetualMarket market = state.markets.perpetual(marketId);
            if (market.oracleId() != oracleId)
            {
                continue;
            }
            final MarketStatus wasEffective = stricter(market.status(), before);
            final MarketStatus isEffective = stricter(market.status(), after);
            if (wasEffective != isEffective)
            {
                events.marketStatusChanged(sequence, marketId, isEffective);
            }
        }
    }

    private static MarketStatus stricter(final MarketStatus first, final MarketStatus second)
    {
        return first.ordinal() >= second.ordinal() ? first : second;
    }
}
