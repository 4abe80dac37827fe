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

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published liquidation and bankruptcy prices against the engine's own margin function, for random subaccounts
 * (standard and portfolio margin; ETH collateral, USDC for a cushion of −20 % to 300 % of the maintenance requirement,
 * BTC and ETH perpetuals, up to three BTC options of two expiries and three strikes; BTC anywhere from 40,000 to
 * 90,000): per oracle and direction, a published price lies on its side of the index, the subaccount is liquidatable
 * (bankrupt) there and one price unit further, and not one unit nearer; the current index when it already is; and
 * where "none" is published, neither at any grid point nor at random prices of the searched range.
 */
class LiquidationPricePropertiesTest
{
    private static final AtomicLong SUBACCOUNTS = new AtomicLong();
    private static final AtomicLong LIQUIDATION_PRICES = new AtomicLong();
    private static final AtomicLong BANKRUPTCY_PRICES = new AtomicLong();
    private static final AtomicLong NONE = new AtomicLong();
    private static final AtomicLong ALREADY = new AtomicLong();
    private static final AtomicLong BOTH_SIDES = new AtomicLong();
    private static final AtomicLong NANOS = new AtomicLong();
    private static final long[] STRIKES = {50_000, 65_000, 80_000};
    private static final int RANDOM_PROBES = 6;

    /** One option position: series index (expiry, strike, type) and size in hundredths of a BTC. */
    record OptionHolding(int series, long hundredths)
    {
    }

    /** A random subaccount and the BTC price it is judged at. */
    record Holdings(long btcUsd, long cushionPermille, long ethCollateralHundredths, long btcTenThousandths,
        long ethPerpHundredths, List<OptionHolding> options, long seed)
    {
    }

    @Provide
    Arbitrary<Holdings> holdings()
    {
        final Arbitrary<OptionHolding> option = Combinators.combine(Arbitraries.integers().between(0, 11),
            uniform(-300, 300).filter(size -> size != 0)).as(OptionHolding::new);
        return Combinators.combine(
            uniform(40_000, 90_000),
            uniform(-200, 3_000),
            Arbitraries.oneOf(Arbitraries.just(0L), uniform(0, 2_000)),
            uniform(-30_000, 30_000),
            Arbitraries.oneOf(Arbitraries.just(0L), uniform(-3_000, 3_000)),
            option.list().ofMaxSize(3),
            Arbitraries.longs()).as(Holdings::new);
    }

    private static Arbitrary<Long> uniform(final long min, final long max)
    {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    @AfterContainer
    static void shouldHaveFoundPricesOnMostSubaccounts()
    {
        System.out.printf("liquidation price property: %d subaccounts, %d liquidation prices, %d bankruptcy prices, " +
            "%d none, %d already liquidatable, %d liquidatable on both sides of one oracle, %.2f ms per subaccount%n",
            SUBACCOUNTS.get(), LIQUIDATION_PRICES.get(), BANKRUPTCY_PRICES.get(), NONE.get(), ALREADY.get(),
            BOTH_SIDES.get(), NANOS.get() / 1e6 / Math.max(1, SUBACCOUNTS.get()));
        assertThat(SUBACCOUNTS.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(LIQUIDATION_PRICES.get()).isGreaterThan(SUBACCOUNTS.get() / 2);
        assertThat(BANKRUPTCY_PRICES.get()).isGreaterThan(SUBACCOUNTS.get() / 2);
        assertThat(NONE.get()).isGreaterThan(SUBACCOUNTS.get() / 10);
        assertThat(ALREADY.get()).isGreaterThan(SUBACCOUNTS.get() / 100);
        assertThat(BOTH_SIDES.get()).isGreaterThan(SUBACCOUNTS.get() / 100);
    }

    @Property(tries = 6_000)
    void shouldPublishExactPricesForStandardSubaccounts(@ForAll("holdings") final Holdings holdings)
    {
        check(holdings, false);
    }

    @Property(tries = 4_000)
    void shouldPublishExactPricesForPortfolioSubaccounts(@ForAll("holdings") final Holdings holdings)
    {
        check(holdings, true);
    }

    private static void check(final Holdings holdings, final boolean portfolio)
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        fx.engine.eventSink(EventSink.NONE);
        final long[] expiries = {fx.now() + 7 * DAY_MS, fx.now() + 30 * DAY_MS};
        final int[] series = new int[12];
        int next = 0;
        for (final long expiry : expiries)
        {
            for (final long strike : STRIKES)
            {
                for (final OptionType type : OptionType.values())
                {
                    series[next++] = fx.createBtcOption("BTC-" + expiry + "-" + strike + "-" + type, strike, expiry,
                        type);
                }
            }
        }
        assertThat(fx.flatBtcSurface(0.6, expiries)).isTrue();
        moveBtcTo(fx, holdings.btcUsd());
        final Subaccount subaccount = build(fx, holdings, series, portfolio);
        SUBACCOUNTS.incrementAndGet();

        final ClearingState state = fx.engine.state();
        final LiquidationPriceSearch search = new LiquidationPriceSearch(state.markets(), state.oracles(),
            state.volSurfaces());
        final long start = System.nanoTime();
        final List<OracleLiquidationPrices> all = search.of(subaccount);
        NANOS.addAndGet(System.nanoTime() - start);
        assertThat(all).isNotNull();
        final Random random = new Random(holdings.seed());
        for (final OracleLiquidationPrices prices : all)
        {
            assertThat(prices.price()).isEqualTo(state.oracles().price(prices.oracleId()));
            final boolean liquidatableNow = search.isLiquidatableAt(subaccount, prices.oracleId(), prices.price());
            for (final OracleLiquidationPrices.Side side : new OracleLiquidationPrices.Side[] {prices.below(),
                prices.above()})
            {
                verify(search, subaccount, prices, side, side.liquidationPrice(), true, liquidatableNow, random);
                verify(search, subaccount, prices, side, side.bankruptcyPrice(), false,
                    search.isBankruptAt(subaccount, prices.oracleId(), prices.price()), random);
            }
            if (!liquidatableNow && prices.below().hasLiquidationPrice() && prices.above().hasLiquidationPrice())
            {
                BOTH_SIDES.incrementAndGet();
            }
        }
    }

    private static void verify(final LiquidationPriceSearch search, final Subaccount subaccount,
        final OracleLiquidationPrices prices, final OracleLiquidationPrices.Side side, final long published,
        final boolean liquidation, final boolean holdsNow, final Random random)
    {
        final int oracle = prices.oracleId();
        final long price = prices.price();
        final int d = side.direction();
        final String what = (liquidation ? "liquidation" : "bankruptcy") + (d < 0 ? " below " : " above ") + price;
        if (holdsNow)
        {
            assertThat(published).as(what).isEqualTo(price);
            if (liquidation)
            {
                ALREADY.incrementAndGet();
            }
            return;
        }
        if (published == OracleLiquidationPrices.NONE)
        {
            if (liquidation)
            {
                NONE.incrementAndGet();
            }
            final long end = side.searchedTo();
            assertThat(Long.signum(end - price)).as(what).isIn(0, d);
            for (final long point : LiquidationPriceSearch.grid(price, d))
            {
                if (d * (point - end) > 0)
                {
                    break;
                }
                assertThat(holds(search, subaccount, oracle, point, liquidation)).as("%s at %d", what, point)
                    .isFalse();
            }
            for (int i = 0; i < RANDOM_PROBES && end != price; i++)
            {
                final long probe = price + d * (1 + Math.floorMod(random.nextLong(), Math.abs(end - price)));
                assertThat(holds(search, subaccount, oracle, probe, liquidation)).as("%s at %d", what, probe)
                    .isFalse();
            }
            return;
        }
        if (liquidation)
        {
            LIQUIDATION_PRICES.incrementAndGet();
        }
        else
        {
            BANKRUPTCY_PRICES.incrementAndGet();
        }
        assertThat(Long.signum(published - price)).as(what).isEqualTo(d);
        assertThat(holds(search, subaccount, oracle, published, liquidation)).as("%s at %d", what, published)
            .isTrue();
        assertThat(holds(search, subaccount, oracle, published - d, liquidation)).as("%s one unit before %d", what,
            published).isFalse();
        final long further = published + d;
        if (further >= 1 && further <= price * LiquidationPriceSearch.MAX_MULTIPLE)
        {
            assertThat(holds(search, subaccount, oracle, further, liquidation)).as("%s one unit past %d", what,
                published).isTrue();
        }
    }

    private static boolean holds(final LiquidationPriceSearch search, final Subaccount subaccount, final int oracle,
        final long price, final boolean liquidation)
    {
        return liquidation ? search.isLiquidatableAt(subaccount, oracle, price) :
            search.isBankruptAt(subaccount, oracle, price);
    }

    private static Subaccount build(final EngineFixture fx, final Holdings holdings, final int[] series,
        final boolean portfolio)
    {
        final ClearingState state = fx.engine.state();
        final Subaccount subaccount = state.accounts().findOrCreate(address("alice")).subaccountOrCreate(0);
        subaccount.portfolioMargin(portfolio);
        subaccount.addBalance(ETH_ASSET, holdings.ethCollateralHundredths() * (ONE_ETH_COLLATERAL / 100));
        position(subaccount, state.markets().perpetual(BTC), holdings.btcTenThousandths() * (ONE_BTC / 10_000));
        position(subaccount, state.markets().perpetual(ETH_PERP), holdings.ethPerpHundredths() * 10_000_000L);
        for (final OptionHolding option : holdings.options())
        {
            final int id = series[option.series()];
            subaccount.setPosition(id, subaccount.positionSizeIn(id) + option.hundredths() * (ONE_BTC_OPTION / 100),
                0, 0);
        }
        // USDC for a cushion NC − MMR of −20 % to 300 % of the maintenance requirement (at least 1 USDC).
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(subaccount, figures)).isTrue();
        final long requirement = Math.max(figures.maintenanceMarginRequirement(), USDC);
        subaccount.addBalance(0, requirement - figures.netCollateralMaintenance() +
            requirement * holdings.cushionPermille() / 1_000);
        return subaccount;
    }

    private static void position(final Subaccount subaccount, final PerpetualMarket market, final long size)
    {
        subaccount.setPosition(market.id(), size, 0, market.funding().indexFor(size));
    }

    private static void moveBtcTo(final EngineFixture fx, final long usd)
    {
        long price = fx.engine.state().oracles().price(BTC_ORACLE) / BTC_USD;
        while (price != usd)
        {
            price = usd > price ? Math.min(usd, price * 108 / 100) : Math.max(usd, price * 92 / 100);
            assertThat(fx.btcPrice(price)).isTrue();
        }
    }
}
