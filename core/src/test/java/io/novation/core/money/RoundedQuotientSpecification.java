package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import io.novation.core.money.JavaLongSemantics.Outcome;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a rounded quotient of exact integers {@code n / d} is, independent of any code: the {@link Rounding}'s
 * defining inequalities on {@code f·d} and {@code n}, and whether the rounded value fits a long, in the unit of
 * {@code n / d}.
 * <p>
 * Floor: {@code f·d <= n < f·d + d} for {@code d > 0} (reversed for {@code d < 0}); ceiling:
 * {@code f·d - d < n <= f·d}; toward zero is the floor of a non-negative quotient and the ceiling of a negative one;
 * away from zero the other way round. The rounded value fits a long when the exact quotient lies in the matching
 * interval ({@code [MIN, MAX + 1)} for floor, {@code (MIN - 1, MAX]} for ceiling), decided by comparing {@code n} with
 * the constant multiples {@code K·d}, so no unknown is multiplied by another.
 */
public final class RoundedQuotientSpecification
{
    private final JavaLongSemantics java;

    public RoundedQuotientSpecification(final JavaLongSemantics java)
    {
        this.java = java;
    }

    /**
     * The claim that an encoded method computes the rounded quotient: when it returns, the value is the quotient
     * rounded as asked; it throws exactly when the divisor is zero or the rounded quotient does not fit a long.
     *
     * @param outcome  the encoded method.
     * @param rounding the rounding it was asked for.
     * @param n        exact dividend.
     * @param d        exact divisor.
     * @param times    the exact product {@code f·d} of a candidate {@code f}, with any side condition it needs.
     * @return the claim.
     */
    public BoolExpr computesRoundedQuotient(final Outcome outcome, final Rounding rounding, final BitVecExpr n,
        final BitVecExpr d, final ProductWithDivisor times)
    {
        final BitVecExpr f = java.signed(outcome.value());
        final BoolExpr returned = java.and(times.sideCondition().apply(f),
            isRounded(rounding, n, d, f, times.product().apply(f)));
        return java.and(
            java.implies(java.not(outcome.thrown()), returned),
            java.equal(outcome.thrown(), java.or(java.isZero(d), java.not(fitsLong(rounding, n, d)))));
    }

    /**
     * Whether {@code f} is {@code n / d} rounded as asked, given {@code fd = f·d}.
     */
    public BoolExpr isRounded(final Rounding rounding, final BitVecExpr n, final BitVecExpr d, final BitVecExpr f,
        final BitVecExpr fd)
    {
        final BoolExpr floor = isFloor(n, d, fd);
        final BoolExpr ceiling = isCeiling(n, d, fd);
        final BoolExpr nonNegative = nonNegativeQuotient(n, d);
        return switch (rounding)
        {
            case DOWN -> floor;
            case UP -> ceiling;
            case TOWARD_ZERO -> java.ite(nonNegative, floor, ceiling);
            case AWAY_FROM_ZERO -> java.ite(nonNegative, ceiling, floor);
        };
    }

    /**
     * Whether {@code n / d}, rounded as asked, is within {@code [Long.MIN_VALUE, Long.MAX_VALUE]}.
     */
    public BoolExpr fitsLong(final Rounding rounding, final BitVecExpr n, final BitVecExpr d)
    {
        // 2^63·d is a shift; MIN = -2^63, MAX + 1 = 2^63, MIN - 1 = -2^63 - 1, MAX = 2^63 - 1.
        final BitVecExpr twoTo63d = java.wideShiftLeft(d, 63);
        final BitVecExpr minD = java.wideNegate(twoTo63d);
        final BoolExpr floorFits = java.and(quotientAtLeast(n, d, minD), java.not(quotientAtLeast(n, d, twoTo63d)));
        final BoolExpr ceilingFits = java.and(quotientAbove(n, d, java.wideSubtract(minD, d)),
            java.not(quotientAbove(n, d, java.wideSubtract(twoTo63d, d))));
        final BoolExpr nonNegative = nonNegativeQuotient(n, d);
        return switch (rounding)
        {
            case DOWN -> floorFits;
            case UP -> ceilingFits;
            case TOWARD_ZERO -> java.ite(nonNegative, floorFits, ceilingFits);
            case AWAY_FROM_ZERO -> java.ite(nonNegative, ceilingFits, floorFits);
        };
    }

    private BoolExpr isFloor(final BitVecExpr n, final BitVecExpr d, final BitVecExpr fd)
    {
        final BoolExpr positive = java.isNegative(java.wideNegate(d));
        return java.ite(positive,
            java.and(java.lessOrEqual(fd, n), java.lessThan(n, java.wideAdd(fd, d))),
            java.and(java.lessOrEqual(n, fd), java.lessThan(java.wideAdd(fd, d), n)));
    }

    private BoolExpr isCeiling(final BitVecExpr n, final BitVecExpr d, final BitVecExpr fd)
    {
        final BoolExpr positive = java.isNegative(java.wideNegate(d));
        return java.ite(positive,
            java.and(java.lessOrEqual(n, fd), java.lessThan(java.wideSubtract(fd, d), n)),
            java.and(java.lessOrEqual(fd, n), java.lessThan(n, java.wideSubtract(fd, d))));
    }

    private BoolExpr nonNegativeQuotient(final BitVecExpr n, final BitVecExpr d)
    {
        return java.or(java.isZero(n), java.equal(java.isNegative(n), java.isNegative(d)));
    }

    /** {@code n / d >= k} for {@code d != 0}, given {@code kd = k·d}. */
    private BoolExpr quotientAtLeast(final BitVecExpr n, final BitVecExpr d, final BitVecExpr kd)
    {
        return java.ite(java.isNegative(d), java.lessOrEqual(n, kd), java.lessOrEqual(kd, n));
    }

    /** {@code n / d > k} for {@code d != 0}, given {@code kd = k·d}. */
    private BoolExpr quotientAbove(final BitVecExpr n, final BitVecExpr d, final BitVecExpr kd)
    {
        return java.ite(java.isNegative(d), java.lessThan(n, kd), java.lessThan(kd, n));
    }

    /**
     * How the specification multiplies a candidate by the divisor.
     *
     * @param product       {@code f -> f·d}, exact.
     * @param sideCondition {@code f ->} the condition under which {@code product} is exact.
     */
    public record ProductWithDivisor(UnaryOperator<BitVecExpr> product,
        Function<BitVecExpr, BoolExpr> sideCondition)
    {
    }

    /**
     * For any divisor: {@code f·d} expanded around a truncated quotient {@code q} with known exact
     * {@code q·d}: {@code f·d = q·d + (f - q)·d}, exact when {@code f - q} is -1, 0 or 1 (the side condition, which a
     * rounded quotient always meets).
     */
    public ProductWithDivisor aroundQuotient(final BitVecExpr d, final BitVecExpr q, final BitVecExpr qd)
    {
        return new ProductWithDivisor(
            f ->
            {
                final BitVecExpr delta = java.wideSubtract(f, q);
                return java.ite(java.isZero(delta), qd,
                    java.ite(java.equal(delta, java.wideConstant(1)), java.wideAdd(qd, d), java.wideSubtract(qd, d)));
            },
            f ->
            {
                final BitVecExpr delta = java.wideSubtract(f, q);
                return java.or(java.isZero(delta), java.equal(delta, java.wideConstant(1)),
                    java.equal(delta, java.wideConstant(-1)));
            });
    }
}
