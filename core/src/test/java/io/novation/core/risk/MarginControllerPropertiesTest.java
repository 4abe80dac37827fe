package io.novation.core.risk;

import io.novation.core.market.MarginControllerBounds;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any price path (random walks, jumps, gaps longer than the heartbeat) and any bounds, the controller's fraction
 * stays within the bounds, moves by at most one step per change, changes at most once per minimum interval, applies
 * a raise no earlier than the tightening delay and a cut no earlier than the loosening delay after its announcement,
 * never applies or announces a cut at a round that ends a stale gap, and is a function of its inputs (replay).
 */
class MarginControllerPropertiesTest
{
    private static final long HEARTBEAT_MS = 120_000;

    /** One round: the time since the last one (ms) and the log-return in millionths. */
    record Step(long gapMs, long logReturnMicros)
    {
    }

    record Bounds(long min, long max, long step, long interval, long tighten, long loosen, long halfLife)
    {
        MarginControllerBounds toBounds()
        {
            return new MarginControllerBounds(min, max, step, interval, tighten, loosen, halfLife);
        }
    }

    @Property(tries = 300)
    void shouldStayWithinBoundsStepsIntervalsAndTheStaleRule(
        @ForAll("bounds") final Bounds b, @ForAll("paths") final List<Step> path, @ForAll("implied") final long implied)
    {
        final MarginControllerBounds bounds = b.toBounds();
        final Recorder recorder = new Recorder();
        final long start = b.min() + (b.max() - b.min()) / 3;
        final List<Long> trace = run(bounds, start, path, implied, recorder);

        long current = start;
        long lastApplied = Long.MIN_VALUE;
        for (final Recorder.Decision d : recorder.decisions)
        {
            if (d.kind == 'S')
            {
                assertThat(d.from).isEqualTo(current);
                assertThat(d.to).isBetween(bounds.minImfPpm(), bounds.maxImfPpm());
                assertThat(Math.abs(d.to - d.from)).isBetween(1L, bounds.maxStepPpm());
                assertThat(d.effectiveAt - d.time).isEqualTo(d.to > d.from ? bounds.tighteningDelayMs() :
                    bounds.looseningDelayMs());
                assertThat(d.to < d.from && d.endsStaleGap).isFalse();
                if (lastApplied != Long.MIN_VALUE)
                {
                    assertThat(d.time - lastApplied).isGreaterThanOrEqualTo(bounds.minIntervalMs());
                }
            }
            else if (d.kind == 'A')
            {
                final Recorder.Decision announced = recorder.lastScheduled(d);
                assertThat(d.from).isEqualTo(current);
                assertThat(d.to).isEqualTo(announced.to);
                assertThat(d.time).isGreaterThanOrEqualTo(announced.effectiveAt);
                assertThat(d.to).isBetween(bounds.minImfPpm(), bounds.maxImfPpm());
                assertThat(Math.abs(d.to - d.from)).isLessThanOrEqualTo(bounds.maxStepPpm());
                assertThat(d.to < d.from && d.endsStaleGap).isFalse();
                if (lastApplied != Long.MIN_VALUE)
                {
                    assertThat(d.time - lastApplied).isGreaterThanOrEqualTo(bounds.minIntervalMs());
                }
                lastApplied = d.time;
                current = d.to;
            }
        }
        assertThat(trace.get(trace.size() - 1)).isEqualTo(current);
        assertThat(run(bounds, start, path, implied, new Recorder())).isEqualTo(trace);
    }

    private static List<Long> run(final MarginControllerBounds bounds, final long start, final List<Step> path,
        final long implied, final Recorder recorder)
    {
        final MarketRisk risk = new MarketRisk(0);
        risk.controller(bounds, start);
        final List<Long> trace = new ArrayList<>();
        long imf = start;
        long price = 10_000_000_000L;
        long time = 1_760_054_400_000L;
        boolean first = true;
        for (final Step step : path)
        {
            time += step.gapMs();
            price = Math.max(1, StrictMath.round(price * StrictMath.exp(step.logReturnMicros() / 1e6)));
            final boolean endsStaleGap = !first && step.gapMs() > HEARTBEAT_MS;
            recorder.at(time, endsStaleGap);
            imf = MarginController.onRound(risk, imf, price, time, endsStaleGap, implied, recorder);
            trace.add(imf);
            trace.add(risk.variance());
            first = false;
        }
        trace.add(imf);
        return trace;
    }

    @Provide
    Arbitrary<Bounds> bounds()
    {
        final Arbitrary<Long> min = Arbitraries.longs().between(1_000, 300_000);
        final Arbitrary<Long> width = Arbitraries.longs().between(0, 700_000);
        final Arbitrary<Long> step = Arbitraries.longs().between(1, 200_000);
        final Arbitrary<Long> interval = Arbitraries.longs().between(0, 6 * 3_600_000L);
        final Arbitrary<Long> tighten = Arbitraries.longs().between(0, 3_600_000L);
        final Arbitrary<Long> extra = Arbitraries.longs().between(0, 24 * 3_600_000L);
        final Arbitrary<Long> halfLife = Arbitraries.oneOf(
            Arbitraries.just(MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS),
            Arbitraries.longs().between(60_000, 30L * 24 * 3_600_000L));
        return Combinators.combine(min, width, step, interval, tighten, extra, halfLife)
            .as((m, w, s, i, t, e, h) -> new Bounds(m, m + w, s, i, t, t + e, h));
    }

    @Provide
    Arbitrary<List<Step>> paths()
    {
        final Arbitrary<Long> gap = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1_000, 60_000)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(120_001, 6 * 3_600_000L)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
        final Arbitrary<Long> move = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(-3_000, 3_000)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-300_000, 300_000)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)));
        return Combinators.combine(gap, move).as(Step::new).list().ofMinSize(1).ofMaxSize(400);
    }

    @Provide
    Arbitrary<Long> implied()
    {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 40_000_000_000_000_000L)));
    }

    private static final class Recorder implements MarginController.Listener
    {
        record Decision(char kind, long time, boolean endsStaleGap, long from, long to, long effectiveAt)
        {
        }

        final List<Decision> decisions = new ArrayList<>();
        private long time;
        private boolean endsStaleGap;

        void at(final long now, final boolean stale)
        {
            time = now;
            endsStaleGap = stale;
        }

        Decision lastScheduled(final Decision applied)
        {
            for (int i = decisions.indexOf(applied) - 1; i >= 0; i--)
            {
                if (decisions.get(i).kind == 'S')
                {
                    return decisions.get(i);
                }
            }
            throw new AssertionError("applied without an announcement");
        }

        @Override
        public void scheduled(final int marketId, final long fromImfPpm, final long toImfPpm, final long targetImfPpm,
            final long volatilityPpm, final long effectiveAt)
        {
            decisions.add(new Decision('S', time, endsStaleGap, fromImfPpm, toImfPpm, effectiveAt));
        }

        @Override
        public void applied(final int marketId, final long fromImfPpm, final long toImfPpm)
        {
            decisions.add(new Decision('A', time, endsStaleGap, fromImfPpm, toImfPpm, 0));
        }

        @Override
        public void cancelled(final int marketId, final long imfPpm, final long effectiveAt)
        {
            decisions.add(new Decision('C', time, endsStaleGap, imfPpm, imfPpm, effectiveAt));
        }
    }
}
