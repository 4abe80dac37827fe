package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.pricing.OptionType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MarginCalculator#computeInitial}, which a fill uses first, against the full figures, on random books
 * (standard and portfolio margin; USDC and ETH collateral; BTC and ETH perpetuals, some with funding not yet
 * settled; sometimes a BTC option; collateral from 40 % below to 40 % above the initial requirement) and a random
 * fill (a new size in one perpetual, with its open-interest change, and a quote change): the initial figures equal
 * the full ones, and the fill's accept-or-reject decision, taken the way the settlement takes it (initial figures
 * first, the full ones only when the party ends below initial margin), equals the decision from the full figures.
 */
class InitialRequirementPropertiesTest
{
    private static final AtomicLong BOOKS = new AtomicLong();
    private static final AtomicLong ACCEPTED_ABOVE_INITIAL = new AtomicLong();
    private static final AtomicLong ACCEPTED_REDUCING = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();

    /** A random book and the fill applied to it. */
    record Book(long btcTenThousandths, long ethHundredths, long btcFundingOffset, long ethFundingOffset,
        long ethCollateralHundredths, long optionHundredths, boolean portfolio, long cushionPermille,
        boolean fillInBtc, long fillTenThousandths, long openInterestTenThousandths, long quotePermille)
    {
    }

    @Provide
    Arbitrary<Book> books()
    {
        return Combinators.combine(
            Combinators.combine(
                uniform(-30_000, 30_000),
                Arbitraries.oneOf(Arbitraries.just(0L), uniform(-3_000, 3_000)),
                Arbitraries.oneOf(Arbitraries.just(0L), uniform(-1_000_000, 1_000_000)),
                Arbitraries.oneOf(Arbitraries.just(0L), uniform(-1_000_000, 1_000_000)),
                Arbitraries.oneOf(Arbitraries.just(0L), uniform(0, 500)),
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.just(0L), uniform(-200, 200)),
                Arbitraries.of(false, false, false, true)).as(Holdings::new),
            uniform(-400, 400),
            Arbitraries.of(true, false),
            uniform(-3_000, 3_000),
            uniform(-3_000, 3_000),
            uniform(-30, 30)).as((h, cushion, btc, fill, oi, quote) -> new Book(h.btc, h.eth, h.btcFunding,
                h.ethFunding, h.ethCollateral, h.option, h.portfolio, cushion, btc, fill, oi, quote));
    }

    /** The holdings part of a book (jqwik combines at most eight values at once). */
    record Holdings(long btc, long eth, long btcFunding, long ethFunding, long ethCollateral, long option,
        boolean portfolio)
    {
    }

    private static Arbitrary<Long> uniform(final long min, final long max)
    {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    @AfterContainer
    static void shouldHaveSeenEveryKindOfDecision()
    {
        System.out.printf("initial requirement property: %d books, %d accepted above initial, %d accepted as " +
            "reducing risk, %d rejected%n", BOOKS.get(), ACCEPTED_ABOVE_INITIAL.get(), ACCEPTED_REDUCING.get(),
            REJECTED.get());
        assertThat(ACCEPTED_ABOVE_INITIAL.get()).isGreaterThan(BOOKS.get() / 10);
        assertThat(ACCEPTED_REDUCING.get()).isGreaterThan(BOOKS.get() / 100);
        assertThat(REJECTED.get()).isGreaterThan(BOOKS.get() / 10);
    }

    @Property(tries = 3_000)
    void shouldDecideEveryFillAsTheFullFiguresDo(@ForAll("books") final Book book)
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        fx.engine.eventSink(EventSink.NONE);
        final ClearingState state = fx.engine.state();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final Subaccount subaccount = build(fx, book, calculator);
        BOOKS.incrementAndGet();

        final PerpetualMarket market = state.markets().perpetual(book.fillInBtc() ? BTC : ETH_PERP);
        final long unit = book.fillInBtc() ? ONE_BTC / 10_000 : ONE_BTC / 10_000 / 10;
        final long newSize = subaccount.positionSizeIn(market.id()) + book.fillTenThousandths() * unit;
        final long openInterestDelta = book.openInterestTenThousandths() * unit;
        final MarginFigures full = new MarginFigures();
        final MarginFigures initial = new MarginFigures();
        final MarginFigures before = new MarginFigures();
        assertThat(calculator.compute(subaccount, before)).isTrue();
        final long quoteDelta = Math.max(before.initialMarginRequirement(), 1_000_000L) * book.quotePermille() / 1_000;
        final boolean fullPriced = calculator.compute(subaccount, market.id(), newSize, openInterestDelta, 0,
            quoteDelta, false, full);
        final boolean initialPriced = calculator.computeInitial(subaccount, market.id(), newSize, openInterestDelta, 0,
            quoteDelta, initial);

        assertThat(initialPriced).isEqualTo(fullPriced).isTrue();
        assertThat(initial.netCollateralInitial()).isEqualTo(full.netCollateralInitial());
        assertThat(initial.initialMarginRequirement()).isEqualTo(full.initialMarginRequirement());
        assertThat(initial.absoluteNotional()).isEqualTo(full.absoluteNotional());
        assertThat(initial.accruedFunding()).isEqualTo(full.accruedFunding());
        assertThat(initial.isFundingSettled()).isEqualTo(full.isFundingSettled());
        assertThat(initial.holdsPositions()).isEqualTo(full.holdsPositions());
        assertThat(initial.meetsInitialMargin()).isEqualTo(full.meetsInitialMargin());
        assertThat(full.hasMaintenance()).isTrue();
        assertThat(initial.hasMaintenance()).isEqualTo(book.portfolio() || book.optionHundredths() != 0);

        final boolean fullDecision = full.meetsInitialMargin() || MarginFigures.isAllowedTransition(before, full);
        final MarginFigures recomputed = new MarginFigures();
        final boolean initialFirstDecision = initial.meetsInitialMargin() ||
            calculator.compute(subaccount, market.id(), newSize, openInterestDelta, 0, quoteDelta, false,
                recomputed) && MarginFigures.isAllowedTransition(before, recomputed);
        assertThat(initialFirstDecision).isEqualTo(fullDecision);
        if (!fullDecision)
        {
            REJECTED.incrementAndGet();
        }
        else if (full.meetsInitialMargin())
        {
            ACCEPTED_ABOVE_INITIAL.incrementAndGet();
        }
        else
        {
            ACCEPTED_REDUCING.incrementAndGet();
        }
    }

    @Property(tries = 200)
    void shouldRefuseTheReducedRiskTestWithoutMaintenanceFigures(@ForAll("books") final Book book)
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        fx.engine.eventSink(EventSink.NONE);
        final ClearingState state = fx.engine.state();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final Subaccount subaccount = build(fx, book, calculator);
        final MarginFigures initial = new MarginFigures();
        assertThat(calculator.computeInitial(subaccount, MarginCalculator.NO_MARKET, 0, 0, -1, 0, initial)).isTrue();
        assertThat(initial.hasMaintenance()).isEqualTo(book.portfolio() || book.optionHundredths() != 0);
        if (!initial.hasMaintenance())
        {
            assertThatThrownBy(initial::isBelowMaintenance).isInstanceOf(IllegalStateException.class);
        }
    }

    private static Subaccount build(final EngineFixture fx, final Book book, final MarginCalculator calculator)
    {
        final ClearingState state = fx.engine.state();
        final Subaccount subaccount = state.accounts().findOrCreate(address("alice")).subaccountOrCreate(0);
        subaccount.portfolioMargin(book.portfolio());
        subaccount.addBalance(ETH_ASSET, book.ethCollateralHundredths() * (ONE_ETH_COLLATERAL / 100));
        position(subaccount, state.markets().perpetual(BTC), book.btcTenThousandths() * (ONE_BTC / 10_000),
            book.btcFundingOffset());
        position(subaccount, state.markets().perpetual(ETH_PERP), book.ethHundredths() * 10_000_000L,
            book.ethFundingOffset());
        if (book.optionHundredths() != 0)
        {
            final long expiry = fx.now() + 30 * DAY_MS;
            final int series = fx.createBtcOption("BTC-30D-65000-C", 65_000, expiry, OptionType.CALL);
            assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
            subaccount.setPosition(series, book.optionHundredths() * (ONE_BTC_OPTION / 100), 0, 0);
        }
        // USDC for a cushion NC − IMR of −40 % to 40 % of the initial requirement (at least 1 USDC).
        final MarginFigures figures = new MarginFigures();
        assertThat(calculator.compute(subaccount, figures)).isTrue();
        final long requirement = Math.max(figures.initialMarginRequirement(), 1_000_000L);
        subaccount.addBalance(0, requirement - figures.netCollateralInitial() +
            requirement * book.cushionPermille() / 1_000);
        return subaccount;
    }

    private static void position(final Subaccount subaccount, final PerpetualMarket market, final long size,
        final long fundingOffset)
    {
        if (size != 0)
        {
            subaccount.setPosition(market.id(), size, 0, market.funding().indexFor(size) + fundingOffset);
        }
    }
}
