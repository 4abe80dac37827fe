package io.novation.core.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks Cody's normal distribution function against 25-digit values (mpmath {@code ncdf}) and an independent
 * {@link BigDecimal} evaluation, over the whole range where Φ is a normal double.
 */
class NormalDistributionTest
{
    /**
     * Relative error allowed below the median, where Φ(x) is computed directly: about 7 units in the last place
     * (the worst seen over 20,000 random points of [−37.5, 0] was 7.9e-16).
     */
    private static final double RELATIVE_TOLERANCE = 1.5e-15;

    /**
     * Absolute error allowed above the median, where Φ(x) = 1 − Φ(−x) rounds to a multiple of 2^-53.
     */
    private static final double ABSOLUTE_TOLERANCE_NEAR_ONE = 2.3e-16;

    @ParameterizedTest(name = "Φ({0}) = {1}")
    @CsvSource({
        "-37.5, 4.605353009581954843827969e-308",
        "-37, 5.725571222524576822683193e-300",
        "-30, 4.906713927148187059533809e-198",
        "-25, 3.056696706382560916402749e-138",
        "-20, 2.753624118606233695075623e-89",
        "-15, 3.67096619931275088578609e-51",
        "-10, 7.619853024160526065973343e-24",
        "-8, 6.220960574271784123515995e-16",
        "-6, 9.865876450376981407008641e-10",
        "-5.65685424949238, 7.708628950140031940344329e-9",
        "-5, 0.0000002866515718791939116737523",
        "-4, 0.00003167124183311992125377076",
        "-3, 0.001349898031630094526651815",
        "-2, 0.02275013194817920720028264",
        "-1.5, 0.06680720126885806600449404",
        "-1, 0.1586552539314570514147675",
        "-0.6744897, 0.2500000159511390981414341",
        "-0.5, 0.3085375387259868963622954",
        "-0.1, 0.4601721627229710163310661",
        "-1e-10, 0.4999999999601057719598567",
        "0, 0.5",
        "1e-10, 0.5000000000398942280401433",
        "0.3, 0.6179114221889526330722736",
        "0.6744897, 0.7499999840488609018585659",
        "0.7, 0.7580363477769269713837893",
        "1, 0.8413447460685429485852325",
        "2, 0.9772498680518207927997174",
        "3, 0.9986501019683699054733482",
        "4, 0.9999683287581668800787462",
        "5, 0.9999997133484281208060883",
        "6, 0.9999999990134123549623019",
        "7, 0.9999999999987201874561142",
        "8, 0.9999999999999993779039426",
        "8.29, 0.9999999999999999433757658",
    })
    void shouldMatchPublishedHighPrecisionValues(final double x, final String reference)
    {
        assertAccurate(x, new BigDecimal(reference));
    }

    @Property(tries = 400)
    void shouldMatchAnIndependentHighPrecisionEvaluation(
        @ForAll @DoubleRange(min = -37.5, max = 8.29) @Scale(15) final double x)
    {
        assertAccurate(x, HighPrecisionNormal.cdf(x));
    }

    @Property(tries = 2000)
    void shouldBeSymmetric(@ForAll @DoubleRange(min = -40, max = 40) @Scale(15) final double x)
    {
        assertThat(NormalDistribution.cdf(x) + NormalDistribution.cdf(-x)).isCloseTo(1.0, within(2.3e-16));
    }

    @Property(tries = 2000)
    void shouldBeMonotone(
        @ForAll @DoubleRange(min = -40, max = 40) @Scale(15) final double x,
        @ForAll @DoubleRange(min = 0, max = 1) @Scale(15) final double step)
    {
        assertThat(NormalDistribution.cdf(x + step)).isGreaterThanOrEqualTo(NormalDistribution.cdf(x));
    }

    @Test
    void shouldSaturateBeyondTheRepresentableRange()
    {
        assertThat(NormalDistribution.cdf(-37.52)).isZero();
        assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(NormalDistribution.cdf(8.3)).isEqualTo(1.0);
        assertThat(NormalDistribution.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NormalDistribution.cdf(Double.NaN)).isNaN();
        assertThat(NormalDistribution.cdf(0.0)).isEqualTo(0.5);
    }

    @Test
    void shouldComputeTheDensity()
    {
        assertThat(NormalDistribution.density(0.0)).isEqualTo(NormalDistribution.INVERSE_SQRT_TWO_PI);
        assertThat(NormalDistribution.density(1.0)).isCloseTo(0.24197072451914334980, within(1e-16));
        assertThat(NormalDistribution.density(-1.0)).isEqualTo(NormalDistribution.density(1.0));
        // φ(37) = 2.12000655152460562685e-298 (mpmath): the split exponent keeps the far tail accurate.
        assertThat(NormalDistribution.density(37.0) / 2.12000655152460562685e-298).isCloseTo(1.0, within(1e-15));
        assertThat(NormalDistribution.density(Double.POSITIVE_INFINITY)).isZero();
        assertThat(NormalDistribution.density(Double.NaN)).isNaN();
    }

    private static void assertAccurate(final double x, final BigDecimal reference)
    {
        final double actual = NormalDistribution.cdf(x);
        if (x <= 0.0)
        {
            final double relativeError = new BigDecimal(actual).subtract(reference)
                .divide(reference, MathContext.DECIMAL64).abs().doubleValue();
            assertThat(relativeError).as("relative error of Φ(%s) = %s", x, actual)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        }
        else
        {
            assertThat(actual).as("Φ(%s)", x).isCloseTo(reference.doubleValue(), within(ABSOLUTE_TOLERANCE_NEAR_ONE));
        }
    }
}
