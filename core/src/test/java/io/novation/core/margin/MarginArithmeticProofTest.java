package io.novation.core.margin;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Params;
import com.microsoft.z3.RealExpr;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import io.novation.core.money.FixedPointEncoding;
import io.novation.core.money.FixedPointProofTest;
import io.novation.core.money.FixedPointEncoding.Mutation;
import io.novation.core.money.FixedPointEncoding.Truncation;
import io.novation.core.money.JavaLongSemantics;
import io.novation.core.money.JavaLongSemantics.Mode;
import io.novation.core.money.JavaLongSemantics.Outcome;
import io.novation.core.money.JavaLongSemantics.ProofResult;
import io.novation.core.money.RoundedQuotientSpecification;
import io.novation.core.money.Rounding;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Z3 proofs of the identities and the monotonicity the perpetual margin rule relies on, in quote quantums: the
 * magnitude a requirement is taken from is the notional rounded away from zero on both sides
 * ({@link MarginCalculator#position}); the maintenance requirement {@code ceil(ceil(|size|·price·10^e)·mmf / 10^6)}
 * never rises when |size| falls on the same side at the same price and fraction; and the risk-reducing test of
 * {@link MarginFigures#isAllowedTransition}, which cross-multiplies, is the comparison of the ratios NC/MMR.
 * <p>
 * The bit-level steps ({@code FixedPoint} returns these rounded values or throws) are proved in
 * {@code FixedPointProofTest}; the integer and real steps here take those values as exact integers.
 */
class MarginArithmeticProofTest
{
    private static final int TIMEOUT_MILLIS = 60_000;

    @Test
    void shouldTakeAShortsMagnitudeAsItsNotionalRoundedUp()
    {
        for (final int digits : FixedPointProofTest.provedDigits())
        {
            try (JavaLongSemantics java = new JavaLongSemantics(Mode.PROOF))
            {
                final FixedPointEncoding code = new FixedPointEncoding(java, Mutation.NONE);
                final RoundedQuotientSpecification specification = new RoundedQuotientSpecification(java);
                final BitVecExpr size = java.variable("size");
                final BitVecExpr price = java.variable("price");
                final BigInteger powerOfTen = BigInteger.TEN.pow(digits);

                // MarginCalculator.position, size < 0: value = notional(size, price, DOWN) (mulScaleByPow10 ->
                // mulDivByPowerOfTen for exponent -digits); magnitude = Math.absExact(value).
                final Outcome value = code.mulDivByPowerOfTen(size, price, digits, Rounding.DOWN);
                final Outcome magnitude = java.ite(value.thrown(), java.throwing(),
                    java.ite(java.equal(value.value(), java.constant(Long.MIN_VALUE)), java.throwing(),
                        java.returning(java.negate(value.value()))));

                // Claim: magnitude = ceil(-(size·price) / 10^digits), or it throws exactly when that does not fit.
                final Truncation truncation = code.mulDivByPowerOfTenTruncation(size, price, digits);
                final BoolExpr claim = specification.computesRoundedQuotient(magnitude, Rounding.UP,
                    java.wideNegate(java.exactProduct(size, price)), java.wideConstant(powerOfTen),
                    new Truncation(java.wideNegate(truncation.quotient()), java.wideNegate(truncation.product())));
                final BoolExpr domain = java.and(java.isNegative(size), java.not(java.isNegative(price)));

                assertProved(java.prove("short magnitude |notional(size, price, -" + digits +
                    ", DOWN)| == ceil(|size|·price / 10^" + digits + ")", domain, claim, TIMEOUT_MILLIS));
            }
        }
    }

    @Test
    void shouldNeverRaiseTheMaintenanceRequirementWhenASizeShrinksOnItsSide()
    {
        try (Context z3 = new Context())
        {
            final IntExpr smaller = z3.mkIntConst("smallerSize");
            final IntExpr larger = z3.mkIntConst("largerSize");
            final IntExpr price = z3.mkIntConst("price");
            final IntExpr scale = z3.mkIntConst("scaleNumerator");
            final IntExpr divisor = z3.mkIntConst("scaleDivisor");
            final IntExpr mmf = z3.mkIntConst("mmfPpm");

            // magnitude = ceil(|size|·price·scale / divisor) covers every exponent (10^e = scale / divisor), both
            // sides (shouldTakeAShortsMagnitudeAsItsNotionalRoundedUp); the requirement is
            // ceil(magnitude·mmf / 10^6) (PerpetualMath.requirement with Rounding.UP).
            final BoolExpr domain = z3.mkAnd(
                z3.mkLe(z3.mkInt(0), smaller), z3.mkLe(smaller, larger), z3.mkGe(price, z3.mkInt(0)),
                z3.mkGe(scale, z3.mkInt(1)), z3.mkGe(divisor, z3.mkInt(1)),
                z3.mkGe(mmf, z3.mkInt(0)), z3.mkLe(mmf, z3.mkInt(1_000_000)));
            final BoolExpr claim = z3.mkLe(
                requirement(z3, smaller, price, scale, divisor, mmf),
                requirement(z3, larger, price, scale, divisor, mmf));

            assertProved(prove(z3, "maintenance requirement is monotone in |size|", domain, claim));
        }
    }

    @Test
    void shouldDecideTheRiskReducingTransitionAsTheRatioComparison()
    {
        try (JavaLongSemantics java = new JavaLongSemantics(Mode.PROOF))
        {
            final FixedPointEncoding code = new FixedPointEncoding(java, Mutation.NONE);
            final BitVecExpr initialBefore = java.variable("ncInitialBefore");
            final BitVecExpr imrBefore = java.variable("imrBefore");
            final BitVecExpr ncBefore = java.variable("ncMaintenanceBefore");
            final BitVecExpr mmrBefore = java.variable("mmrBefore");
            final BitVecExpr initialAfter = java.variable("ncInitialAfter");
            final BitVecExpr imrAfter = java.variable("imrAfter");
            final BitVecExpr ncAfter = java.variable("ncMaintenanceAfter");
            final BitVecExpr mmrAfter = java.variable("mmrAfter");

            // MarginFigures.isAllowedTransition, line by line.
            final BoolExpr crossMultiplied = java.not(java.isNegative(
                code.compareProducts(ncAfter, mmrBefore, ncBefore, mmrAfter)));
            final BoolExpr allowed = java.ite(java.lessOrEqual(imrAfter, initialAfter), java.truth(true),
                java.ite(java.lessOrEqual(imrBefore, initialBefore), java.truth(false),
                    java.ite(java.or(java.isZero(mmrBefore), java.isZero(mmrAfter)),
                        java.and(java.equal(mmrBefore, mmrAfter), java.lessThan(ncBefore, ncAfter)),
                        java.ite(java.lessThan(mmrBefore, mmrAfter), java.truth(false), crossMultiplied))));

            // Specification: NC_after * MMR_before >= NC_before * MMR_after on the exact products, reached only with
            // both requirements positive (requirements are never negative), which the real proof below turns into
            // NC_after / MMR_after >= NC_before / MMR_before.
            final BitVecExpr left = java.exactProduct(ncAfter, mmrBefore);
            final BitVecExpr right = java.exactProduct(ncBefore, mmrAfter);
            final BoolExpr bothPositive = java.and(java.lessThan(java.constant(0), mmrBefore),
                java.lessThan(java.constant(0), mmrAfter));
            final BoolExpr specification = java.or(
                java.lessOrEqual(imrAfter, initialAfter),
                java.and(java.lessThan(initialBefore, imrBefore),
                    java.or(
                        java.and(java.isZero(mmrBefore), java.isZero(mmrAfter), java.lessThan(ncBefore, ncAfter)),
                        java.and(bothPositive, java.lessOrEqual(mmrAfter, mmrBefore), java.lessOrEqual(right, left)))));
            final BoolExpr domain = java.and(java.not(java.isNegative(mmrBefore)), java.not(java.isNegative(mmrAfter)));

            assertProved(java.prove("isAllowedTransition == exact cross-multiplied comparison", domain,
                java.equal(allowed, specification), TIMEOUT_MILLIS));
        }
        try (Context z3 = new Context())
        {
            final RealExpr ncAfter = z3.mkRealConst("ncAfter");
            final RealExpr ncBefore = z3.mkRealConst("ncBefore");
            final RealExpr mmrAfter = z3.mkRealConst("mmrAfter");
            final RealExpr mmrBefore = z3.mkRealConst("mmrBefore");
            final BoolExpr domain = z3.mkAnd(z3.mkGt(mmrAfter, z3.mkReal(0)), z3.mkGt(mmrBefore, z3.mkReal(0)));
            final BoolExpr claim = z3.mkEq(
                z3.mkGe(z3.mkMul(ncAfter, mmrBefore), z3.mkMul(ncBefore, mmrAfter)),
                z3.mkGe(z3.mkDiv(ncAfter, mmrAfter), z3.mkDiv(ncBefore, mmrBefore)));

            assertProved(prove(z3, "cross multiplication == ratio comparison for positive requirements", domain,
                claim));
        }
    }

    @Test
    void shouldHoldTheProductFactsTheEncodingAssumes()
    {
        try (Context z3 = new Context())
        {
            final IntExpr x = z3.mkIntConst("x");
            final IntExpr y = z3.mkIntConst("y");
            final ArithExpr<?> p = z3.mkMul(x, y);
            final BoolExpr bothNonZero = z3.mkAnd(z3.mkNot(z3.mkEq(x, z3.mkInt(0))), z3.mkNot(z3.mkEq(y, z3.mkInt(0))));
            final BoolExpr claim = z3.mkAnd(
                z3.mkEq(z3.mkEq(p, z3.mkInt(0)), z3.mkNot(bothNonZero)),
                z3.mkImplies(bothNonZero, z3.mkEq(z3.mkLt(p, z3.mkInt(0)),
                    z3.mkNot(z3.mkEq(z3.mkLt(x, z3.mkInt(0)), z3.mkLt(y, z3.mkInt(0)))))),
                z3.mkImplies(z3.mkEq(y, z3.mkInt(1)), z3.mkEq(p, x)),
                z3.mkImplies(z3.mkEq(y, z3.mkInt(-1)), z3.mkEq(p, z3.mkUnaryMinus(x))),
                z3.mkImplies(z3.mkEq(x, z3.mkInt(1)), z3.mkEq(p, y)),
                z3.mkImplies(z3.mkEq(x, z3.mkInt(-1)), z3.mkEq(p, z3.mkUnaryMinus(y))),
                z3.mkImplies(bothNonZero, z3.mkGe(abs(z3, p), abs(z3, x))),
                z3.mkImplies(bothNonZero, z3.mkGe(abs(z3, p), abs(z3, y))),
                z3.mkImplies(bothNonZero, z3.mkGe(abs(z3, p),
                    z3.mkSub(z3.mkAdd(abs(z3, x), abs(z3, y)), z3.mkInt(1)))));
            final BigInteger limit = BigInteger.ONE.shiftLeft(64);
            final BoolExpr factorsOfAtMostTwoTo64 = z3.mkAnd(
                z3.mkLe(abs(z3, x), z3.mkInt(limit.toString())), z3.mkLe(abs(z3, y), z3.mkInt(limit.toString())));
            final BoolExpr bounded = z3.mkLe(abs(z3, p), z3.mkInt(JavaLongSemantics.UNSIGNED_PRODUCT_BOUND.toString()));

            assertProved(prove(z3, "sign and magnitude facts of a product", z3.mkTrue(), claim));
            assertProved(prove(z3, "products of factors up to 2^64 stay within 2^128", factorsOfAtMostTwoTo64,
                bounded));
        }
    }

    private static ArithExpr<?> requirement(final Context z3, final IntExpr size, final IntExpr price,
        final IntExpr scale, final IntExpr divisor, final IntExpr mmf)
    {
        final ArithExpr<?> magnitude = ceilingDivide(z3, z3.mkMul(size, price, scale), divisor);
        return ceilingDivide(z3, z3.mkMul(magnitude, mmf), z3.mkInt(1_000_000));
    }

    /** {@code ceil(n / d)} for {@code d > 0}: {@code -floor(-n / d)} (SMT-LIB div is the floor for d > 0). */
    @SuppressWarnings("unchecked")
    private static ArithExpr<?> ceilingDivide(final Context z3, final ArithExpr<?> n, final ArithExpr<?> d)
    {
        return z3.mkUnaryMinus(z3.mkDiv((ArithExpr<com.microsoft.z3.IntSort>)z3.mkUnaryMinus(n),
            (ArithExpr<com.microsoft.z3.IntSort>)d));
    }

    @SuppressWarnings("unchecked")
    private static ArithExpr<?> abs(final Context z3, final ArithExpr<?> value)
    {
        return (ArithExpr<?>)z3.mkITE(z3.mkLt(value, z3.mkInt(0)), z3.mkUnaryMinus(value), value);
    }

    private static ProofResult prove(final Context z3, final String name, final BoolExpr domain, final BoolExpr claim)
    {
        final Solver solver = z3.mkSolver();
        final Params params = z3.mkParams();
        params.add("timeout", TIMEOUT_MILLIS);
        solver.setParameters(params);
        solver.add(domain);
        solver.add(z3.mkNot(claim));
        final long start = System.nanoTime();
        final Status status = solver.check();
        final long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new ProofResult(name, status, elapsed,
            status == Status.SATISFIABLE ? solver.getModel().toString() : "");
    }

    private static void assertProved(final ProofResult result)
    {
        System.out.println(result);
        assertThat(result.proved()).as(result.toString()).isTrue();
    }
}
