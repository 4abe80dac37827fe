package io.novation.core.liquidation;

import io.novation.core.account.Subaccount;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.SignatureMode;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.margin.LiquidationPriceSearch;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ETH_ORACLE;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ETH_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthIndexTest
{
    private final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
    private final HealthIndex index = fx.engine.healthIndex();
    private final MarginCalculator calculator =
        new MarginCalculator(fx.engine.state().markets(), fx.engine.state().oracles());
    private final MarginFigures figures = new MarginFigures();
    private long nonce;

    @Test
    void shouldFlagASinglePositionExactlyAtItsLiquidationPriceAndFlipItWithoutACheck()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue(); // 0.3 BTC
        final Subaccount alice = subaccount("alice", 0);
        assertThat(index.isLiquidatable(alice)).isFalse();

        final long liquidationPrice = liquidationPrice(alice, BTC);
        assertThat(liquidationPrice).isBetween(57_000 * BTC_USD, 59_000 * BTC_USD);
        // Far below in one round: the trigger flips it alone, no full check.
        btcRound(liquidationPrice - 500 * BTC_USD);
        assertThat(index.isLiquidatable(alice)).isTrue();
        assertThat(index.flipsInLastRefresh()).isEqualTo(1);
        assertThat(index.rechecksInLastRefresh()).isZero();
        // Back up in one round: flipped back the same way.
        btcRound(60_000 * BTC_USD);
        assertThat(index.isLiquidatable(alice)).isFalse();
        assertThat(index.flipsInLastRefresh()).isEqualTo(1);
        assertThat(index.rechecksInLastRefresh()).isZero();
        // Price unit by price unit across the liquidation price: the index and the margin calculator agree.
        for (long price = liquidationPrice + 3; price >= liquidationPrice - 3; price--)
        {
            btcRound(price);
            assertThat(index.isLiquidatable(alice)).as("at %d", price).isEqualTo(belowMaintenance(alice));
        }
        assertThat(index.isLiquidatable(alice)).isTrue();
        btcRound(liquidationPrice + 3);
        assertThat(index.isLiquidatable(alice)).isFalse();
    }

    @Test
    void shouldFollowEachOracleOfASubaccountInTwoMarkets()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 5_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue(); // long 0.3 BTC
        assertThat(trade(ETH_PERP, "bob", 0, "alice", 0, false, 50_000, 3_000 * ETH_USD)).isTrue(); // short 5 ETH
        final Subaccount alice = subaccount("alice", 0);
        final List<Boolean> states = new ArrayList<>();
        // ETH rises in steps (the short loses), BTC still; then BTC rises (the long gains back).
        for (int step = 1; step <= 12; step++)
        {
            fx.apply(fx.priceRound(fx.tick(), ETH_ORACLE, (3_000 + 100L * step) * ETH_USD));
            assertThat(index.isLiquidatable(alice)).as("ETH step %d", step).isEqualTo(belowMaintenance(alice));
            states.add(index.isLiquidatable(alice));
        }
        assertThat(states).contains(false, true);
        for (int step = 1; step <= 12; step++)
        {
            btcRound((60_000 + 1_000L * step) * BTC_USD);
            assertThat(index.isLiquidatable(alice)).as("BTC step %d", step).isEqualTo(belowMaintenance(alice));
        }
        assertThat(index.isLiquidatable(alice)).isFalse();
    }

    @Test
    void shouldValueNonQuoteCollateralAtItsOraclePrice()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.deposit("alice", 0, ETH_ASSET, ONE_ETH_COLLATERAL / 2); // 0.5 ETH: 1,500 USD at weight 0.9
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue(); // 18,000 USD of BTC
        final Subaccount alice = subaccount("alice", 0);
        assertThat(index.isLiquidatable(alice)).isFalse();
        // BTC does not move; the collateral loses value.
        boolean seen = false;
        for (long eth = 2_950; eth >= 1_000; eth -= 50)
        {
            fx.apply(fx.priceRound(fx.tick(), ETH_ORACLE, eth * ETH_USD));
            assertThat(index.isLiquidatable(alice)).as("ETH at %d", eth).isEqualTo(belowMaintenance(alice));
            seen |= index.isLiquidatable(alice);
        }
        assertThat(seen).isTrue();
        // Fresh collateral lifts it again (the subaccount changed: checked in full).
        fx.depositUsdc("alice", 0, 5_000);
        assertThat(index.isLiquidatable(alice)).isFalse();
        assertThat(index.rechecksInLastRefresh()).isEqualTo(1);
    }

    @Test
    void shouldSeeFundingPushALongBelowMaintenanceWithoutAPriceMove()
    {
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC, new FundingParameters(FundingMode.EXTERNAL_RATE,
            1_000, 1_000, 100_000, 500_000, 6_000_000, 60_000_000)))).isTrue();
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue();
        final Subaccount alice = subaccount("alice", 0);
        final Subaccount bob = subaccount("bob", 0);
        int ticks = 0;
        while (!belowMaintenance(alice))
        {
            // An hour at the clamp (12 % per 8 hours): longs pay; the price is refreshed so that the tick is allowed.
            fx.advance(3_600_000);
            btcRound(60_000 * BTC_USD);
            assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, 120_000_000L))).isTrue();
            assertThat(index.isLiquidatable(alice)).as("after tick %d", ++ticks).isEqualTo(belowMaintenance(alice));
            assertThat(index.isLiquidatable(bob)).isFalse();
            assertThat(ticks).isLessThan(100);
        }
        assertThat(index.isLiquidatable(alice)).isTrue();
        assertThat(fx.engine.state().oracles().price(BTC_ORACLE)).isEqualTo(60_000 * BTC_USD);
        // Funding the other way brings it back.
        while (belowMaintenance(alice))
        {
            fx.advance(3_600_000);
            btcRound(60_000 * BTC_USD);
            assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, -120_000_000L))).isTrue();
            assertThat(index.isLiquidatable(alice)).isEqualTo(belowMaintenance(alice));
        }
        assertThat(index.isLiquidatable(alice)).isFalse();
    }

    @Test
    void shouldAllowForFundingInTheSubaccountsFavourWhenFlippingOnAThreshold()
    {
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC, new FundingParameters(FundingMode.EXTERNAL_RATE,
            1_000, 1_000, 100_000, 500_000, 6_000_000, 60_000_000)))).isTrue();
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue();
        final Subaccount alice = subaccount("alice", 0);
        assertThat(index.isLiquidatable(alice)).isFalse(); // checked at 60,000 USD
        final long before = liquidationPrice(alice, BTC);
        // An hour of funding at -0.16 % per 8 hours: alice receives about 3.6 USD, within her funding band.
        fx.advance(3_600_000);
        btcRound(60_000 * BTC_USD);
        assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, -1_600_000L))).isTrue();
        assertThat(index.isLiquidatable(alice)).isFalse();
        assertThat(index.rechecksInLastRefresh()).as("the move stays within her funding band").isZero();
        final long after = liquidationPrice(alice, BTC);
        assertThat(after).isLessThan(before - 5 * BTC_USD);
        // One round straight to a price between the two: liquidatable without the funding, healthy with it.
        btcRound((before + after) / 2);
        assertThat(belowMaintenance(alice)).isFalse();
        assertThat(index.isLiquidatable(alice)).isFalse();
    }

    @Test
    void shouldJudgeAtTheIndexPriceWhileTheOracleIsStale()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue();
        final Subaccount alice = subaccount("alice", 0);
        final long liquidationPrice = liquidationPrice(alice, BTC);
        btcRound(liquidationPrice + 100 * BTC_USD); // just above: healthy at the index price
        // The feed falls silent: margin values the long at the low edge of the stale band, the index does not.
        fx.advance(10 * 60_000);
        fx.depositUsdc("carol", 0, 1); // any command moves the engine's time
        final OracleBook oracles = fx.engine.state().oracles();
        assertThat(oracles.isStale(BTC_ORACLE, fx.engine.state().time())).isTrue();
        assertThat(belowMaintenance(alice)).as("margin at the stale band").isTrue();
        assertThat(index.isLiquidatable(alice)).as("health at the index price").isFalse();
    }

    @Test
    void shouldListInAccountCreationOrderThenSubaccountNumber()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        for (final String name : new String[] {"carol", "alice", "dave"})
        {
            for (final int number : new int[] {1, 0})
            {
                fx.depositUsdc(name, number, 1_000);
                assertThat(trade(BTC, name, number, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue();
            }
        }
        fx.depositUsdc("dave", 0, 10_000); // dave's subaccount 0 stays healthy
        btcRound(57_000 * BTC_USD);
        final List<String> listed = new ArrayList<>();
        for (int i = 0; i < index.liquidatableCount(); i++)
        {
            final Subaccount subaccount = index.liquidatable(i);
            listed.add(name(subaccount) + "/" + subaccount.number());
        }
        assertThat(listed).containsExactly("carol/0", "carol/1", "alice/0", "alice/1", "dave/1");
        assertThat(index.newlyLiquidatableCount()).isEqualTo(5);
        index.clearNewlyLiquidatable();
        assertThat(index.newlyLiquidatableCount()).isZero();
        btcRound(56_000 * BTC_USD);
        assertThat(index.newlyLiquidatableCount()).isZero();
        assertThat(index.liquidatableCount()).isEqualTo(5);
    }

    @Test
    void shouldWaitForTheFirstPriceOfACollateral()
    {
        fx.depositUsdc("bob", 0, 1_000_000);
        assertThat(fx.apply(new CreateAsset(fx.tick(), 2, "SOL", 9, "SOL-USD", -6, 500_000, 600_000))).isTrue();
        final int solOracle = fx.engine.state().markets().asset(2).oracleId();
        assertThat(fx.apply(new SetOracleParameters(fx.tick(), solOracle, new OracleParameters(3, 60_000, 5_000,
            120_000, 900_000, 1_000_000, 3, 10_000, 10_000, 250_000)))).isTrue();
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(trade(BTC, "alice", 0, "bob", 0, true, 3_000, 60_000 * BTC_USD)).isTrue();
        fx.deposit("alice", 0, 2, 1_000_000_000L); // 1 SOL, no price yet
        final Subaccount alice = subaccount("alice", 0);
        btcRound(57_000 * BTC_USD);
        assertThat(calculator.compute(alice, figures)).as("margin needs every price").isFalse();
        assertThat(index.isLiquidatable(alice)).isFalse();
        for (final String publisher : EngineFixture.PUBLISHERS)
        {
            assertThat(fx.apply(new RegisterOraclePublisher(fx.tick(), solOracle, address(publisher)))).isTrue();
        }
        assertThat(fx.apply(fx.priceRound(fx.tick(), solOracle, 150_000_000L))).isTrue(); // 150 USD
        assertThat(index.isLiquidatable(alice)).isEqualTo(belowMaintenance(alice)).isTrue();
        assertThat(fx.apply(fx.priceRound(fx.tick(), solOracle, 2_000_000_000L))).isTrue(); // 2,000 USD
        assertThat(index.isLiquidatable(alice)).isEqualTo(belowMaintenance(alice)).isFalse();
    }

    @Test
    void shouldRefuseASecondIndexOnTheSameState()
    {
        assertThatThrownBy(() -> new HealthIndex(fx.engine.state())).isInstanceOf(IllegalStateException.class);
    }

    private boolean trade(final int market, final String buyer, final int buyerSub, final String seller,
        final int sellerSub, final boolean buyerMakes, final long tenThousandths, final long price)
    {
        final long size = market == BTC ? tenThousandths * (ONE_BTC / 10_000) : tenThousandths * 100_000L;
        final long time = fx.tick();
        final Order buy = Order.of(address(buyer), buyerSub, market, true, size, price, ++nonce, time + 60_000,
            false, null);
        final Order sell = Order.of(address(seller), sellerSub, market, false, size, price, ++nonce, time + 60_000,
            false, null);
        return fx.apply(new SettleTrade(time, market, buyerMakes ? buy : sell, buyerMakes ? sell : buy, size, price));
    }

    private void btcRound(final long price)
    {
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, price))).isTrue();
    }

    private Subaccount subaccount(final String name, final int number)
    {
        return fx.engine.state().accounts().find(address(name)).subaccount(number);
    }

    private boolean belowMaintenance(final Subaccount subaccount)
    {
        return calculator.compute(subaccount, figures) && figures.isBelowMaintenance();
    }

    private long liquidationPrice(final Subaccount subaccount, final int market)
    {
        assertThat(calculator.compute(subaccount, figures)).isTrue();
        final LiquidationPriceSearch search = new LiquidationPriceSearch(fx.engine.state().markets(),
            fx.engine.state().oracles(), fx.engine.state().volSurfaces());
        return search.of(subaccount, fx.engine.state().markets().perpetual(market).oracleId()).below()
            .liquidationPrice();
    }

    private static String name(final Subaccount subaccount)
    {
        for (final String name : new String[] {"alice", "bob", "carol", "dave"})
        {
            if (subaccount.account().owner().equals(address(name)))
            {
                return name;
            }
        }
        return "?";
    }
}
