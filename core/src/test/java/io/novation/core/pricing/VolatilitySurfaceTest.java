package io.novation.core.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Total variance across expiries: the slices themselves, linear interpolation in T between them, flat implied
 * volatility beyond them, and the structural checks of construction.
 */
class VolatilitySurfaceTest
{
    private static final SviParameters SHORT = SviParameters.of(0.01, 0.1, -0.5, 0.0, 0.1);
    private static final SviParameters LONG = SviParameters.of(0.03, 0.15, -0.4, 0.05, 0.2);
    private static final VolatilitySurface SURFACE =
        VolatilitySurface.of(SviSlice.of(0.25, SHORT), SviSlice.of(1.0, LONG));

    @Test
    void shouldReturnTheSlicesAtTheirExpiries()
    {
        assertThat(SURFACE.totalVariance(0.2, 0.25)).isEqualTo(SHORT.totalVariance(0.2));
        assertThat(SURFACE.totalVariance(0.2, 1.0)).isEqualTo(LONG.totalVariance(0.2));
        assertThat(SURFACE.impliedVolatility(-0.1, 1.0)).isEqualTo(StrictMath.sqrt(LONG.totalVariance(-0.1)));
    }

    @Test
    void shouldInterpolateTotalVarianceLinearlyInExpiry()
    {
        final double k = -0.3;
        final double expected = SHORT.totalVariance(k) + (0.625 - 0.25) / 0.75 *
            (LONG.totalVariance(k) - SHORT.totalVariance(k));
        assertThat(SURFACE.totalVariance(k, 0.625)).isCloseTo(expected, within(1e-16));
        assertThat(SURFACE.impliedVolatility(k, 0.625)).isCloseTo(Math.sqrt(expected / 0.625), within(1e-15));
    }

    @Test
    void shouldHoldImpliedVolatilityFlatBeyondTheSlices()
    {
        assertThat(SURFACE.impliedVolatility(0.1, 0.01)).isCloseTo(SURFACE.impliedVolatility(0.1, 0.25), within(1e-15));
        assertThat(SURFACE.impliedVolatility(0.1, 5.0)).isCloseTo(SURFACE.impliedVolatility(0.1, 1.0), within(1e-15));
        assertThat(SURFACE.totalVariance(0.1, 5.0)).isCloseTo(5.0 * LONG.totalVariance(0.1), within(1e-15));
    }

    @Test
    void shouldLookUpAStrikeByItsLogMoneyness()
    {
        assertThat(SURFACE.impliedVolatilityForStrike(2_000, 2_400, 0.5))
            .isEqualTo(SURFACE.impliedVolatility(StrictMath.log(1.2), 0.5));
    }

    @Property(tries = 1000)
    void shouldNeverLetTotalVarianceFallWithExpiryOnAnArbitrageFreeSurface(
        @ForAll @DoubleRange(min = -3, max = 3) @Scale(8) final double k,
        @ForAll @DoubleRange(min = 0.001, max = 4) @Scale(8) final double firstExpiry,
        @ForAll @DoubleRange(min = 0, max = 4) @Scale(8) final double later)
    {
        final VolatilitySurface surface = SviArbitrageCheckTest.arbitrageFreeSurface();
        assertThat(surface.totalVariance(k, firstExpiry + later))
            .isGreaterThanOrEqualTo(surface.totalVariance(k, firstExpiry) - 1e-15);
    }

    @Test
    void shouldRejectMalformedSurfaces()
    {
        assertThatThrownBy(() -> VolatilitySurface.of(List.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a volatility surface needs at least one SVI slice");
        assertThatThrownBy(() -> VolatilitySurface.of(SviSlice.of(1.0, SHORT), SviSlice.of(1.0, LONG)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("SVI slice expiries must increase strictly: slice 1 at 1.0 years follows 1.0 years");
        assertThatThrownBy(() -> VolatilitySurface.of(SviSlice.of(1.0, SHORT), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("SVI slice 1 is null");
        assertThatThrownBy(() -> SviSlice.of(0.0, SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expiryYears must be finite and > 0: 0.0");
        assertThatThrownBy(() -> SURFACE.totalVariance(Double.NaN, 1.0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("logMoneyness must be finite: NaN");
        assertThatThrownBy(() -> SURFACE.impliedVolatility(0.0, -1.0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expiryYears must be finite and > 0: -1.0");
        assertThat(SURFACE.slices()).hasSize(2);
        assertThatThrownBy(() -> SURFACE.slices().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
