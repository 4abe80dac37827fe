package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * One case of the split proof of {@link FixedPoint#mulDiv}: a range of the divisor {@code c} (zero, {@code ±1},
 * {@code 2 <= |c| < 2^32}, {@code |c| >= 2^32}), the signs of the factors {@code a} and {@code b}, whether the
 * exact product {@code a·b} fits a long, and if not whether {@code |a·b| < 2^64·|c|} (the 128-bit path's quotient
 * fits 64 bits); the cases of {@link #cases()} cover every input, which
 * {@code FixedPointProofTest.shouldCoverEveryMulDivInputWithTheCaseSplit} proves.
 *
 * @param name  the case, for the report.
 * @param guard builds the case's condition on the variables {@code a}, {@code b} and {@code c} of an encoding.
 * @param open  whether Z3 does not settle the case within the time limit (run only on request).
 */
public record MulDivCase(String name, Guard guard, boolean open)
{
    /**
     * A case Z3 settles within the time limit.
     *
     * @param name  the case.
     * @param guard its condition.
     */
    public MulDivCase(final String name, final Guard guard)
    {
        this(name, guard, false);
    }

    /**
     * Every input, unsplit.
     */
    public static final MulDivCase ALL = new MulDivCase("any input", java -> java.truth(true));

    /**
     * The condition of a case, built in one encoding's context.
     */
    @FunctionalInterface
    public interface Guard
    {
        /**
         * The condition.
         *
         * @param java the encoding.
         * @return the condition on {@code a}, {@code b} and {@code c}.
         */
        BoolExpr on(JavaLongSemantics java);
    }

    /**
     * The condition in an encoding.
     *
     * @param java the encoding.
     * @return the condition.
     */
    public BoolExpr guard(final JavaLongSemantics java)
    {
        return guard.on(java);
    }

    private static final long TWO_TO_32 = 1L << 32;

    /**
     * The split: {@code c == 0}, then for each divisor range and sign, each sign of {@code a} and of {@code b}, the
     * product fitting a long or not.
     *
     * @return the cases.
     */
    public static List<MulDivCase> cases()
    {
        final List<MulDivCase> cases = new ArrayList<>();
        cases.add(new MulDivCase("c == 0", java -> java.isZero(java.variable("c"))));
        final List<MulDivCase> divisors = List.of(
            new MulDivCase("c == 1", java -> java.equal(c(java), java.constant(1))),
            new MulDivCase("c == -1", java -> java.equal(c(java), java.constant(-1))),
            new MulDivCase("2 <= c < 2^32", java -> java.and(java.lessOrEqual(java.constant(2), c(java)),
                java.lessThan(c(java), java.constant(TWO_TO_32)))),
            new MulDivCase("-2^32 < c <= -2", java -> java.and(java.lessThan(java.constant(-TWO_TO_32), c(java)),
                java.lessOrEqual(c(java), java.constant(-2)))),
            new MulDivCase("c >= 2^32", java -> java.lessOrEqual(java.constant(TWO_TO_32), c(java))),
            new MulDivCase("c <= -2^32", java -> java.lessOrEqual(c(java), java.constant(-TWO_TO_32))));
        for (final MulDivCase divisor : divisors)
        {
            for (final boolean aNegative : new boolean[] {false, true})
            {
                for (final boolean bNegative : new boolean[] {false, true})
                {
                    final String signs = divisor.name() + ", a " + (aNegative ? "< 0" : ">= 0") + ", b " +
                        (bNegative ? "< 0" : ">= 0");
                    final Guard signGuard = java -> java.and(divisor.guard(java),
                        java.equal(java.isNegative(java.variable("a")), java.truth(aNegative)),
                        java.equal(java.isNegative(java.variable("b")), java.truth(bNegative)));
                    cases.add(new MulDivCase(signs + ", a·b fits a long",
                        java -> java.and(signGuard.on(java), java.fitsLong(product(java)))));
                    for (final boolean small : new boolean[] {true, false})
                    {
                        // Open: c == -1 with a positive product of at least 2^64 (the code throws), which neither
                        // the default nor the bit-blasting solver settled in 30 s under load.
                        final boolean open = !small && divisor.name().equals("c == -1") && aNegative == bNegative;
                        cases.add(new MulDivCase(signs + ", a·b does not fit a long, |a·b| " +
                            (small ? "<" : ">=") + " 2^64·|c|", java -> java.and(signGuard.on(java),
                            java.not(java.fitsLong(product(java))),
                            java.equal(quotientBelowTwoTo64(java), java.truth(small))), open));
                    }
                }
            }
        }
        return cases;
    }

    private static BitVecExpr product(final JavaLongSemantics java)
    {
        return java.exactProduct(java.variable("a"), java.variable("b"));
    }

    /**
     * {@code |a·b| < 2^64·|c|}: the high word of the product's magnitude below the divisor's magnitude, unsigned.
     */
    private static BoolExpr quotientBelowTwoTo64(final JavaLongSemantics java)
    {
        final BitVecExpr magnitude = java.absolute(product(java));
        final BitVecExpr divisorMagnitude = java.unsigned(java.ite(java.isNegative(c(java)),
            java.negate(c(java)), c(java)));
        return java.lessThan(magnitude, java.context().mkBVSHL(divisorMagnitude,
            java.wideConstant(JavaLongSemantics.LONG_BITS)));
    }

    private static BitVecExpr c(final JavaLongSemantics java)
    {
        return java.variable("c");
    }

    @Override
    public String toString()
    {
        return name;
    }
}
