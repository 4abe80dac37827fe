package io.novation.core.money;

import io.novation.core.money.FixedPointEncoding.Mutation;
import io.novation.core.money.JavaLongSemantics.Mode;
import io.novation.core.money.JavaLongSemantics.Outcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.function.Function;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates the Z3 encoding of each {@link FixedPoint} helper ({@link FixedPointEncoding}, with the division
 * primitives interpreted exactly) on random inputs and compares it with the Java method, returned value or thrown
 * {@link ArithmeticException} alike, so that the formulas the solver proofs are about cannot drift from the code.
 */
class FixedPointEncodingPropertiesTest
{
    @Property(tries = 300)
    void shouldDivideAsTheCode(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll final Rounding rounding)
    {
        assertSameOutcome(code -> code.divide(constant(code, a), constant(code, b), rounding),
            () -> FixedPoint.divide(a, b, rounding));
    }

    @Property(tries = 300)
    void shouldMultiplyThenDivideAsTheCode(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll("anyMagnitude") final long c,
        @ForAll final Rounding rounding)
    {
        assertSameOutcome(code -> code.mulDiv(constant(code, a), constant(code, b), constant(code, c), rounding),
            () -> FixedPoint.mulDiv(a, b, c, rounding));
    }

    @Property(tries = 300)
    void shouldDivideByPowersOfTenAsTheCode(
        @ForAll("anyMagnitude") final long value,
        @ForAll @IntRange(min = 1, max = 18) final int digits,
        @ForAll final Rounding rounding)
    {
        assertSameOutcome(code -> code.divideByPowerOfTen(constant(code, value), digits, rounding),
            () -> FixedPoint.divideByPowerOfTen(value, digits, rounding));
    }

    @Property(tries = 300)
    void shouldScaleProductsByNegativePowersOfTenAsTheCode(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll @IntRange(min = 1, max = 18) final int digits,
        @ForAll final Rounding rounding)
    {
        assertSameOutcome(code -> code.mulDivByPowerOfTen(constant(code, a), constant(code, b), digits, rounding),
            () -> FixedPoint.mulScaleByPow10(a, b, -digits, rounding));
        if (digits == 6)
        {
            assertSameOutcome(code -> code.mulDivByPowerOfTen(constant(code, a), constant(code, b), 6, rounding),
                () -> FixedPoint.mulPpm(a, b, rounding));
        }
    }

    @Property(tries = 300)
    void shouldDeriveTheCeilingFromTheFloorAsTheCode(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll @IntRange(min = 1, max = 18) final int digits)
    {
        final long floor;
        try
        {
            floor = FixedPoint.mulScaleByPow10(a, b, -digits, Rounding.DOWN);
        }
        catch (final ArithmeticException overflow)
        {
            return;
        }
        assertSameOutcome(code -> code.mulScaleByPow10Ceiling(constant(code, a), constant(code, b), digits,
            constant(code, floor)), () -> FixedPoint.mulScaleByPow10Ceiling(a, b, -digits, floor));
    }

    @Property(tries = 300)
    void shouldCompareProductsAsTheCode(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll("anyMagnitude") final long c,
        @ForAll("anyMagnitude") final long d)
    {
        try (JavaLongSemantics java = new JavaLongSemantics(Mode.EVALUATION))
        {
            final FixedPointEncoding code = new FixedPointEncoding(java, Mutation.NONE);
            final Outcome outcome = java.returning(code.compareProducts(
                java.constant(a), java.constant(b), java.constant(c), java.constant(d)));

            assertThat(java.evaluate(outcome, java.truth(true)))
                .isEqualTo((long)FixedPoint.compareProducts(a, b, c, d));
        }
    }

    @Provide
    Arbitrary<Long> anyMagnitude()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
            Arbitraries.longs().between(-3, 3),
            Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1,
                1L << 62, -(1L << 62), 3_037_000_499L, 1_000_000L, 1_000_000_000_000_000_000L));
    }

    private static com.microsoft.z3.BitVecExpr constant(final FixedPointEncoding code, final long value)
    {
        return code.java().constant(value);
    }

    private static void assertSameOutcome(final Function<FixedPointEncoding, Outcome> encoded, final LongSupplier real)
    {
        Long expected;
        try
        {
            expected = real.getAsLong();
        }
        catch (final ArithmeticException thrown)
        {
            expected = null;
        }
        try (JavaLongSemantics java = new JavaLongSemantics(Mode.EVALUATION))
        {
            final Outcome outcome = encoded.apply(new FixedPointEncoding(java, Mutation.NONE));
            assertThat(java.evaluate(outcome, java.truth(true))).isEqualTo(expected);
        }
    }
}
