package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call spread liquidated leg by leg (docs/protocol.md, "Strategy margin"): taking the long leg first would leave the
 * short naked and the subaccount deeper below maintenance, so it is refused until the short is gone; taking the short
 * first lowers the requirement.
 */
class StrategyLiquidationTest
{
    private static final long MINUTE = 60_000L;

    private EngineFixture fx;
    private long expiry;
    private int shortStrike;
    private int longStrike;
    private int nakedStrike;
    private long keeperNonce;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        expiry = (fx.now() + DAY_MS) / MINUTE * MINUTE;
        shortStrike = fx.createBtcOption("BTC-1D-60000-C", 60_000, expiry, OptionType.CALL);
        longStrike = fx.createBtcOption("BTC-1D-65000-C", 65_000, expiry, OptionType.CALL);
        nakedStrike = fx.createBtcOption("BTC-1D-70000-C", 70_000, expiry, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 200_000)).isTrue();
        // Carol: a 60,000/65,000 call spread and a naked 70,000 call, 0.5 BTC each; BTC then rises to 80,000.
        assertThat(fx.depositUsdc("carol", 0, 8_000)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", longStrike, false, 50, 100)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", shortStrike, true, 50, 7_500)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", nakedStrike, true, 50, 10)).isTrue();
        fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 80_000 * BTC_USD));
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 80_000 * BTC_USD))).isTrue();
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
    }

    private Liquidate liquidation(final int market, final long size)
    {
        final Liquidate unsigned = new Liquidate(fx.tick(), address("keeper"), 0, address("carol"), 0, market, size,
            ++keeperNonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key("keeper")));
    }

    private MarginFigures carol()
    {
        final ClearingState state = fx.engine.state();
        final Subaccount subaccount = state.accounts().find(address("carol")).subaccount(0);
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(subaccount, figures)).isTrue();
        return figures;
    }

    @Test
    void shouldRefuseToTakeTheLongLegOfASpreadBeforeItsShort()
    {
        final MarginFigures before = carol();
        assertThat(before.isBelowMaintenance()).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation(longStrike, fx.position("carol", 0, longStrike)))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.PAIRED_LONG_OPTION);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldLowerTheRequirementWhenTheShortLegGoesFirst()
    {
        final MarginFigures before = carol();
        assertThat(before.isBelowMaintenance()).isTrue();

        assertThat(fx.apply(liquidation(shortStrike, -fx.position("carol", 0, shortStrike)))).isTrue();

        final MarginFigures after = carol();
        assertThat(after.maintenanceMarginRequirement()).isLessThan(before.maintenanceMarginRequirement());
        assertThat(fx.position("carol", 0, longStrike)).isPositive();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }
}
