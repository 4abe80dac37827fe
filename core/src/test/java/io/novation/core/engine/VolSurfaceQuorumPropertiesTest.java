package io.novation.core.engine;

import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.event.EventSink;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.OPTION_STEP;
import static io.novation.core.engine.EngineFixture.OPTION_TICK;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With N publishers and a quorum q, fewer than q lying publishers, signing arbitrary (even extreme) arbitrage-free
 * surfaces in any order around the honest quorum's surface, never let a withdrawal out that the honest surface would
 * refuse: whenever the engine accepts a withdrawal, the subaccount still meets initial margin marked on the honest
 * surface alone (fresh, with no held surface), whether the honest surface took effect, was held by the deviation
 * guard, or went stale before the withdrawal; when the liars leave the honest publishers short of a quorum, the honest
 * surface is the last one they agreed on.
 */
class VolSurfaceQuorumPropertiesTest
{
    private static final long YEAR_MS = 365 * DAY_MS;
    private static final String[] NAMES = {"oracle-a", "oracle-b", "oracle-c", "oracle-d", "oracle-e", "oracle-f",
        "oracle-g"};
    private static final AtomicLong ACCEPTED = new AtomicLong();
    private static final AtomicLong ACCEPTED_WHILE_HELD = new AtomicLong();
    private static final AtomicLong ACCEPTED_WHILE_STALE = new AtomicLong();
    private static final AtomicLong ACCEPTED_WITH_LIARS = new AtomicLong();
    private static final AtomicLong ACCEPTED_WITHOUT_HONEST_QUORUM = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();

    @AfterContainer
    static void shouldHaveAcceptedWithdrawalsInEveryState()
    {
        System.out.println("surface quorum: " + ACCEPTED + " withdrawals accepted (" + ACCEPTED_WITH_LIARS +
            " with liars signing, " + ACCEPTED_WHILE_HELD + " while the honest surface was held, " +
            ACCEPTED_WHILE_STALE + " on a stale surface, " + ACCEPTED_WITHOUT_HONEST_QUORUM +
            " while the honest publishers were short of a quorum), " + REFUSED + " refused");
        assertThat(ACCEPTED.get()).isGreaterThan(1_000);
        assertThat(ACCEPTED_WITH_LIARS.get()).isGreaterThan(500);
        assertThat(ACCEPTED_WHILE_HELD.get()).isGreaterThan(100);
        assertThat(ACCEPTED_WHILE_STALE.get()).isGreaterThan(100);
        assertThat(ACCEPTED_WITHOUT_HONEST_QUORUM.get()).isGreaterThan(100);
        assertThat(REFUSED.get()).isGreaterThan(1_000);
    }

    @Property(tries = 10_000)
    void shouldNeverLetAWithdrawalOutThatTheHonestSurfaceRefuses(
        @ForAll @IntRange(min = 3, max = 7) final int publishers,
        @ForAll @IntRange(min = 0, max = 1_000) final int quorumSeed,
        @ForAll @IntRange(min = 0, max = 1_000) final int liarSeed,
        @ForAll @DoubleRange(min = 0.15, max = 1.5) final double honestBefore,
        @ForAll @DoubleRange(min = 0.15, max = 1.5) final double honestAfter,
        @ForAll @DoubleRange(min = 0.01, max = 5.0) final double lie,
        @ForAll @IntRange(min = -100, max = 100) final int callHundredths,
        @ForAll @IntRange(min = -100, max = 100) final int putHundredths,
        @ForAll @LongRange(min = 200, max = 20_000) final long cashUsd,
        @ForAll @IntRange(min = 0, max = 720) final int minutesLater,
        @ForAll final long seed)
    {
        final Random random = new Random(seed);
        final int quorum = 1 + quorumSeed % publishers;
        final int liars = liarSeed % quorum;
        final int jumpQuorum = quorum + random.nextInt(publishers + 2 - quorum);
        final OracleParameters defaults = OracleParameters.DEFAULTS;
        // Publishers and parameters are set at listing, before the oracle's first price (then they are timelocked).
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED, listing ->
        {
            for (int p = 3; p < publishers; p++)
            {
                assertThat(listing.apply(new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address(NAMES[p]))))
                    .isTrue();
            }
            assertThat(listing.apply(new SetOracleParameters(listing.tick(), BTC_ORACLE, new OracleParameters(quorum,
                defaults.freshnessWindowMs(), defaults.maxFutureSkewMs(), defaults.heartbeatMs(),
                defaults.haltAfterMs(), defaults.deviationThresholdPpm(), jumpQuorum, defaults.staleBandBasePpm(),
                defaults.staleBandPpmPerMinute(), defaults.staleBandMaxPpm())))).isTrue();
        });
        if (fx.engine.state().oracles().price(BTC_ORACLE) == io.novation.core.oracle.OracleBook.NO_PRICE)
        {
            // The fixture's first round has three publishers: a larger quorum prices BTC with all of them.
            assertThat(fx.apply(priceRound(fx, publishers, fx.tick(), 60_000 * BTC_USD))).isTrue();
        }
        fx.engine.eventSink(EventSink.NONE);
        final long expiry = fx.now() + (2 + random.nextInt(60)) * DAY_MS;
        final int call = fx.createBtcOption("C", 50_000 + 1_000L * random.nextInt(30), expiry, OptionType.CALL);
        final int put = fx.createBtcOption("P", 45_000 + 1_000L * random.nextInt(30), expiry, OptionType.PUT);
        final long[] expiries = {expiry, expiry + 30 * DAY_MS};

        // Every publisher is honest at first: the surface the positions are opened on takes effect.
        final long before = fx.tick();
        for (int p = 0; p < publishers; p++)
        {
            // Once the quorum has signed, a late signature of the same surface is refused as not newer.
            fx.apply(fx.surface(NAMES[p], before, BTC_ORACLE, before, ssvi(expiries, before, honestBefore, -0.3)));
        }
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNotNull();
        fx.depositUsdc("alice", 0, cashUsd);
        fx.depositUsdc("bob", 0, 10_000_000);
        long nonce = 0;
        if (random.nextBoolean())
        {
            fx.apply(new SetMarginMode(fx.tick(), address("alice"), 0, true, ++nonce, null));
        }
        nonce = trade(fx, call, callHundredths, 1 + random.nextInt(3_000), nonce);
        nonce = trade(fx, put, putHundredths, 1 + random.nextInt(3_000), nonce);

        // The honest publishers sign the new surface; the liars (fewer than the quorum) sign theirs, in any order.
        final long after = fx.tick();
        final List<OracleVolSurface.Slice> honest = ssvi(expiries, after, honestAfter, -0.3);
        final List<OracleVolSurface> submissions = new ArrayList<>();
        for (int p = 0; p < publishers; p++)
        {
            if (p < liars)
            {
                final long publishedAt = after + random.nextInt(3) - 1;
                final double rho = random.nextDouble() * 1.8 - 0.9;
                submissions.add(fx.surface(NAMES[p], after, BTC_ORACLE, publishedAt,
                    ssvi(expiries, publishedAt, lie * (random.nextBoolean() ? 1.0 : 0.5 + random.nextDouble()), rho)));
            }
            else
            {
                submissions.add(fx.surface(NAMES[p], after, BTC_ORACLE, after, honest));
            }
        }
        Collections.shuffle(submissions, random);
        for (final OracleVolSurface submission : submissions)
        {
            fx.apply(submission);
        }
        final boolean held = fx.engine.state().volSurfaces().feed(BTC_ORACLE).held() != null;

        final long later = fx.advance(minutesLater * 60_000L);
        fx.apply(priceRound(fx, publishers, later, (57_000 + random.nextInt(6_000)) * BTC_USD));
        final boolean stale = fx.engine.state().volSurfaces().isStale(BTC_ORACLE, later);

        // The honest surface: the new one when the honest publishers are a quorum, else the last one they agreed on.
        final boolean honestQuorum = publishers - liars >= quorum;
        final VolSurfaceBook honestAlone = new VolSurfaceBook();
        honestAlone.parameters(BTC_ORACLE, new VolSurfaceParameters(7 * DAY_MS, 250_000, 0, 0, 0));
        honestAlone.publish(honestQuorum ?
            PublishedVolSurface.of(BTC_ORACLE, after, address(NAMES[publishers - 1]), honest) :
            PublishedVolSurface.of(BTC_ORACLE, before, address(NAMES[0]), ssvi(expiries, before, honestBefore, -0.3)));
        final long amount = withdrawal(fx, honestAlone, random);
        if (amount <= 0)
        {
            return;
        }
        if (!fx.apply(new Withdraw(fx.tick(), address("alice"), 0, 0, amount, ++nonce, null)))
        {
            REFUSED.incrementAndGet();
            return;
        }
        final MarginFigures figures = figures(fx, honestAlone);
        assertThat(figures.meetsInitialMargin())
            .as("withdrew %d with %d liars, quorum %d of %d, held %s, stale %s: NC %d, IMR %d on the honest surface",
                amount, liars, quorum, publishers, held, stale, figures.netCollateralInitial(),
                figures.initialMarginRequirement())
            .isTrue();
        ACCEPTED.incrementAndGet();
        if (liars > 0)
        {
            ACCEPTED_WITH_LIARS.incrementAndGet();
        }
        if (!honestQuorum)
        {
            ACCEPTED_WITHOUT_HONEST_QUORUM.incrementAndGet();
        }
        if (held)
        {
            ACCEPTED_WHILE_HELD.incrementAndGet();
        }
        if (stale)
        {
            ACCEPTED_WHILE_STALE.incrementAndGet();
        }
    }

    /**
     * An amount to withdraw: around what the honest surface alone would let out, around what the engine's view lets
     * out, or any part of the balance.
     */
    private static long withdrawal(final EngineFixture fx, final VolSurfaceBook honestAlone, final Random random)
    {
        final long balance = fx.usdcBalance("alice", 0);
        final MarginFigures onHonest = figures(fx, honestAlone);
        final MarginFigures inEngine = figures(fx, fx.engine.state().volSurfaces());
        final long jitter = random.nextInt(2_001) - 1_000;
        final long amount = switch (random.nextInt(3))
        {
            case 0 -> onHonest.freeCollateral() + jitter;
            case 1 -> inEngine.freeCollateral() + jitter;
            default -> 1 + (long)(random.nextDouble() * balance);
        };
        return Math.min(amount, balance);
    }

    private static MarginFigures figures(final EngineFixture fx, final VolSurfaceBook surfaces)
    {
        final ClearingState state = fx.engine.state();
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), surfaces)
            .compute(state.accounts().find(address("alice")).subaccount(0), figures)).isTrue();
        return figures;
    }

    /** Alice buys (positive) or sells (negative) hundredths of a BTC of a series to bob at a premium in ticks. */
    private static long trade(final EngineFixture fx, final int series, final int hundredths, final long premiumTicks,
        final long nonce)
    {
        if (hundredths == 0)
        {
            return nonce;
        }
        final long size = Math.abs(hundredths) * OPTION_STEP;
        final long price = premiumTicks * OPTION_TICK;
        final long time = fx.tick();
        final Order alice = Order.of(address("alice"), 0, series, hundredths > 0, size, price, nonce + 1,
            time + 60_000, false, null);
        final Order bob = Order.of(address("bob"), 0, series, hundredths < 0, size, price, nonce + 2,
            time + 60_000, false, null);
        fx.apply(new SettleTrade(time, series, bob, alice, size, price));
        return nonce + 2;
    }

    private static OraclePrice priceRound(final EngineFixture fx, final int publishers, final long at,
        final long price)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (int p = 0; p < publishers; p++)
        {
            reports.add(fx.report(NAMES[p], BTC_ORACLE, price, at));
        }
        return new OraclePrice(at, BTC_ORACLE, reports);
    }

    /** Gatheral and Jacquier's SSVI, φ = 1/√θ, ATM total variance vol²·T per expiry, as raw SVI in billionths. */
    private static List<OracleVolSurface.Slice> ssvi(final long[] expiries, final long publishedAt, final double vol,
        final double rho)
    {
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (final long expiry : expiries)
        {
            final double theta = vol * vol * (expiry - publishedAt) / YEAR_MS;
            final double phi = 1.0 / StrictMath.sqrt(theta);
            slices.add(new OracleVolSurface.Slice(expiry, nanos(0.5 * theta * (1 - rho * rho)),
                nanos(0.5 * theta * phi), nanos(rho), nanos(-rho / phi), nanos(StrictMath.sqrt(1 - rho * rho) / phi)));
        }
        return slices;
    }

    private static long nanos(final double value)
    {
        return Math.round(value * 1e9);
    }
}
