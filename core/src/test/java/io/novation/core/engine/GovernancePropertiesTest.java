package io.novation.core.engine;

import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Deposit;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.EventSink;
import io.novation.core.governance.AssetWeightsChange;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.LiquidationTermsChange;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.governance.OracleParametersChange;
import io.novation.core.governance.PublisherAddition;
import io.novation.core.governance.PublisherRemoval;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of deposits, trades and price rounds interleaved with scheduled, cancelled, replayed and applied
 * risk parameter changes of every kind (applied, as the sequencer does, before the first command at or after their
 * time): conservation after every command, an unchanged root after every rejection, the same root on replay of the
 * journaled commands, and from a snapshot taken half-way with the rest replayed.
 */
class GovernancePropertiesTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol"};
    private static final long[] DELAYS = {59 * 60_000L, GovernanceDelays.HOUR_MS, 2 * GovernanceDelays.HOUR_MS,
        GovernanceDelays.LOOSEN_MS, GovernanceDelays.LOOSEN_MS, 30 * GovernanceDelays.HOUR_MS};
    private static final AtomicLong SCHEDULED = new AtomicLong();
    private static final AtomicLong APPLIED = new AtomicLong();
    private static final AtomicLong CANCELLED = new AtomicLong();
    private static final AtomicLong TRADES = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();

    @AfterContainer
    static void shouldHaveExercisedEveryPath()
    {
        System.out.println("governance sequences: " + SCHEDULED + " scheduled, " + APPLIED + " applied, " +
            CANCELLED + " cancelled, " + TRADES + " trades, " + REJECTED + " rejected");
        // Floors of a meaningful mix over the 300 sequences (seeds vary per run), well below the usual counts.
        assertThat(SCHEDULED.get()).as("scheduled changes").isGreaterThan(300);
        assertThat(APPLIED.get()).as("applied changes").isGreaterThan(150);
        assertThat(CANCELLED.get()).as("cancelled changes").isGreaterThan(10);
        assertThat(TRADES.get()).as("trades").isGreaterThan(300);
        assertThat(REJECTED.get()).as("rejected commands").isGreaterThan(300);
    }

    /** One random step. */
    record Step(int kind, int a, int b, int id, int delay, long amount, long price)
    {
    }

    @Provide
    Arbitrary<List<Step>> steps()
    {
        return Combinators.combine(
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)), net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(2)), net.jqwik.api.Tuple.of(6, Arbitraries.just(3)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(4)), net.jqwik.api.Tuple.of(4, Arbitraries.just(5))),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(0, DELAYS.length - 1),
            Arbitraries.longs().between(1, 600),
            Arbitraries.longs().between(50_000, 70_000)).as(Step::new).list().ofMinSize(5).ofMaxSize(40);
    }

    private static RiskParameterChange change(final Step step)
    {
        final long small = step.amount();
        return switch (step.b())
        {
            case 0 -> new LiquidityTierChange(BTC, 30_000 + small * 100, 500_000 + small, small % 3 == 0 ? 0 : small,
                0, small % 2 == 0 ? 0 : small * 1_000_000_000L);
            case 1 -> new MarketFeesChange(BTC, small % 2 == 0 ? -small : small, small * 2);
            case 2 -> new LiquidationTermsChange(BTC, new LiquidationTerms(small * 20, 1_000_000, 50_000 + small * 100,
                small * 1_000 * USDC, 100_000 + small * 100, small * 100, 500_000 + small));
            case 3 -> new AssetWeightsChange(ETH_ASSET, 500_000 + small * 500, 900_000 + small % 100);
            case 4 -> new OracleParametersChange(BTC_ORACLE, new OracleParameters((int)(1 + small % 4), 60_000, 5_000,
                120_000 + small * 1_000, 900_000 + small * 1_000, 100_000, 4, 10_000, 10_000, 250_000));
            case 5 -> new PublisherAddition(BTC_ORACLE, address("oracle-" + (char)('a' + small % 5)));
            case 6 -> new PublisherRemoval(BTC_ORACLE, address("oracle-" + (char)('a' + small % 5)));
            case 7 -> new GovernanceKeyRotation(address("governance-" + small));
            case 8 -> new BridgeKeyRotation(address("bridge-" + small));
            default -> new LiquidityTierChange(BTC + 7, 60_000, 600_000, 0, 0, 0);
        };
    }

    private static Command command(final EngineFixture fx, final Step step, final long[] depositId)
    {
        return switch (step.kind())
        {
            case 0 -> new Deposit(fx.tick(), address(TRADERS[step.a()]), 0, 0, step.amount() * 100 * USDC,
                ++depositId[0]);
            case 1 ->
            {
                final long size = step.amount() * (ONE_BTC / 10_000);
                final long price = step.price() * BTC_USD;
                final String maker = TRADERS[step.a()];
                final String taker = TRADERS[(step.a() + 1) % TRADERS.length];
                yield new SettleTrade(fx.tick(), BTC, fx.order(maker, 0, BTC, step.id() % 2 == 0, size, price, false),
                    fx.order(taker, 0, BTC, step.id() % 2 != 0, size, price, false), size, price);
            }
            case 2 -> fx.priceRound(fx.tick(), BTC_ORACLE, step.price() * BTC_USD);
            case 3 ->
            {
                final long now = fx.tick();
                yield new SetRiskParameters(now, step.id(), now + DELAYS[step.delay()], change(step));
            }
            case 4 -> new CancelRiskParameters(fx.tick(), step.id());
            default -> null;
        };
    }

    /** Applies and records a command, checking conservation and, on a rejection, the root. */
    private static void applyChecked(final EngineFixture fx, final Command command, final List<Command> journal)
    {
        final byte[] before = fx.engine.stateRoot();
        final boolean applied = fx.apply(command);
        journal.add(command);
        assertThat(Conservation.holds(fx.engine.state())).as("conservation after " + command).isTrue();
        if (!applied)
        {
            REJECTED.incrementAndGet();
            assertThat(fx.engine.stateRoot()).as("root after rejected " + command).isEqualTo(before);
            assertThat(command).as("the sequencer's own application is never rejected")
                .isNotInstanceOf(ApplyRiskParameters.class);
            return;
        }
        if (command instanceof SetRiskParameters)
        {
            SCHEDULED.incrementAndGet();
        }
        else if (command instanceof ApplyRiskParameters)
        {
            APPLIED.incrementAndGet();
        }
        else if (command instanceof CancelRiskParameters)
        {
            CANCELLED.incrementAndGet();
        }
        else if (command instanceof SettleTrade)
        {
            TRADES.incrementAndGet();
        }
    }

    /** What the sequencer does before a command at a time: applies every change due, each as its own command. */
    private static void applyDue(final EngineFixture fx, final long now, final List<Command> journal)
    {
        ApplyRiskParameters due;
        while ((due = fx.engine.dueRiskParameters(now, fx.engine.state().time())) != null)
        {
            applyChecked(fx, due, journal);
        }
    }

    @Property(tries = 300)
    void shouldConserveAndReplayToTheSameRootThroughScheduledCancelledAndAppliedChanges(
        @ForAll("steps") final List<Step> steps)
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        fx.engine.eventSink(EventSink.NONE);
        final long[] depositId = {0};
        final List<Command> journal = new ArrayList<>();
        for (final String trader : TRADERS)
        {
            applyChecked(fx, new Deposit(fx.tick(), address(trader), 0, 0, 20_000 * USDC, ++depositId[0]), journal);
        }
        byte[] snapshot = null;
        int snapshotAt = 0;
        for (int i = 0; i < steps.size(); i++)
        {
            final Step step = steps.get(i);
            if (i == steps.size() / 2)
            {
                snapshot = SnapshotCodec.write(fx.engine);
                snapshotAt = journal.size();
            }
            if (step.kind() == 5)
            {
                // Time passes (up to 50 hours): every change due by then applies; a fresh price follows.
                applyDue(fx, fx.advance(step.amount() * 5 * 60_000L), journal);
                applyChecked(fx, fx.priceRound(fx.tick(), BTC_ORACLE, step.price() * BTC_USD), journal);
                continue;
            }
            final Command command = command(fx, step, depositId);
            applyDue(fx, command.time(), journal);
            applyChecked(fx, command, journal);
        }

        // Every change still pending is due 31 hours on.
        applyDue(fx, fx.advance(31 * GovernanceDelays.HOUR_MS), journal);
        assertThat(fx.engine.state().governance().pendingCount()).isZero();

        final EngineFixture replayed = new EngineFixture(SignatureMode.TRUSTED);
        replayed.engine.eventSink(EventSink.NONE);
        for (final Command command : journal)
        {
            replayed.engine.apply(CommandCodec.decode(CommandCodec.encode(command)));
        }
        assertThat(replayed.engine.stateRoot()).as("replayed root").isEqualTo(fx.engine.stateRoot());

        final ClearingEngine restored = SnapshotCodec.read(snapshot, fx.engine.config(), EventSink.NONE);
        for (final Command command : journal.subList(snapshotAt, journal.size()))
        {
            restored.apply(command);
        }
        assertThat(restored.stateRoot()).as("root from the snapshot").isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().governance().isEmpty()).isEqualTo(fx.engine.state().governance().isEmpty());
    }
}
