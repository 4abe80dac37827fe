package io.novation.node.warning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The margin warning arithmetic done in longs where the product fits one gives exactly what the arbitrary-precision
 * definition gives (health floored, a scaled requirement rounded as asked, both clamped to a long), for every value
 * from small amounts to ones whose product overflows.
 */
class WarningLevelsPropertiesTest
{
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    @Property(tries = 3_000)
    void shouldFloorHealthAsTheExactQuotient(@ForAll("amounts") final long netCollateral,
        @ForAll("requirements") final long maintenanceRequirement)
    {
        final BigInteger[] qr = BigInteger.valueOf(netCollateral).multiply(MILLION)
            .divideAndRemainder(BigInteger.valueOf(maintenanceRequirement));
        final BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        final long expected = q.bitLength() < 63 ? q.longValue() : q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;

        assertThat(WarningLevels.healthPpm(netCollateral, maintenanceRequirement)).isEqualTo(expected);
    }

    @Property(tries = 3_000)
    void shouldScaleARequirementAsTheExactQuotientRoundedAsAsked(@ForAll("amounts") final long ppm,
        @ForAll("amounts") final long maintenanceRequirement, @ForAll final boolean up)
    {
        final BigInteger[] qr = BigInteger.valueOf(ppm).multiply(BigInteger.valueOf(maintenanceRequirement))
            .divideAndRemainder(MILLION);
        final BigInteger q = up && qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        final long expected = q.bitLength() < 63 ? q.longValue() : Long.MAX_VALUE;

        assertThat(WarningLevels.scaled(ppm, maintenanceRequirement, up)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Long> amounts()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(-2_000_000, 2_000_000),
            Arbitraries.longs().between(-1L << 45, 1L << 45), Arbitraries.longs(),
            Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 1_000_000,
                Long.MIN_VALUE / 1_000_000, (1L << 62) / 1_500_000, 9_223_372_036_854L));
    }

    @Provide
    Arbitrary<Long> requirements()
    {
        return amounts().filter(value -> value != 0);
    }
}
