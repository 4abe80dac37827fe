package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An option series past its expiry and not yet settled is worth its fixed payoff (docs/protocol.md, "Strategy margin"):
 * it pairs with nothing, so a spread whose expiry passed is margined leg by leg, in quote quantums, as without pairing.
 */
class StrategyMarginExpiryTest
{
    private static final long MINUTE = 60_000L;

    private EngineFixture fx;
    private long expiry;
    private int shortLeg;
    private int longLeg;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        expiry = (fx.now() + DAY_MS) / MINUTE * MINUTE;
        shortLeg = fx.createBtcOption("BTC-1D-60000-C", 60_000, expiry, OptionType.CALL);
        longLeg = fx.createBtcOption("BTC-1D-65000-C", 65_000, expiry, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("carol", 0, 20_000)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", longLeg, false, 50, 100)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", shortLeg, true, 50, 7_500)).isTrue();
    }

    @Test
    void shouldGiveNoPairingBenefitToASpreadWhoseExpiryPassed()
    {
        assertThat(carol().maintenanceMarginRequirement()).isLessThan(nakedMaintenance());

        fx.advance(expiry - fx.now() + MINUTE);
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 62_000 * BTC_USD))).isTrue();

        assertThat(fx.position("carol", 0, shortLeg)).isNegative();
        assertThat(fx.position("carol", 0, longLeg)).isPositive();
        assertThat(carol().maintenanceMarginRequirement()).isEqualTo(nakedMaintenance());
        assertThat(carol().initialMarginRequirement()).isEqualTo(nakedInitial());
    }

    private MarginFigures carol()
    {
        final ClearingState state = fx.engine.state();
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(subaccount(), figures)).isTrue();
        return figures;
    }

    private Subaccount subaccount()
    {
        return fx.engine.state().accounts().find(address("carol")).subaccount(0);
    }

    private long nakedMaintenance()
    {
        return naked(false);
    }

    private long nakedInitial()
    {
        return naked(true);
    }

    private long naked(final boolean initial)
    {
        final ClearingState state = fx.engine.state();
        final OptionMargin options = new OptionMargin(state.oracles(), state.volSurfaces());
        final OptionPositionMargin leg = new OptionPositionMargin();
        long sum = 0;
        for (final int market : new int[] {shortLeg, longLeg})
        {
            assertThat(options.position(state.markets().option(market), fx.position("carol", 0, market), leg))
                .isTrue();
            sum += initial ? leg.initialRequirement() : leg.maintenanceRequirement();
        }
        return sum;
    }
}
