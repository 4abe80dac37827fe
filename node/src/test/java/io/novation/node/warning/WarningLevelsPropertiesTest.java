package io.novation.node.warning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
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
    /**
     * Values at the edges: zero and units, a long's bounds, where a product by a million leaves a long, and divisors
     * around 2e6 and 1e6, where a long's bound over them lands at 2^62, the bound of the clamp.
     */
    private static final long[] EDGES = {
        0, 1, -1, 2, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
        Long.MAX_VALUE / 1_000_000, Long.MAX_VALUE / 1_000_000 + 1, Long.MIN_VALUE / 1_000_000,
        Long.MIN_VALUE / 1_000_000 - 1, 999_999, 1_000_000, 1_000_001, 1_999_999, 2_000_000, 2_000_001, -2_000_000,
        -1_000_000, 1L << 62, -(1L << 62), (1L << 62) - 1, 1L << 32, -(1L << 32) + 7, 9_223_372_036_854L,
        3_037_000_499L, -3_037_000_500L};

    /** The health by its definition: the exact quotient floored, clamped to a long. */
    private static long healthByDefinition(final long netCollateral, final long maintenanceRequirement)
    {
        final BigInteger[] qr = BigInteger.valueOf(netCollateral).multiply(MILLION)
            .divideAndRemainder(BigInteger.valueOf(maintenanceRequirement));
        final BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return q.bitLength() < 63 ? q.longValue() : q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** A scaled requirement by its definition: the exact quotient rounded as asked, clamped to a long. */
    private static long scaledByDefinition(final long ppm, final long maintenanceRequirement, final boolean up)
    {
        final BigInteger[] qr = BigInteger.valueOf(ppm).multiply(BigInteger.valueOf(maintenanceRequirement))
            .divideAndRemainder(MILLION);
        final BigInteger q = up && qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return q.bitLength() < 63 ? q.longValue() : Long.MAX_VALUE;
    }

    @Property(tries = 3_000)
    void shouldFloorHealthAsTheExactQuotient(@ForAll("amounts") final long netCollateral,
        @ForAll("requirements") final long maintenanceRequirement)
    {
        assertThat(WarningLevels.healthPpm(netCollateral, maintenanceRequirement))
            .isEqualTo(healthByDefinition(netCollateral, maintenanceRequirement));
    }

    @Property(tries = 3_000)
    void shouldScaleARequirementAsTheExactQuotientRoundedAsAsked(@ForAll("amounts") final long ppm,
        @ForAll("amounts") final long maintenanceRequirement, @ForAll final boolean up)
    {
        assertThat(WarningLevels.scaled(ppm, maintenanceRequirement, up))
            .isEqualTo(scaledByDefinition(ppm, maintenanceRequirement, up));
    }

    @Property(tries = 3_000)
    void shouldFloorHealthOfProductsBeyondALongAsTheExactQuotient(@ForAll("overflowing") final long netCollateral,
        @ForAll("requirements") final long maintenanceRequirement)
    {
        assertThat(WarningLevels.healthPpm(netCollateral, maintenanceRequirement))
            .isEqualTo(healthByDefinition(netCollateral, maintenanceRequirement));
    }

    @Test
    void shouldAgreeWithTheDefinitionOnEveryPairOfEdges()
    {
        for (final long a : EDGES)
        {
            for (final long b : EDGES)
            {
                if (b != 0)
                {
                    assertThat(WarningLevels.healthPpm(a, b)).as("health %d / %d", a, b)
                        .isEqualTo(healthByDefinition(a, b));
                }
                assertThat(WarningLevels.scaled(a, b, true)).as("scaled up %d * %d", a, b)
                    .isEqualTo(scaledByDefinition(a, b, true));
                assertThat(WarningLevels.scaled(a, b, false)).as("scaled down %d * %d", a, b)
                    .isEqualTo(scaledByDefinition(a, b, false));
            }
        }
    }

    /**
     * Nothing for products beyond a long once warm: of 100 windows of 600 calls, at least 95 allocate nothing on the
     * thread's counter (a rare window shows a few bytes the calls do not explain, at places that change from run to
     * run; the BigInteger path allocated in every window, about 580 B a call).
     */
    @Test
    void shouldAllocateNothingForProductsBeyondALong()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long sum = 0;
        int quiet = 0;
        for (int window = -100; window < 100; window++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++)
            {
                sum += WarningLevels.healthPpm(Long.MAX_VALUE / 3 - i, 7_000_000_000_000L + i);
                sum += WarningLevels.healthPpm(-Long.MAX_VALUE / 5 + i, 3_000_000_000_003L - i);
                sum += WarningLevels.scaled(1_500_000 + i, Long.MAX_VALUE / 7 - i, (i & 1) == 0);
            }
            // The first hundred windows warm the code.
            quiet += window >= 0 && threads.getCurrentThreadAllocatedBytes() == before ? 1 : 0;
        }
        assertThat(sum).isNotZero();
        assertThat(quiet).isGreaterThanOrEqualTo(95);
    }

    @Provide
    Arbitrary<Long> amounts()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(-2_000_000, 2_000_000),
            Arbitraries.longs().between(-1L << 45, 1L << 45), Arbitraries.longs(),
            Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 1_000_000,
                Long.MIN_VALUE / 1_000_000, (1L << 62) / 1_500_000, 9_223_372_036_854L));
    }

    /** Net collateral whose product by a million overflows a long. */
    @Provide
    Arbitrary<Long> overflowing()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(Long.MAX_VALUE / 1_000_000 + 1, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE / 1_000_000 - 1));
    }

    @Provide
    Arbitrary<Long> requirements()
    {
        return amounts().filter(value -> value != 0);
    }
}
