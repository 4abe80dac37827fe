package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.command.SetMarginMode;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.Conservation;
import io.novation.core.engine.EngineFixture;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.EngineFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published liquidation and bankruptcy prices against the engine itself: oracle rounds at the published unit and
 * one unit before it, the health index and a keeper's liquidation; the two cases a tester found wrong (a
 * portfolio-margin long whose bankruptcy price was published above its liquidation price, and a standard subaccount
 * with options whose published price was still healthy), and the explicit "none".
 */
class LiquidationPriceSearchTest
{
    private final EngineFixture fx = new EngineFixture();
    private long nonce;

    @Test
    void shouldPublishAPortfolioLongsLiquidationPriceAboveItsBankruptcyPriceAndLiquidateThere()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("keeper", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 30_000);
        assertThat(fx.apply(mode("alice", true))).isTrue();
        moveBtcTo(95_000);
        assertThat(fx.tradeBtc("bob", "alice", false, 10_000, 95_000)).isTrue(); // alice buys 1 BTC at 95,000

        final OracleLiquidationPrices prices = search().of(alice(), BTC_ORACLE);
        final long liquidation = prices.below().liquidationPrice();
        final long bankruptcy = prices.below().bankruptcyPrice();
        // MM = (0.8 · 18 % + 1.5 %) · S = 15.9 % · S against 30,000 − fee + S − 95,000: S ≈ 77,289.
        assertThat(liquidation).isBetween(77_200 * BTC_USD, 77_400 * BTC_USD);
        assertThat(bankruptcy).isLessThan(liquidation).isBetween(64_900 * BTC_USD, 65_100 * BTC_USD);
        assertThat(prices.above().hasLiquidationPrice()).isFalse();
        assertThat(prices.above().searchedTo()).isEqualTo(10 * 95_000 * BTC_USD);

        // The engine itself: one unit above is healthy, the published unit is liquidatable, and a keeper liquidates.
        moveBtcTo(liquidation / BTC_USD + 1_000);
        round(liquidation + 1);
        assertThat(isBelowMaintenance(alice())).isFalse();
        assertThat(fx.engine.healthIndex().isLiquidatable(alice())).isFalse();
        round(liquidation);
        assertThat(isBelowMaintenance(alice())).isTrue();
        assertThat(fx.engine.healthIndex().isLiquidatable(alice())).isTrue();
        assertThat(fx.apply(liquidation("keeper", ONE_BTC / 10))).as("%s", fx.lastRejection()).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldPublishTheExactUnitForAStandardSubaccountWithOptionsOnTheSameOracle()
    {
        final long expiry = fx.now() + 30 * DAY_MS;
        final int put = fx.createBtcOption("BTC-30D-90000-P", 90_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("carol", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 25_000);
        moveBtcTo(95_000);
        assertThat(fx.tradeBtc("bob", "alice", false, 10_000, 95_000)).isTrue();
        // Alice sells 1 BTC of the 90,000 put to carol at about its mark.
        final long premium = markTenths(put);
        assertThat(fx.tradeOption("carol", "alice", put, true, 100, premium)).as("%s", fx.lastRejection()).isTrue();

        final long first = search().of(alice(), BTC_ORACLE).below().liquidationPrice();
        // The long perpetual and the short put both lose as the price falls: far above the perpetual's alone.
        assertThat(first).isBetween(80_000 * BTC_USD, 90_000 * BTC_USD);
        moveBtcTo(first / BTC_USD + 500);
        // Published at the current time (the mark's theta moves it by quantums per millisecond): search again.
        final long liquidation = search().of(alice(), BTC_ORACLE).below().liquidationPrice();
        assertThat(Math.abs(liquidation - first)).isLessThan(BTC_USD);
        round(liquidation + 1);
        assertThat(isBelowMaintenance(alice())).isFalse();
        final long again = search().of(alice(), BTC_ORACLE).below().liquidationPrice();
        round(again);
        assertThat(isBelowMaintenance(alice())).isTrue();
        assertThat(fx.engine.healthIndex().isLiquidatable(alice())).isTrue();
    }

    @Test
    void shouldPublishBothSidesForAShortStraddle()
    {
        final long expiry = fx.now() + 30 * DAY_MS;
        final int call = fx.createBtcOption("BTC-30D-60000-C", 60_000, expiry, OptionType.CALL);
        final int put = fx.createBtcOption("BTC-30D-60000-P", 60_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
        fx.depositUsdc("carol", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 20_000);
        final LiquidationPriceSearch search = search();
        assertThat(fx.tradeOption("carol", "alice", call, true, 100, markTenths(call))).isTrue();
        assertThat(fx.tradeOption("carol", "alice", put, true, 100, markTenths(put))).isTrue();

        final OracleLiquidationPrices prices = search.of(alice(), BTC_ORACLE);
        assertThat(prices.below().hasLiquidationPrice()).isTrue();
        assertThat(prices.above().hasLiquidationPrice()).isTrue();
        for (final OracleLiquidationPrices.Side side : new OracleLiquidationPrices.Side[] {prices.below(),
            prices.above()})
        {
            final long price = side.liquidationPrice();
            assertThat(Long.signum(price - prices.price())).isEqualTo(side.direction());
            assertThat(search.isLiquidatableAt(alice(), BTC_ORACLE, price)).isTrue();
            assertThat(search.isLiquidatableAt(alice(), BTC_ORACLE, price + side.direction())).isTrue();
            assertThat(search.isLiquidatableAt(alice(), BTC_ORACLE, price - side.direction())).isFalse();
            assertThat(side.hasBankruptcyPrice()).isTrue();
            assertThat(Long.signum(side.bankruptcyPrice() - price)).isEqualTo(side.direction());
        }
        assertThat(prices.nearest()).isIn(prices.below(), prices.above());
    }

    @Test
    void shouldSayNoneWhereNoPriceMakesTheSubaccountLiquidatable()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 100_000);
        assertThat(fx.tradeBtc("bob", "alice", false, 10_000, 60_000)).isTrue(); // fully collateralised long

        final OracleLiquidationPrices prices = search().of(alice(), BTC_ORACLE);
        assertThat(prices.below().hasLiquidationPrice()).isFalse();
        assertThat(prices.below().hasBankruptcyPrice()).isFalse();
        assertThat(prices.below().searchedTo()).isEqualTo(1);
        assertThat(prices.above().hasLiquidationPrice()).isFalse();
        assertThat(prices.nearest()).isNull();
        assertThat(search().isLiquidatableAt(alice(), BTC_ORACLE, 1)).isFalse();
    }

    @Test
    void shouldEvaluateMarginAsARoundAtThatPriceWould()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 5_000);
        assertThat(fx.tradeBtc("bob", "alice", false, 5_000, 60_000)).isTrue();
        final ClearingState state = fx.engine.state();
        final OraclePriceOverride view = new OraclePriceOverride(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures overridden = new MarginFigures();
        final byte[] root = fx.engine.stateRoot();
        assertThat(view.compute(alice(), BTC_ORACLE, 56_123 * BTC_USD + 7, overridden)).isTrue();
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(state.oracles().price(BTC_ORACLE)).isEqualTo(60_000 * BTC_USD);

        round(56_123 * BTC_USD + 7);
        final MarginFigures actual = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(alice(), actual)).isTrue();
        assertThat(overridden.netCollateralMaintenance()).isEqualTo(actual.netCollateralMaintenance());
        assertThat(overridden.maintenanceMarginRequirement()).isEqualTo(actual.maintenanceMarginRequirement());
        assertThat(overridden.netCollateralInitial()).isEqualTo(actual.netCollateralInitial());
        assertThat(overridden.initialMarginRequirement()).isEqualTo(actual.initialMarginRequirement());
    }

    @Test
    void shouldEvaluateAStaleOracleAsAFreshRoundAtThatPrice()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 5_000);
        assertThat(fx.tradeBtc("bob", "alice", false, 5_000, 60_000)).isTrue();
        fx.advance(10 * 60_000); // past the heartbeat: margin values alice's long at the stale band's low edge
        fx.depositUsdc("carol", 0, 1); // a command at the new time
        final ClearingState state = fx.engine.state();
        assertThat(state.oracles().isStale(BTC_ORACLE, state.time())).isTrue();
        final OraclePriceOverride view = new OraclePriceOverride(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures atIndex = new MarginFigures();
        assertThat(view.compute(alice(), BTC_ORACLE, 60_000 * BTC_USD, atIndex)).isTrue();
        final MarginFigures stale = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(alice(), stale)).isTrue();
        assertThat(atIndex.netCollateralMaintenance()).isGreaterThan(stale.netCollateralMaintenance());

        round(60_000 * BTC_USD);
        final MarginFigures fresh = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(alice(), fresh)).isTrue();
        assertThat(atIndex.netCollateralMaintenance()).isEqualTo(fresh.netCollateralMaintenance());
        assertThat(atIndex.maintenanceMarginRequirement()).isEqualTo(fresh.maintenanceMarginRequirement());
    }

    @Test
    void shouldScanAGridFromThePriceToOneUnitBelowAndTenTimesAbove()
    {
        for (final long price : new long[] {1, 7, 99, 60_000 * BTC_USD, Long.MAX_VALUE / 3})
        {
            final long[] below = LiquidationPriceSearch.grid(price, -1);
            final long[] above = LiquidationPriceSearch.grid(price, 1);
            long last = price;
            for (final long point : below)
            {
                assertThat(point).isLessThan(last).isPositive();
                last = point;
            }
            assertThat(last).isEqualTo(1);
            assertThat(below.length).isLessThanOrEqualTo(LiquidationPriceSearch.LINEAR_STEPS);
            last = price;
            for (final long point : above)
            {
                assertThat(point).isGreaterThan(last);
                // No step is wider than 5 % of the point before it beyond 2·P, nor than 1 % of P before.
                assertThat(point - last).isLessThanOrEqualTo(Math.max(1, Math.max(price / 100 + 1, last / 20)));
                last = point;
            }
            assertThat(last).isEqualTo(price > Long.MAX_VALUE / LiquidationPriceSearch.MAX_MULTIPLE ?
                Long.MAX_VALUE : price * LiquidationPriceSearch.MAX_MULTIPLE);
        }
    }

    private LiquidationPriceSearch search()
    {
        final ClearingState state = fx.engine.state();
        return new LiquidationPriceSearch(state.markets(), state.oracles(), state.volSurfaces());
    }

    /** The mark of one BTC of a series, in tenths of a USD (the fixture's option premium unit). */
    private long markTenths(final int series)
    {
        final ClearingState state = fx.engine.state();
        return Math.round(new OptionMargin(state.oracles(), state.volSurfaces())
            .greeksUsd(state.markets().option(series)).price() * 10);
    }

    private Subaccount alice()
    {
        return fx.engine.state().accounts().find(address("alice")).subaccount(0);
    }

    private boolean isBelowMaintenance(final Subaccount subaccount)
    {
        final ClearingState state = fx.engine.state();
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(subaccount, figures)).isTrue();
        return figures.isBelowMaintenance();
    }

    /** Moves the BTC index in rounds of at most 8 % (the deviation guard holds larger jumps). */
    private void moveBtcTo(final long usd)
    {
        long price = fx.engine.state().oracles().price(BTC_ORACLE) / BTC_USD;
        while (price != usd)
        {
            price = usd > price ? Math.min(usd, price * 108 / 100) : Math.max(usd, price * 92 / 100);
            assertThat(fx.btcPrice(price)).isTrue();
        }
    }

    private void round(final long units)
    {
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, units))).isTrue();
        assertThat(fx.engine.state().oracles().price(BTC_ORACLE)).isEqualTo(units);
    }

    private SetMarginMode mode(final String name, final boolean portfolio)
    {
        final SetMarginMode unsigned = new SetMarginMode(fx.tick(), address(name), 0, portfolio, ++nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(name)));
    }

    private Liquidate liquidation(final String keeper, final long size)
    {
        final Liquidate unsigned = new Liquidate(fx.tick(), address(keeper), 0, address("alice"), 0, BTC, size,
            ++nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(keeper)));
    }
}
