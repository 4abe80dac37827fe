package io.novation.core.engine;

import io.novation.core.command.Command;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.event.EventLog;
import io.novation.core.governance.DepthPenaltyBoundsChange;
import io.novation.core.governance.MarginControllerBoundsChange;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any price path (random walks, jumps, gaps past the heartbeat) with depth reports, through the engine with the
 * margin controller and the depth penalty on: replaying the same commands gives the same root, an engine restored
 * from a snapshot taken midway reaches the same root and events, and the market's initial margin fraction stays within
 * the bounds.
 */
class MarketRiskReplayPropertiesTest
{
    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final MarginControllerBounds BOUNDS =
        new MarginControllerBounds(40_000, 120_000, 10_000, 10 * MINUTE, 2 * MINUTE, 30 * MINUTE, 30 * MINUTE);

    /** One step: the gap before it (ms), a log-return in millionths, and whether it is a depth report. */
    record Step(long gapMs, long logReturnMicros, boolean depth)
    {
    }

    @Property(tries = 25)
    void shouldReplayAndRestoreToTheSameRootWithinTheBounds(@ForAll("paths") final List<Step> path)
    {
        final EngineFixture first = new EngineFixture(SignatureMode.TRUSTED);
        final List<Command> commands = commands(first, path);
        final int half = commands.size() / 2;
        byte[] snapshot = null;
        for (int i = 0; i < commands.size(); i++)
        {
            if (i == half)
            {
                snapshot = SnapshotCodec.write(first.engine);
            }
            first.engine.apply(commands.get(i));
            final long imf = first.engine.state().markets().perpetual(BTC).liquidityTier().initialMarginPpm();
            assertThat(imf).isBetween(BOUNDS.minImfPpm(), BOUNDS.maxImfPpm());
        }

        final EngineFixture second = new EngineFixture(SignatureMode.TRUSTED);
        commands(second, List.of());
        commands.forEach(second.engine::apply);
        assertThat(second.engine.stateRoot()).isEqualTo(first.engine.stateRoot());

        final EventLog restoredEvents = new EventLog();
        final ClearingEngine restored = SnapshotCodec.read(snapshot, first.engine.config(), restoredEvents);
        commands.subList(half, commands.size()).forEach(restored::apply);
        assertThat(restored.stateRoot()).isEqualTo(first.engine.stateRoot());
    }

    /** Turns the controller and the depth penalty on in the fixture, then returns the path's commands. */
    private static List<Command> commands(final EngineFixture fx, final List<Step> path)
    {
        long time = fx.tick();
        fx.apply(new SetRiskParameters(time, 1, time + DAY, new MarginControllerBoundsChange(BTC, BOUNDS)));
        fx.apply(new SetRiskParameters(time, 2, time + DAY, new DepthPenaltyBoundsChange(BTC,
            new DepthPenaltyBounds(800_000, 20_000, 10 * MINUTE))));
        time = fx.advance(DAY);
        Command due;
        while ((due = fx.engine.dueRiskParameters(time, fx.engine.state().time())) != null)
        {
            fx.apply(due);
        }
        final List<Command> commands = new ArrayList<>();
        long price = 60_000 * EngineFixture.BTC_USD;
        for (final Step step : path)
        {
            time += step.gapMs();
            if (step.depth())
            {
                final long scale = 1 + Math.abs(step.logReturnMicros());
                commands.add(new ReportMarketDepth(time, BTC, List.of(
                    new ReportMarketDepth.Level(10_000, scale * USDC, 2 * scale * USDC),
                    new ReportMarketDepth.Level(20_000, 3 * scale * USDC, 3 * scale * USDC))));
                continue;
            }
            price = Math.max(1_000, StrictMath.round(price * StrictMath.exp(step.logReturnMicros() / 1e6)));
            commands.add(fx.priceRound(time, BTC_ORACLE, price));
        }
        return commands;
    }

    @Provide
    Arbitrary<List<Step>> paths()
    {
        final Arbitrary<Long> gap = Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.longs().between(1_000, 60_000)),
            Tuple.of(2, Arbitraries.longs().between(120_001, 3 * 3_600_000L)));
        final Arbitrary<Long> move = Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.longs().between(-5_000, 5_000)),
            Tuple.of(2, Arbitraries.longs().between(-90_000, 90_000)));
        final Arbitrary<Boolean> depth = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
        return Combinators.combine(gap, move, depth).as(Step::new).list().ofMinSize(2).ofMaxSize(150);
    }
}
