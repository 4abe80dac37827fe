package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
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

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The margin loop a fill runs over a subaccount's hot row ({@link MarginCalculator#computeInitial(long[], int,
 * Subaccount, int, long, long, int, long, MarginFigures)}) against the calculator's loop over the subaccount object,
 * on random rows: up to eight perpetual positions over eight markets (so that some rows fit inline in the index and
 * some have moved to arrays of their own), tiers with and without size premium and open-interest caps, funding
 * settled or not, USDC and ETH collateral, sometimes portfolio margin or an option (which the row loop hands back to
 * the object loop), and a random fill in one market (a new size, possibly closing or opening, its open-interest
 * change and a quote change). The row's figures equal the object's initial figures field for field, and the
 * initial part of the full figures.
 */
class RowMarginPropertiesTest
{
    private static final int MARKETS = 8;
    private static final AtomicLong ROWS_INLINE = new AtomicLong();
    private static final AtomicLong ROWS_ELSEWHERE = new AtomicLong();
    private static final AtomicLong ROWS_HANDED_BACK = new AtomicLong();
    private static final AtomicLong BELOW_INITIAL = new AtomicLong();

    /** A random row and the fill computed over it. */
    record Row(List<Long> sizes, List<Long> fundingOffsets, long ethCollateralHundredths, boolean portfolio,
        long optionHundredths, long cushionPermille, int fillMarket, long fillSize, long openInterest,
        long quotePermille)
    {
    }

    /** The holdings part of a row (jqwik combines at most eight values at once). */
    record Holdings(List<Long> sizes, List<Long> fundingOffsets, long ethCollateral, boolean portfolio,
        long option)
    {
    }

    @Provide
    Arbitrary<Row> rows()
    {
        final Arbitrary<Long> size = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.just(0L),
            uniform(-50_000, 50_000));
        final Arbitrary<Long> offset = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.just(0L),
            uniform(-1_000_000, 1_000_000));
        return Combinators.combine(
            Combinators.combine(
                size.list().ofSize(MARKETS),
                offset.list().ofSize(MARKETS),
                Arbitraries.oneOf(Arbitraries.just(0L), uniform(0, 500)),
                Arbitraries.of(false, false, false, false, false, true),
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.just(0L), Arbitraries.just(0L),
                    uniform(-200, 200))).as(Holdings::new),
            uniform(-400, 400),
            Arbitraries.integers().between(0, MARKETS - 1),
            Arbitraries.oneOf(Arbitraries.just(0L), uniform(-60_000, 60_000)),
            uniform(-3_000, 3_000),
            uniform(-30, 30)).as((h, cushion, market, fill, oi, quote) -> new Row(h.sizes(), h.fundingOffsets(),
                h.ethCollateral(), h.portfolio(), h.option(), cushion, market, fill, oi, quote));
    }

    private static Arbitrary<Long> uniform(final long min, final long max)
    {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    @AfterContainer
    static void shouldHaveComparedEveryKindOfRow()
    {
        System.out.printf("row margin property: %d rows inline, %d in arrays of their own, %d handed back to the " +
            "object loop, %d below initial margin%n", ROWS_INLINE.get(), ROWS_ELSEWHERE.get(), ROWS_HANDED_BACK.get(),
            BELOW_INITIAL.get());
        assertThat(ROWS_INLINE.get()).isGreaterThan(100);
        assertThat(ROWS_ELSEWHERE.get()).isGreaterThan(100);
        assertThat(ROWS_HANDED_BACK.get()).isGreaterThan(100);
        assertThat(BELOW_INITIAL.get()).isGreaterThan(100);
    }

    @Property(tries = 2_000)
    void shouldGiveTheFiguresOfTheObjectLoopFromTheRowAlone(@ForAll("rows") final Row row)
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED, RowMarginPropertiesTest::listMore);
        fx.engine.eventSink(EventSink.NONE);
        final ClearingState state = fx.engine.state();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final Subaccount subaccount = build(fx, row, calculator);

        final PerpetualMarket market = state.markets().perpetual(row.fillMarket());
        final long unit = unit(market);
        final long newSize = row.fillSize() * unit;
        final long openInterestDelta = row.openInterest() * unit;
        final MarginFigures before = new MarginFigures();
        assertThat(calculator.compute(subaccount, before)).isTrue();
        final long quoteDelta = Math.max(before.initialMarginRequirement(), 1_000_000L) * row.quotePermille() / 1_000;

        final MarginFigures fromRow = new MarginFigures();
        final MarginFigures fromObject = new MarginFigures();
        final MarginFigures full = new MarginFigures();
        final boolean rowPriced = calculator.computeInitial(subaccount.rowStore(), subaccount.rowBase(), subaccount,
            market.id(), newSize, openInterestDelta, 0, quoteDelta, fromRow);
        final boolean objectPriced = calculator.computeInitial(subaccount, market.id(), newSize, openInterestDelta,
            0, quoteDelta, fromObject);
        final boolean fullPriced = calculator.compute(subaccount, market.id(), newSize, openInterestDelta, 0,
            quoteDelta, false, full);

        assertThat(rowPriced).isEqualTo(objectPriced).isEqualTo(fullPriced).isTrue();
        assertThat(fromRow).usingRecursiveComparison().isEqualTo(fromObject);
        assertThat(fromRow.netCollateralInitial()).isEqualTo(full.netCollateralInitial());
        assertThat(fromRow.initialMarginRequirement()).isEqualTo(full.initialMarginRequirement());
        assertThat(fromRow.absoluteNotional()).isEqualTo(full.absoluteNotional());
        assertThat(fromRow.accruedFunding()).isEqualTo(full.accruedFunding());
        assertThat(fromRow.isFundingSettled()).isEqualTo(full.isFundingSettled());
        assertThat(fromRow.holdsPositions()).isEqualTo(full.holdsPositions());
        assertThat(fromRow.meetsInitialMargin()).isEqualTo(full.meetsInitialMargin());

        if (row.portfolio() || row.optionHundredths() != 0)
        {
            ROWS_HANDED_BACK.incrementAndGet();
        }
        else if (subaccount.rowBase() == 0)
        {
            // A row inline in the index starts after its slot's key words; an array of its own starts at 0.
            ROWS_ELSEWHERE.incrementAndGet();
        }
        else
        {
            ROWS_INLINE.incrementAndGet();
        }
        if (!fromRow.meetsInitialMargin())
        {
            BELOW_INITIAL.incrementAndGet();
        }
    }

    /** Six more perpetuals on the two oracles: with a size premium, with open-interest caps, or plain. */
    private static void listMore(final EngineFixture fx)
    {
        for (int id = 2; id < MARKETS; id++)
        {
            final boolean onBtc = id % 2 == 0;
            final LiquidityTier tier = switch (id % 3)
            {
                case 0 -> new LiquidityTier(id, "premium-" + id, 50_000, 600_000, 20_000, 0, 0);
                case 1 -> new LiquidityTier(id, "capped-" + id, 100_000, 500_000, 0, 500_000_000_000L,
                    5_000_000_000_000L);
                default -> new LiquidityTier(id, "plain-" + id, 200_000, 500_000, 0, 0, 0);
            };
            assertThat(fx.apply(onBtc ?
                new CreatePerpetual(fx.now(), id, "BTC-X" + id, "BTC-USD", -5, -10, 10_000, 1_000_000, tier, -100,
                    500, MarketStatus.ACTIVE) :
                new CreatePerpetual(fx.now(), id, "ETH-X" + id, "ETH-USD", -6, -9, 100_000, 1_000_000, tier, 0, 500,
                    MarketStatus.ACTIVE))).isTrue();
        }
    }

    private static long unit(final PerpetualMarket market)
    {
        return market.atomicResolution() == -10 ? ONE_BTC / 10_000 : ONE_BTC / 10_000 / 10;
    }

    private static Subaccount build(final EngineFixture fx, final Row row, final MarginCalculator calculator)
    {
        final ClearingState state = fx.engine.state();
        final Subaccount subaccount = state.accounts().findOrCreate(address("alice")).subaccountOrCreate(0);
        subaccount.portfolioMargin(row.portfolio());
        subaccount.addBalance(ETH_ASSET, row.ethCollateralHundredths() * (ONE_ETH_COLLATERAL / 100));
        for (int id = 0; id < MARKETS; id++)
        {
            final PerpetualMarket market = state.markets().perpetual(id);
            final long size = row.sizes().get(id) * unit(market);
            if (size != 0)
            {
                subaccount.setPosition(id, size, 0, market.funding().indexFor(size) + row.fundingOffsets().get(id));
            }
        }
        if (row.optionHundredths() != 0)
        {
            final long expiry = fx.now() + 30 * DAY_MS;
            final int series = fx.createBtcOption("BTC-30D-65000-C", 65_000, expiry, OptionType.CALL);
            assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
            subaccount.setPosition(series, row.optionHundredths() * (ONE_BTC_OPTION / 100), 0, 0);
        }
        // USDC for a cushion NC − IMR of −40 % to 40 % of the initial requirement (at least 1 USDC).
        final MarginFigures figures = new MarginFigures();
        assertThat(calculator.compute(subaccount, figures)).isTrue();
        final long requirement = Math.max(figures.initialMarginRequirement(), 1_000_000L);
        subaccount.addBalance(0, requirement - figures.netCollateralInitial() +
            requirement * row.cushionPermille() / 1_000);
        return subaccount;
    }
}
