package io.novation.core.engine;

import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.RejectReason;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adversarial sequences that would let value leave the venue without backing, or let one bad command change how
 * later ones are judged: each must be refused, and the venue must never pay out more USDC than it took in.
 */
class SolvencyGuardTest
{
    private final EngineFixture fx = new EngineFixture();

    private boolean fill(final String buyer, final String seller, final int market, final long size, final long price)
    {
        return fx.apply(new SettleTrade(fx.tick(), market, fx.order(buyer, 0, market, true, size, price, false),
            fx.order(seller, 0, market, false, size, price, false), size, price));
    }

    @Test
    void shouldNotOpenDustLongAtAbsurdPriceWithoutCollateral()
    {
        // A long worth less than one quote quantum at the oracle, bought at an absurd price: it must still require
        // margin (requirements are taken from the notional rounded away from zero).
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), 2, "ETH-WEI", "ETH-USD", -6, -18, 1, 1,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE))).isTrue();
        assertThat(fx.depositUsdc("alice", 0, 1)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 1)).isTrue();
        assertThat(fill("alice", "bob", 2, 300_000_000L, 9_000_000_000_000_000_000L)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    }

    @Test
    void shouldRefuseMarketWithoutMaintenanceMargin()
    {
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), 2, "BTC-ZERO", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.of(9, "zero-mf", 50_000, 0, 0, 0, 0), 0, 500, MarketStatus.ACTIVE))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);
    }

    @Test
    void shouldRejectMakerFeeOfLongMinValue()
    {
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), 2, "BTC-FEE", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.largeCap(), Long.MIN_VALUE, 500, MarketStatus.ACTIVE))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);
    }

    @Test
    void shouldNotLendUsdcAgainstOtherCollateral()
    {
        assertThat(fx.deposit("alice", 0, ETH_ASSET, 10 * ONE_ETH_COLLATERAL)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 1_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 1, 60_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 20_000 * USDC, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().totalWithdrawn(0)).isLessThanOrEqualTo(fx.engine.state().totalDeposited(0));
    }

    @Test
    void shouldNotLetSubaccountThatMeetsInitialMarginFallBelowIt()
    {
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), 2, "BTC-SAFE", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.of(3, "safety", 1_000_000, 200_000, 0, 0, 0), 0, 0, MarketStatus.ACTIVE))).isTrue();
        assertThat(fx.depositUsdc("alice", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 1_000_000)).isTrue();
        final long price = 60_000 * BTC_USD;
        assertThat(fill("alice", "bob", BTC, ONE_BTC, price)).isTrue();
        assertThat(fill("alice", "bob", 2, ONE_BTC / 100, price)).isTrue();
        // Selling the BTC far below the oracle cuts MMR but drops net collateral under the initial requirement.
        final byte[] root = fx.engine.stateRoot();
        assertThat(fill("bob", "alice", BTC, ONE_BTC, 56_500 * BTC_USD)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldNotAdvanceTimeOnRejectedCommand()
    {
        final EngineFixture twin = new EngineFixture();
        assertThat(fx.engine.stateRoot()).isEqualTo(twin.engine.stateRoot());
        assertThat(fx.apply(new Deposit(Long.MAX_VALUE, null, 0, 0, 1, 1))).isFalse();
        assertThat(fx.apply(new OraclePrice(Long.MAX_VALUE - 1, 99, java.util.List.of()))).isFalse();
        assertThat(fx.engine.stateRoot()).isEqualTo(twin.engine.stateRoot());
        final long time = fx.now() + 10;
        assertThat(fx.apply(new Deposit(time, address("alice"), 0, 0, USDC, 1))).isTrue();
        assertThat(twin.apply(new Deposit(time, address("alice"), 0, 0, USDC, 1))).isTrue();
        assertThat(fx.engine.stateRoot()).isEqualTo(twin.engine.stateRoot());
    }

    @Test
    void shouldRefuseAbsurdOraclePriceWithoutFreezingPositions()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.priceRound(fx.tick(), EngineFixture.BTC_ORACLE, 9_000_000_000_000_000_000L)))
            .isFalse();
        // Every report is malformed (beyond the largest price an oracle takes), so the round has no quorum.
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NO_QUORUM);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.tradeBtc("alice", "bob", false, 5_000, 60_000)).as("positions are not frozen").isTrue();
    }
}
