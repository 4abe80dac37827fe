package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import io.novation.core.money.JavaLongSemantics.ProofResult;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bit-precise Z3 proofs that {@link PowerOfTenDivision#divideUnsigned} (a multiply-high by a reciprocal and shifts)
 * is the truncated quotient {@code ⌊n / 10^k⌋} of every unsigned 64-bit dividend {@code n}, with the class's own
 * reciprocal and shift tables; the exponents are those of {@link FixedPointProofTest#provedDigits()}.
 * <p>
 * The quotient is specified without a divider, by {@code q·10^k <= n < (q + 1)·10^k} over 128 bits, and the code's
 * multiply-high is a product by a constant: every term is a shift-and-add circuit, which bit-blasting ({@code qfbv})
 * decides.
 */
public class PowerOfTenDivisionProofTest
{
    private static final int WIDE = 128;

    @Test
    void shouldDivideEveryUnsignedDividendByTheProvedPowersOfTenExactly()
    {
        for (final int digits : FixedPointProofTest.provedDigits())
        {
            final ProofResult result = proveDivideUnsigned(digits, 0);
            System.out.println(result);
            assertThat(result.proved()).as(result.toString()).isTrue();
        }
    }

    @Test
    void shouldFindACounterexampleWhenTheReciprocalIsOneTooSmall()
    {
        final ProofResult result = proveDivideUnsigned(6, -1);

        System.out.println("planted bug, " + result);
        assertThat(result.proved()).isFalse();
        assertThat(result.counterexample()).contains("n = ");
    }

    /**
     * Proves {@code divideUnsigned(n, digits) == ⌊n / 10^digits⌋} for every unsigned {@code n}.
     *
     * @param digits     the exponent.
     * @param magicError added to the class's reciprocal (0 for the real code; otherwise a planted bug).
     * @return the result.
     */
    static ProofResult proveDivideUnsigned(final int digits, final long magicError)
    {
        final long magic = table("MAGIC", long[].class)[digits] + magicError;
        final int shift = table("SHIFT", int[].class)[digits];
        try (Context z3 = new Context())
        {
            final BitVecExpr n = z3.mkBVConst("n", 64);

            // final long shifted = unsignedDividend >>> k;
            final BitVecExpr shifted = z3.mkBVLSHR(n, z3.mkBV(digits, 64));
            // Math.multiplyHigh(shifted, magic): bits 64..127 of the signed 128-bit product
            final BitVecExpr signedProduct = z3.mkBVMul(z3.mkSignExt(64, shifted), z3.mkBV(signedWide(magic).toString(), WIDE));
            final BitVecExpr multiplyHigh = z3.mkExtract(127, 64, signedProduct);
            // + ((magic >> 63) & shifted)
            final BitVecExpr high = z3.mkBVAdd(multiplyHigh, z3.mkBVAND(z3.mkBV(magic >> 63, 64), shifted));
            // return high >>> SHIFT[k];
            final BitVecExpr quotient = z3.mkBVLSHR(high, z3.mkBV(shift, 64));

            final BitVecExpr q = z3.mkZeroExt(64, quotient);
            final BitVecExpr dividend = z3.mkZeroExt(64, n);
            final BitVecExpr powerOfTen = z3.mkBV(BigInteger.TEN.pow(digits).toString(), WIDE);
            final BitVecExpr qTimesPower = z3.mkBVMul(q, powerOfTen);
            final BoolExpr claim = z3.mkAnd(z3.mkBVULE(qTimesPower, dividend),
                z3.mkBVULT(dividend, z3.mkBVAdd(qTimesPower, powerOfTen)));

            final Solver solver = z3.mkTactic("qfbv").getSolver();
            final Params params = z3.mkParams();
            params.add("timeout", FixedPointProofTest.TIMEOUT_MILLIS);
            solver.setParameters(params);
            solver.add(z3.mkNot(claim));
            final long start = System.nanoTime();
            final Status status = solver.check();
            final long elapsed = (System.nanoTime() - start) / 1_000_000;
            final String counterexample = status == Status.SATISFIABLE ?
                "  n = " + Long.toUnsignedString(Long.parseUnsignedLong(
                    solver.getModel().eval(n, true).toString())) + "\n" : "";
            return new ProofResult("PowerOfTenDivision.divideUnsigned(n, " + digits + ")" +
                (magicError == 0 ? "" : " with the reciprocal off by " + magicError), status, elapsed,
                counterexample);
        }
    }

    private static BigInteger signedWide(final long value)
    {
        final BigInteger signed = BigInteger.valueOf(value);
        return signed.signum() < 0 ? signed.add(BigInteger.ONE.shiftLeft(WIDE)) : signed;
    }

    private static <T> T table(final String name, final Class<T> type)
    {
        try
        {
            final Field field = PowerOfTenDivision.class.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(null));
        }
        catch (final ReflectiveOperationException e)
        {
            throw new IllegalStateException("PowerOfTenDivision." + name, e);
        }
    }
}
