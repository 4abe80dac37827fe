package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.oracle.PublishedVolSurface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code oracleVolSurface}: raw SVI slices in billionths are stored per underlying and priced in doubles; surfaces
 * with butterfly or calendar arbitrage, inadmissible parameters or misordered expiries are refused with a reason and
 * leave the root unchanged.
 */
class VolSurfaceEngineTest
{
    private static final long YEAR_MS = 365 * DAY_MS;

    @Test
    void shouldStoreAnArbitrageFreeSurfaceAndPriceFromIt()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        // SSVI, rho = -0.7, eta = 1, ATM total variance 0.04·T (Gatheral and Jacquier, Theorems 4.1 and 4.2).
        final OracleVolSurface command = new OracleVolSurface(now, BTC_ORACLE, List.of(
            ssvi(now + YEAR_MS / 4, 0.01), ssvi(now + YEAR_MS / 2, 0.02), ssvi(now + YEAR_MS, 0.04)));

        assertThat(fx.apply(command)).isTrue();

        final PublishedVolSurface surface = fx.engine.state().volSurfaces().surface(BTC_ORACLE);
        assertThat(surface.publishedAt()).isEqualTo(now);
        assertThat(surface.slices()).isEqualTo(command.slices());
        // At the money, SSVI's total variance is theta: 20 % volatility at every expiry.
        assertThat(surface.impliedVolatility(60_000, 60_000, now + YEAR_MS / 2)).isCloseTo(0.2, within(1e-8));
        assertThat(fx.events.last()).isEqualTo(new Event.VolSurfaceUpdated(fx.engine.state().sequence(), BTC_ORACLE,
            3, now + YEAR_MS / 4, now + YEAR_MS));
    }

    @Test
    void shouldRefuseVogtsSliceForButterflyArbitrage()
    {
        final EngineFixture fx = new EngineFixture();
        final byte[] root = fx.engine.stateRoot();
        final long now = fx.tick();
        // Axel Vogt's slice, T = 0.99 (the counter-example Gatheral and Jacquier cite).
        final OracleVolSurface vogt = new OracleVolSurface(now, BTC_ORACLE, List.of(new OracleVolSurface.Slice(
            now + Math.round(0.99 * YEAR_MS), -41_000_000, 133_100_000, 306_000_000, 358_600_000, 415_300_000)));

        assertThat(fx.apply(vogt)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("BUTTERFLY arbitrage");
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();
    }

    @Test
    void shouldRefuseCrossingSlicesForCalendarArbitrage()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        final OracleVolSurface crossing = new OracleVolSurface(now, BTC_ORACLE, List.of(
            ssvi(now + YEAR_MS / 4, 0.04, -0.7), ssvi(now + YEAR_MS / 2, 0.05, 0.7)));

        assertThat(fx.apply(crossing)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("CALENDAR arbitrage");
    }

    @Test
    void shouldRefuseInadmissibleParametersAndMisorderedExpiries()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        final long expiry = now + 30 * DAY_MS;

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE,
            List.of(new OracleVolSurface.Slice(expiry, 10_000_000, 100_000_000, 1_000_000_000, 0, 100_000_000)))))
            .isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("PARAMETERS");

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE, List.of(
            ssvi(expiry, 0.01), ssvi(expiry - DAY_MS, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE, List.of(ssvi(now, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE, List.of()))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), 7, List.of(ssvi(expiry, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_ORACLE);
    }

    private static OracleVolSurface.Slice ssvi(final long expiry, final double theta)
    {
        return ssvi(expiry, theta, -0.7);
    }

    /** Gatheral and Jacquier's SSVI with φ = η/√θ, η = 1, as raw SVI in billionths. */
    private static OracleVolSurface.Slice ssvi(final long expiry, final double theta, final double rho)
    {
        final double phi = 1.0 / Math.sqrt(theta);
        return new OracleVolSurface.Slice(expiry, nanos(0.5 * theta * (1 - rho * rho)), nanos(0.5 * theta * phi),
            nanos(rho), nanos(-rho / phi), nanos(Math.sqrt(1 - rho * rho) / phi));
    }

    private static long nanos(final double value)
    {
        return Math.round(value * 1e9);
    }
}
