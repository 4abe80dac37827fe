package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import io.novation.core.money.JavaLongSemantics.Outcome;

/**
 * What a rounded quotient of exact integers {@code n / d} is, independent of any code: the {@link Rounding}'s
 * defining inequalities on {@code f·d} and {@code n}, and whether the rounded value fits a long, in the unit of
 * {@code n / d}.
 * <p>
 * Floor: {@code f·d <= n < f·d + d} for {@code d > 0} (reversed for {@code d < 0}); ceiling:
 * {@code f·d - d < n <= f·d}; toward zero is the floor of a non-negative quotient and the ceiling of a negative one;
 * away from zero the other way round.
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
     * <p>
     * The rounded quotient is within one of the truncated quotient {@code q}, so the candidates are {@code q - 1},
     * {@code q} and {@code q + 1}, whose products with {@code d} are {@code q·d - d}, {@code q·d} and
     * {@code q·d + d}:
     * no unknown is multiplied by another.
     *
     * @param outcome    the encoded method.
     * @param rounding   the rounding it was asked for.
     * @param n          exact dividend.
     * @param d          exact divisor.
     * @param truncation the truncated quotient of {@code n / d} and its exact product with {@code d}.
     * @return the claim.
     */
    public BoolExpr computesRoundedQuotient(final Outcome outcome, final Rounding rounding, final BitVecExpr n,
        final BitVecExpr d, final FixedPointEncoding.Truncation truncation)
    {
        final BitVecExpr q = truncation.quotient();
        final BitVecExpr qd = truncation.product();
        final BitVecExpr f = java.signed(outcome.value());
        final BitVecExpr one = java.wideConstant(1);
        final BoolExpr returnsRounded = java.or(
            java.and(java.equal(f, java.wideSubtract(q, one)), isRounded(rounding, n, d, java.wideSubtract(qd, d))),
            java.and(java.equal(f, q), isRounded(rounding, n, d, qd)),
            java.and(java.equal(f, java.wideAdd(q, one)), isRounded(rounding, n, d, java.wideAdd(qd, d))));
        final BoolExpr roundedFits = java.or(
            java.and(isRounded(rounding, n, d, java.wideSubtract(qd, d)), java.fitsLong(java.wideSubtract(q, one))),
            java.and(isRounded(rounding, n, d, qd), java.fitsLong(q)),
            java.and(isRounded(rounding, n, d, java.wideAdd(qd, d)), java.fitsLong(java.wideAdd(q, one))));
        return java.and(
            java.implies(java.not(outcome.thrown()), returnsRounded),
            java.equal(outcome.thrown(), java.or(java.isZero(d), java.not(roundedFits))));
    }

    /**
     * Whether {@code f} is {@code n / d} rounded as asked, given {@code fd = f·d}.
     */
    public BoolExpr isRounded(final Rounding rounding, final BitVecExpr n, final BitVecExpr d, final BitVecExpr fd)
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
}
