package io.novation.core.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Raw SVI total variance, its derivatives, its minimum and Gatheral and Jacquier's density function g(k), including
 * Axel Vogt's slice (a = −0.0410, b = 0.1331, ρ = 0.3060, m = 0.3586, σ = 0.4153, cited by Gatheral and Jacquier
 * 2014), whose g dips to about −0.033 near k = 0.88.
 */
class SviParametersTest
{
    private static final SviParameters VOGT = SviParameters.of(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);

    @Test
    void shouldEvaluateTheRawSviFormula()
    {
        final SviParameters svi = SviParameters.of(0.04, 0.4, -0.4, 0.1, 0.2);
        final double k = 0.3;
        final double expected = 0.04 + 0.4 * (-0.4 * (0.3 - 0.1) + Math.sqrt(0.2 * 0.2 + 0.2 * 0.2));
        assertThat(svi.totalVariance(k)).isCloseTo(expected, within(1e-16));
        assertThat(svi.impliedVolatility(k, 0.5)).isCloseTo(Math.sqrt(expected / 0.5), within(1e-15));
    }

    @Test
    void shouldReachTheMinimumTotalVarianceAtTheVertex()
    {
        final SviParameters svi = SviParameters.of(0.04, 0.4, -0.4, 0.1, 0.2);
        final double vertex = 0.1 + 0.4 * 0.2 / Math.sqrt(1 - 0.16);
        assertThat(svi.totalVariance(vertex)).isCloseTo(svi.minimumTotalVariance(), within(1e-15));
        assertThat(svi.totalVarianceSlope(vertex)).isCloseTo(0.0, within(1e-15));
        assertThat(svi.totalVariance(vertex + 0.01)).isGreaterThan(svi.minimumTotalVariance());
        assertThat(svi.totalVariance(vertex - 0.01)).isGreaterThan(svi.minimumTotalVariance());
    }

    @Property(tries = 500)
    void shouldDifferentiateTotalVariance(@ForAll @DoubleRange(min = -3, max = 3) @Scale(8) final double k)
    {
        final double h = 1e-5;
        assertThat(VOGT.totalVarianceSlope(k))
            .isCloseTo((VOGT.totalVariance(k + h) - VOGT.totalVariance(k - h)) / (2 * h), within(1e-9));
        assertThat(VOGT.totalVarianceCurvature(k))
            .isCloseTo((VOGT.totalVarianceSlope(k + h) - VOGT.totalVarianceSlope(k - h)) / (2 * h), within(1e-8));
    }

    @Test
    void shouldFindVogtsNegativeDensity()
    {
        double minimum = Double.POSITIVE_INFINITY;
        double where = Double.NaN;
        for (int i = 0; i <= 6000; i++)
        {
            final double k = -3.0 + i * 0.001;
            final double g = VOGT.densityCondition(k);
            if (g < minimum)
            {
                minimum = g;
                where = k;
            }
        }
        assertThat(minimum).isCloseTo(-0.0329, within(0.0005));
        assertThat(where).isCloseTo(0.879, within(0.005));
        assertThat(VOGT.densityCondition(0.0)).isPositive();
        assertThat(VOGT.densityCondition(2.0)).isPositive();
    }

    @Property(tries = 300)
    void shouldMatchSurfaceSviSlices(
        @ForAll @DoubleRange(min = -4, max = 4) @Scale(8) final double k,
        @ForAll @DoubleRange(min = 0.001, max = 1.0) @Scale(8) final double theta,
        @ForAll @DoubleRange(min = -0.95, max = 0.95) @Scale(8) final double rho,
        @ForAll @DoubleRange(min = 0.1, max = 1.5) @Scale(8) final double eta)
    {
        final SviParameters raw = SurfaceSvi.rawSvi(theta, rho, eta);
        assertThat(raw.totalVariance(k)).isCloseTo(SurfaceSvi.totalVariance(k, theta, rho, eta), within(1e-12));
        // Theorem 4.2's sufficient condition holds for η²(1 + |ρ|) ≤ 4 and η√θ(1 + |ρ|) < 4: g ≥ 0.
        if (eta * eta * (1 + Math.abs(rho)) <= 4)
        {
            assertThat(raw.densityCondition(k)).isGreaterThanOrEqualTo(-1e-12);
        }
    }

    @Test
    void shouldRejectNonFiniteParameters()
    {
        assertThatThrownBy(() -> SviParameters.of(Double.NaN, 0.1, 0, 0, 0.1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("SVI a must be finite: NaN");
        assertThatThrownBy(() -> SviParameters.of(0.01, 0.1, 0, 0, Double.POSITIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("SVI sigma must be finite: Infinity");
        assertThatThrownBy(() -> VOGT.impliedVolatility(0.0, 0.0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expiryYears must be finite and > 0: 0.0");
    }
}
