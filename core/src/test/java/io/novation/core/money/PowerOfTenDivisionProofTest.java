package io.novation.core.money;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.IntSort;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import io.novation.core.money.JavaLongSemantics.ProofResult;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Z3 proofs that {@link PowerOfTenDivision#divideUnsigned} (a multiply-high by a reciprocal and shifts) is the
 * truncated quotient {@code ⌊n / 10^k⌋} of every unsigned 64-bit dividend {@code n}, with the class's own reciprocal
 * and shift tables, for every exponent {@code k} from 1 to 18.
 * <p>
 * Each Java operation is stated by its exact integer definition ({@code >>>} of a non-negative value and
 * {@code Math.multiplyHigh} as floors of exact quotients by powers of two, {@code +} modulo 2^64), so the proof is
 * exact for every input; with the reciprocal a constant, every product is by a constant and the query is linear
 * integer arithmetic. (Bit-blasting the same statements, a 64-by-64-bit multiplier against the specification,
 * returned "unknown" within the limit.)
 */
public class PowerOfTenDivisionProofTest
{
    @Test
    void shouldDivideEveryUnsignedDividendByEveryPowerOfTenExactly()
    {
        for (int digits = 1; digits <= FixedPoint.MAX_POW10_EXPONENT; digits++)
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
            final IntExpr n = z3.mkIntConst("n");
            final IntExpr shifted = z3.mkIntConst("shifted");
            final IntExpr multiplyHigh = z3.mkIntConst("multiplyHigh");
            final IntExpr wraps = z3.mkIntConst("wraps");
            final IntExpr high = z3.mkIntConst("high");
            final IntExpr quotient = z3.mkIntConst("quotient");
            final List<BoolExpr> code = new ArrayList<>();

            // unsignedDividend, read as unsigned: 0 <= n < 2^64
            code.add(within(z3, n, z3.mkInt(0), integer(z3, TWO_TO_64)));
            // final long shifted = unsignedDividend >>> k;  (n >= 0: the floor of n / 2^k)
            code.add(isFloor(z3, shifted, n, BigInteger.ONE.shiftLeft(digits)));
            // Math.multiplyHigh(shifted, magic): the floor of the exact signed product over 2^64
            code.add(isFloor(z3, multiplyHigh, z3.mkMul(shifted, integer(z3, BigInteger.valueOf(magic))), TWO_TO_64));
            // + ((magic >> 63) & shifted): shifted when the magic's sign bit is set; the long sum wraps modulo 2^64
            final ArithExpr<IntSort> correction = magic < 0 ? shifted : z3.mkInt(0);
            code.add(z3.mkEq(high, z3.mkSub(z3.mkAdd(multiplyHigh, correction),
                z3.mkMul(wraps, integer(z3, TWO_TO_64)))));
            code.add(within(z3, high, integer(z3, BigInteger.valueOf(Long.MIN_VALUE)),
                integer(z3, BigInteger.ONE.shiftLeft(63))));
            // return high >>> SHIFT[k];  (high read as unsigned)
            final ArithExpr<IntSort> unsignedHigh = (ArithExpr<IntSort>)z3.mkITE(z3.mkLt(high, z3.mkInt(0)),
                z3.mkAdd(high, integer(z3, TWO_TO_64)), high);
            code.add(isFloor(z3, quotient, unsignedHigh, BigInteger.ONE.shiftLeft(shift)));

            final BoolExpr claim = isFloor(z3, quotient, n, BigInteger.TEN.pow(digits));

            final Solver solver = z3.mkSolver();
            final Params params = z3.mkParams();
            params.add("timeout", FixedPointProofTest.TIMEOUT_MILLIS);
            solver.setParameters(params);
            code.forEach(solver::add);
            solver.add(z3.mkNot(claim));
            final long start = System.nanoTime();
            final Status status = solver.check();
            final long elapsed = (System.nanoTime() - start) / 1_000_000;
            final String counterexample = status == Status.SATISFIABLE ?
                "  n = " + solver.getModel().eval(n, true) + "\n" : "";
            return new ProofResult("PowerOfTenDivision.divideUnsigned(n, " + digits + ")" +
                (magicError == 0 ? "" : " with the reciprocal off by " + magicError), status, elapsed,
                counterexample);
        }
    }

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static IntNum integer(final Context z3, final BigInteger value)
    {
        return z3.mkInt(value.toString());
    }

    private static BoolExpr within(final Context z3, final ArithExpr<IntSort> value, final ArithExpr<IntSort> low,
        final ArithExpr<IntSort> highExclusive)
    {
        return z3.mkAnd(z3.mkLe(low, value), z3.mkLt(value, highExclusive));
    }

    /**
     * {@code q = ⌊x / d⌋} for a positive constant {@code d}: {@code q·d <= x < q·d + d}.
     */
    private static BoolExpr isFloor(final Context z3, final ArithExpr<IntSort> q, final ArithExpr<IntSort> x,
        final BigInteger d)
    {
        final ArithExpr<IntSort> qd = z3.mkMul(q, integer(z3, d));
        return z3.mkAnd(z3.mkLe(qd, x), z3.mkLt(x, z3.mkAdd(qd, integer(z3, d))));
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
