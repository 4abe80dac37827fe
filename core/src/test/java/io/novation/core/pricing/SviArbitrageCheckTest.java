package io.novation.core.pricing;

import io.novation.core.pricing.ArbitrageViolation.Kind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Arbitrage checks on SVI surfaces: a surface SVI that Gatheral and Jacquier's theorems make arbitrage-free passes;
 * Axel Vogt's slice fails for butterfly arbitrage; crossing slices fail for calendar arbitrage; inadmissible
 * parameters fail with the condition they break.
 */
class SviArbitrageCheckTest
{
    private static final SviArbitrageCheck CHECK = SviArbitrageCheck.defaults();
    private static final double RHO = -0.7;
    private static final double ETA = 1.0;

    /**
     * SSVI with φ(θ) = η/√θ, ρ = −0.7, η = 1 and ATM total variance θ = 0.04·T (20 % at the money): free of calendar
     * arbitrage by Gatheral and Jacquier's Theorem 4.1 and of butterfly arbitrage by Theorem 4.2
     * (η²(1 + |ρ|) = 1.7 ≤ 4, η√θ(1 + |ρ|) &lt; 4).
     */
    static VolatilitySurface arbitrageFreeSurface()
    {
        return VolatilitySurface.of(
            SviSlice.of(0.1, SurfaceSvi.rawSvi(0.004, RHO, ETA)),
            SviSlice.of(0.25, SurfaceSvi.rawSvi(0.01, RHO, ETA)),
            SviSlice.of(0.5, SurfaceSvi.rawSvi(0.02, RHO, ETA)),
            SviSlice.of(1.0, SurfaceSvi.rawSvi(0.04, RHO, ETA)),
            SviSlice.of(2.0, SurfaceSvi.rawSvi(0.08, RHO, ETA)));
    }

    @Test
    void shouldAcceptAnArbitrageFreeSurfaceSvi()
    {
        assertThat(CHECK.firstViolation(arbitrageFreeSurface())).isEmpty();
        assertThat(SviArbitrageCheck.of(-6, 6, 4001, 0.0).firstViolation(arbitrageFreeSurface())).isEmpty();
    }

    @Test
    void shouldRejectVogtsSliceForButterflyArbitrage()
    {
        final SviSlice vogt = SviSlice.of(0.99, SviParameters.of(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153));

        final Optional<ArbitrageViolation> violation = CHECK.firstViolation(VolatilitySurface.of(vogt));

        assertThat(violation).isPresent();
        assertThat(violation.get().kind()).isEqualTo(Kind.BUTTERFLY);
        assertThat(violation.get().expiryYears()).isEqualTo(0.99);
        // g < 0 on about (0.643, 1.256); the grid's first point inside is k = 0.645.
        assertThat(violation.get().logMoneyness()).isCloseTo(0.645, within(1e-9));
        assertThat(violation.get().amount()).isPositive();
        assertThat(violation.get().condition()).isEqualTo("g(k) >= 0");
        assertThat(CHECK.firstViolation(vogt)).isEqualTo(violation);
        // Its parameters alone are admissible: the arbitrage is in the shape.
        assertThat(vogt.parameters().minimumTotalVariance()).isPositive();
    }

    @Test
    void shouldRejectCrossingSlicesForCalendarArbitrage()
    {
        // Each slice is butterfly-free (SSVI), and the later one is higher at the money, but skewed the other way:
        // its left wing falls below the earlier slice's.
        final SviSlice earlier = SviSlice.of(0.25, SurfaceSvi.rawSvi(0.04, -0.7, ETA));
        final SviSlice later = SviSlice.of(0.5, SurfaceSvi.rawSvi(0.05, 0.7, ETA));
        assertThat(CHECK.firstViolation(earlier)).isEmpty();
        assertThat(CHECK.firstViolation(later)).isEmpty();
        assertThat(later.totalVariance(0.0)).isGreaterThan(earlier.totalVariance(0.0));

        final ArbitrageViolation violation = CHECK.firstViolation(VolatilitySurface.of(earlier, later)).orElseThrow();

        assertThat(violation.kind()).isEqualTo(Kind.CALENDAR);
        assertThat(violation.expiryYears()).isEqualTo(0.5);
        assertThat(violation.logMoneyness()).isEqualTo(-3.0);
        assertThat(violation.amount())
            .isCloseTo(earlier.totalVariance(-3.0) - later.totalVariance(-3.0), within(1e-15))
            .isPositive();
        assertThat(violation.condition()).isEqualTo("w(k, 0.5) >= w(k, 0.25)");
    }

    @Test
    void shouldRejectATotalVarianceThatFallsWithExpiry()
    {
        final SviParameters shape = SurfaceSvi.rawSvi(0.04, RHO, ETA);
        final SviParameters lower =
            SviParameters.of(shape.a() - 1e-6, shape.b(), shape.rho(), shape.m(), shape.sigma());

        final ArbitrageViolation violation = CHECK.firstViolation(
            VolatilitySurface.of(SviSlice.of(1.0, shape), SviSlice.of(1.5, lower))).orElseThrow();

        assertThat(violation.kind()).isEqualTo(Kind.CALENDAR);
        assertThat(violation.amount()).isCloseTo(1e-6, within(1e-15));
        // Within the tolerance, equal slices are not an arbitrage.
        final SviParameters almost = SviParameters.of(shape.a() - 1e-10, shape.b(), shape.rho(), shape.m(),
            shape.sigma());
        assertThat(CHECK.firstViolation(VolatilitySurface.of(SviSlice.of(1.0, shape), SviSlice.of(1.5, almost))))
            .isEmpty();
    }

    @Test
    void shouldRejectInadmissibleParametersWithTheConditionTheyBreak()
    {
        assertParameterViolation(SviParameters.of(0.04, -0.1, 0.0, 0.0, 0.1), "b >= 0", 0.1);
        assertParameterViolation(SviParameters.of(0.04, 0.1, 1.0, 0.0, 0.1), "|rho| < 1", 0.0);
        assertParameterViolation(SviParameters.of(0.04, 0.1, -1.2, 0.0, 0.1), "|rho| < 1", 0.2);
        assertParameterViolation(SviParameters.of(0.04, 0.1, 0.0, 0.0, 0.0), "sigma > 0", 0.0);
        assertParameterViolation(SviParameters.of(-0.05, 0.1, 0.0, 0.0, 0.1), "a + b*sigma*sqrt(1 - rho^2) >= 0", 0.04);
        assertParameterViolation(SviParameters.of(0.04, 1.5, 0.5, 0.0, 0.1), "b*(1 + |rho|) <= 2 (Lee)", 0.25);
    }

    @Test
    void shouldDescribeAViolationForARejectionMessage()
    {
        final ArbitrageViolation violation = new ArbitrageViolation(Kind.BUTTERFLY, 0.99, 0.645, 0.0012, "g(k) >= 0");
        assertThat(violation.describe())
            .isEqualTo("BUTTERFLY arbitrage at expiry 0.99 years, k = 0.645: g(k) >= 0 fails by 0.0012");
        assertThat(new ArbitrageViolation(Kind.PARAMETERS, 0.5, Double.NaN, 0.1, "b >= 0").describe())
            .isEqualTo("PARAMETERS arbitrage at expiry 0.5 years: b >= 0 fails by 0.1");
    }

    @Test
    void shouldValidateTheGrid()
    {
        assertThat(CHECK.gridPoints()).isEqualTo(1201);
        assertThat(CHECK.minLogMoneyness()).isEqualTo(-3.0);
        assertThat(CHECK.maxLogMoneyness()).isEqualTo(3.0);
        assertThat(CHECK.tolerance()).isEqualTo(1e-9);
        assertThatThrownBy(() -> SviArbitrageCheck.of(1, 1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SviArbitrageCheck.of(-1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SviArbitrageCheck.of(-1, 1, 10, -1e-9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SviArbitrageCheck.of(Double.NaN, 1, 10, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertParameterViolation(final SviParameters parameters, final String condition,
        final double amount)
    {
        final ArbitrageViolation violation =
            CHECK.firstViolation(VolatilitySurface.of(SviSlice.of(0.5, parameters))).orElseThrow();
        assertThat(violation.kind()).isEqualTo(Kind.PARAMETERS);
        assertThat(violation.condition()).isEqualTo(condition);
        assertThat(violation.amount()).isCloseTo(amount, within(1e-12));
        assertThat(violation.logMoneyness()).isNaN();
        assertThat(violation.expiryYears()).isEqualTo(0.5);
    }
}
