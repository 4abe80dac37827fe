package io.novation.core.liquidation;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ETH_ORACLE;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health index against a full scan: after every command of random sequences (deposits of USDC and ETH
 * collateral, trades at varied leverage on BTC, ETH and a SOL market whose tier has a size premium, oracle rounds with
 * small and large moves both ways, withdrawals, transfers, funding ticks an hour apart at rates up to the clamp,
 * premium samples), the subaccounts the index lists as below maintenance, in its order, are exactly those
 * {@link MarginCalculator} finds below maintenance, scanning every subaccount at the current (fresh) prices, and the
 * newly liquidatable ones are exactly those that crossed since the previous read. A second property reads the index
 * only every few commands, so that several prices and funding indices move between two refreshes.
 */
class HealthIndexPropertiesTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol", "dave", "erin", "frank"};
    private static final int[] SUBACCOUNTS = {0, 1, 128};

    /** A third perpetual, SOL-USD, whose tier has a size premium (IMF 5 % + 40 % per sqrt(notional / 1 M USDC)). */
    private static final int SOL = 2;
    private static final long SOL_USD = 1_000_000L;
    private static final int[] MARKETS = {BTC, ETH_PERP, SOL};
    private static final AtomicLong LIQUIDATABLE_SEEN = new AtomicLong();
    private static final AtomicLong NEWLY_LIQUIDATABLE = new AtomicLong();
    private static final AtomicLong RECOVERED = new AtomicLong();
    private static final AtomicLong TRIGGER_FLIPS = new AtomicLong();
    private static final AtomicLong ACCEPTED_TRADES = new AtomicLong();
    private static final AtomicLong ACCEPTED_TICKS = new AtomicLong();
    private static final AtomicLong SEQUENCES = new AtomicLong();

    @AfterContainer
    static void shouldHaveSeenLiquidatableSubaccounts()
    {
        System.out.printf("health index property: %d sequences, %d trades, %d funding ticks, %d liquidatable seen, " +
            "%d fell below, %d recovered, %d flipped by a trigger alone%n", SEQUENCES.get(), ACCEPTED_TRADES.get(),
            ACCEPTED_TICKS.get(), LIQUIDATABLE_SEEN.get(), NEWLY_LIQUIDATABLE.get(), RECOVERED.get(),
            TRIGGER_FLIPS.get());
        assertThat(SEQUENCES.get()).as("sequences").isGreaterThanOrEqualTo(3_000);
        assertThat(ACCEPTED_TRADES.get()).as("accepted trades").isGreaterThan(5_000);
        assertThat(ACCEPTED_TICKS.get()).as("accepted funding ticks").isGreaterThan(1_000);
        assertThat(LIQUIDATABLE_SEEN.get()).as("liquidatable subaccounts seen after commands").isGreaterThan(10_000);
        assertThat(NEWLY_LIQUIDATABLE.get()).as("subaccounts that fell below maintenance").isGreaterThan(1_000);
        assertThat(RECOVERED.get()).as("subaccounts that came back above maintenance").isGreaterThan(200);
        assertThat(TRIGGER_FLIPS.get()).as("states flipped by a trigger alone").isGreaterThan(500);
    }

    /** One random step, turned into a command against the fixture's clock and prices when the sequence runs. */
    record Step(int kind, int a, int b, int subA, int subB, long amount, long move, boolean flag)
    {
    }

    @Provide
    Arbitrary<Step> steps()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 14),
            Arbitraries.integers().between(0, TRADERS.length - 1),
            Arbitraries.integers().between(0, TRADERS.length - 1),
            Arbitraries.of(0, 1, 128),
            Arbitraries.of(0, 1, 128),
            Arbitraries.longs().between(1, 400).withDistribution(RandomDistribution.uniform()),
            Arbitraries.longs().between(-400, 400).withDistribution(RandomDistribution.uniform()),
            Arbitraries.of(true, false)).as(Step::new);
    }

    @Provide
    Arbitrary<List<Step>> stepLists()
    {
        return steps().list().ofMinSize(10).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Long>> openingDeposits()
    {
        return Arbitraries.longs().between(50, 20_000).withDistribution(RandomDistribution.uniform()).list().ofSize(TRADERS.length * SUBACCOUNTS.length);
    }

    @Property(tries = 3000)
    void shouldListExactlyTheSubaccountsAFullScanFindsBelowMaintenance(
        @ForAll("openingDeposits") final List<Long> deposits, @ForAll("stepLists") final List<Step> steps)
    {
        run(deposits, steps, 1);
    }

    @Property(tries = 1000)
    void shouldStayExactWhenReadOnlyEveryFewCommands(
        @ForAll("openingDeposits") final List<Long> deposits, @ForAll("stepLists") final List<Step> steps,
        @ForAll @IntRange(min = 2, max = 8) final int readEvery)
    {
        run(deposits, steps, readEvery);
    }

    private static void run(final List<Long> deposits, final List<Step> steps, final int readEvery)
    {
        SEQUENCES.incrementAndGet();
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED, HealthIndexPropertiesTest::listOracles);
        fx.engine.eventSink(EventSink.NONE);
        configure(fx);
        final HealthIndex index = fx.engine.healthIndex();
        for (int i = 0; i < deposits.size(); i++)
        {
            assertThat(fx.apply(new Deposit(fx.tick(), address(TRADERS[i / SUBACCOUNTS.length]),
                SUBACCOUNTS[i % SUBACCOUNTS.length], 0, deposits.get(i) * USDC,
                fx.engine.state().lastDepositId() + 1))).isTrue();
        }
        Set<Subaccount> before = new HashSet<>(compare(fx, index));
        index.clearNewlyLiquidatable();
        int applied = 0;
        for (final Step step : steps)
        {
            final Command command = toCommand(fx, step);
            final boolean accepted = fx.apply(command);
            if (accepted && command instanceof SettleTrade)
            {
                ACCEPTED_TRADES.incrementAndGet();
            }
            if (accepted && command instanceof FundingTick)
            {
                ACCEPTED_TICKS.incrementAndGet();
            }
            if (++applied % readEvery != 0 && applied != steps.size())
            {
                continue;
            }
            final List<Subaccount> now = compare(fx, index);
            TRIGGER_FLIPS.addAndGet(index.flipsInLastRefresh());
            final List<Subaccount> expectedNewly = new ArrayList<>();
            for (final Subaccount subaccount : now)
            {
                if (!before.contains(subaccount))
                {
                    expectedNewly.add(subaccount);
                }
            }
            final List<Subaccount> newly = new ArrayList<>();
            for (int i = 0; i < index.newlyLiquidatableCount(); i++)
            {
                newly.add(index.newlyLiquidatable(i));
            }
            assertThat(newly).as("newly liquidatable after %s", command).containsExactlyElementsOf(expectedNewly);
            index.clearNewlyLiquidatable();
            LIQUIDATABLE_SEEN.addAndGet(now.size());
            NEWLY_LIQUIDATABLE.addAndGet(expectedNewly.size());
            final Set<Subaccount> current = new HashSet<>(now);
            for (final Subaccount subaccount : before)
            {
                if (!current.contains(subaccount))
                {
                    RECOVERED.incrementAndGet();
                }
            }
            before = current;
        }
    }

    /**
     * Scans every subaccount with the margin calculator and compares with the index: the count, the order of
     * iteration and each subaccount's flag.
     */
    static List<Subaccount> compare(final EngineFixture fx, final HealthIndex index)
    {
        final ClearingState state = fx.engine.state();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles());
        final MarginFigures figures = new MarginFigures();
        final List<Subaccount> expected = new ArrayList<>();
        final List<Subaccount> all = new ArrayList<>();
        for (int i = 0; i < state.accounts().count(); i++)
        {
            final Account account = state.accounts().at(i);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                all.add(subaccount);
                if (calculator.compute(subaccount, figures) && figures.isBelowMaintenance())
                {
                    expected.add(subaccount);
                }
            }
        }
        final List<Subaccount> listed = new ArrayList<>();
        for (int i = 0; i < index.liquidatableCount(); i++)
        {
            listed.add(index.liquidatable(i));
        }
        assertThat(listed).as("subaccounts below maintenance, in order").containsExactlyElementsOf(expected);
        final List<Subaccount> flagged = new ArrayList<>();
        for (final Subaccount subaccount : all)
        {
            if (index.isLiquidatable(subaccount))
            {
                flagged.add(subaccount);
            }
        }
        assertThat(flagged).as("subaccounts flagged").isEqualTo(expected);
        return expected;
    }

    private static final OracleParameters ANY_MOVE = new OracleParameters(3, 60_000, 5_000, 7 * 86_400_000L,
        30 * 86_400_000L, 1_000_000, 3, 10_000, 10_000, 250_000);

    /**
     * Oracles that accept any move at once and stay fresh for a week (so that margin's stale band never applies and
     * the margin calculator judges at the index price, as the index does), and funding every second: BTC at an external
     * rate, ETH from premium samples, both clamped at 12 % per 8 hours.
     */
    static void listOracles(final EngineFixture fx)
    {
        assertThat(fx.apply(new SetOracleParameters(fx.tick(), BTC_ORACLE, ANY_MOVE))).isTrue();
        assertThat(fx.apply(new SetOracleParameters(fx.tick(), ETH_ORACLE, ANY_MOVE))).isTrue();
    }

    /** Funding every second, and a SOL market whose oracle is listed like the others ({@link #listOracles}). */
    static void configure(final EngineFixture fx)
    {
        final OracleParameters anyMove = ANY_MOVE;
        final FundingParameters fast = new FundingParameters(FundingMode.EXTERNAL_RATE, 1_000, 1_000, 100_000,
            500_000, 6_000_000, 60_000_000);
        final List<Command> commands = List.of(
            new SetFundingParameters(fx.tick(), BTC, fast),
            new SetFundingParameters(fx.tick(), ETH_PERP, fast.withMode(FundingMode.PREMIUM_SAMPLES)));
        for (final Command command : commands)
        {
            assertThat(fx.apply(command)).isTrue();
        }
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), SOL, "SOL-USD", "SOL-USD", -6, -9, 10_000, 1_000_000,
            new LiquidityTier(2, "premium", 50_000, 600_000, 400_000, 0, 0), 0, 500, MarketStatus.ACTIVE))).isTrue();
        final int solOracle = fx.engine.state().markets().perpetual(SOL).oracleId();
        for (final String publisher : EngineFixture.PUBLISHERS)
        {
            assertThat(fx.apply(new RegisterOraclePublisher(fx.tick(), solOracle, address(publisher)))).isTrue();
        }
        assertThat(fx.apply(new SetOracleParameters(fx.tick(), solOracle, anyMove))).isTrue();
        final OraclePrice first = fx.priceRound(fx.tick(), solOracle, 150 * SOL_USD);
        assertThat(fx.apply(first)).isTrue();
    }

    private static Command toCommand(final EngineFixture fx, final Step step)
    {
        final String a = TRADERS[step.a()];
        final String b = TRADERS[step.a() == step.b() && step.subA() == step.subB() ?
            (step.b() + 1) % TRADERS.length : step.b()];
        if (step.kind() == 10)
        {
            fx.advance(3_600_000);
        }
        final long time = fx.tick();
        final ClearingState state = fx.engine.state();
        final int market = MARKETS[(int)(step.amount() % MARKETS.length)];
        final int oracle = state.markets().perpetual(market).oracleId();
        final long oraclePrice = state.oracles().price(oracle);
        final long eth = state.oracles().price(ETH_ORACLE);
        switch (step.kind())
        {
            case 0:
            case 1:
                return new Deposit(time, address(a), step.subA(), 0, step.amount() * 25 * USDC,
                    state.lastDepositId() + 1);
            case 2:
                return new Deposit(time, address(a), step.subA() == 128 ? 0 : step.subA(), ETH_ASSET,
                    step.amount() * 2_500_000L, state.lastDepositId() + 1);
            case 3:
                // A small move: up to ±4 % in steps of 0.01 %.
                return fx.priceRound(time, oracle, moved(oraclePrice, step.move()));
            case 4:
                // A large move: up to ±40 %.
                return fx.priceRound(time, oracle, moved(oraclePrice, step.move() * 10));
            case 5:
                return new Withdraw(time, address(a), step.subA(), step.flag() ? 0 : ETH_ASSET,
                    step.flag() ? step.amount() * 10 * USDC : step.amount() * 1_000_000L, nonceAfter(fx, a), null);
            case 6:
                return new Transfer(time, address(a), step.subA(), step.subB(), 0, step.amount() * 10 * USDC,
                    nonceAfter(fx, a), null);
            case 10:
                return market == BTC ?
                    FundingTick.withRate(time, BTC, step.move() * 300_000L) :
                    FundingTick.computed(time, market);
            case 11:
                return new FundingSample(time, ETH_PERP, moved(eth, step.move() / 4), moved(eth, step.move() / 4 - 5));
            default:
                final int traded = step.kind() == 8 ? BTC : market;
                final long tick = state.markets().perpetual(traded).tickSize();
                final long price = Math.max(tick, moved(state.oracles().price(
                    state.markets().perpetual(traded).oracleId()), step.move() / 40) / tick * tick);
                // Random sizes from 0.001 to 0.4 BTC (up to about 24 k USDC), 0.02 to 8 ETH or 1 to 400 SOL (up to
                // 60 k USDC, where the size premium adds about 10 % IMF), against opening deposits of 50 to 20,000
                // USDC; or (kinds 12 to 14) a share of what both parties' free collateral allows at the base initial
                // margin: 10x to 20x leverage, liquidatable after a move of a few %.
                final long size = step.kind() >= 12 ?
                    leveragedSize(fx, traded, a, step.subA(), b, step.subB(), step.amount()) :
                    traded == BTC ? step.amount() * (ONE_BTC / 1_000) :
                    traded == ETH_PERP ? step.amount() * 20_000_000L : step.amount() * 1_000_000_000L;
                final Order maker = Order.of(address(a), step.subA(), traded, step.flag(), size, price,
                    time, time + 60_000, false, null);
                final Order taker = Order.of(address(b), step.subB(), traded, !step.flag(), size, price,
                    time + 1, time + 60_000, step.kind() == 8, null);
                return new SettleTrade(time, traded, maker, taker, size, price);
        }
    }

    /**
     * A size whose notional is {@code share}/400 of the largest both parties' free collateral allows at the
     * market's base initial margin, on the step (at least one step).
     */
    private static long leveragedSize(final EngineFixture fx, final int market, final String a, final int subA,
        final String b, final int subB, final long share)
    {
        final ClearingState state = fx.engine.state();
        final long free = Math.min(freeCollateral(state, a, subA), freeCollateral(state, b, subB));
        final long imf = state.markets().perpetual(market).liquidityTier().initialMarginPpm();
        final long notional = Math.max(0, free) / imf * 1_000_000L / 400 * share;
        final long price = state.oracles().price(state.markets().perpetual(market).oracleId());
        final long step = state.markets().perpetual(market).stepSize();
        // Every market here has priceExponent + atomicResolution + 6 = -9: size = notional · 1e9 / price.
        final long size = notional / price * 1_000_000_000L + notional % price * 1_000_000_000L / price;
        return Math.max(step, size / step * step);
    }

    private static long freeCollateral(final ClearingState state, final String name, final int number)
    {
        final Account account = state.accounts().find(address(name));
        final Subaccount subaccount = account == null ? null : account.subaccount(number);
        final MarginFigures figures = new MarginFigures();
        if (subaccount == null || !new MarginCalculator(state.markets(), state.oracles()).compute(subaccount, figures))
        {
            return 0;
        }
        return figures.freeCollateral();
    }

    /** The price moved by {@code basisPoints} hundredths of a percent, at least one unit. */
    private static long moved(final long price, final long basisPoints)
    {
        return Math.max(1, price + price * basisPoints / 10_000);
    }

    private static long nonceAfter(final EngineFixture fx, final String name)
    {
        final Account account = fx.engine.state().accounts().find(address(name));
        return account == null ? 1 : account.lastNonce() + 1;
    }
}
