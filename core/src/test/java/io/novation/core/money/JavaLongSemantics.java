package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BitVecNum;
import com.microsoft.z3.BitVecSort;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.FuncDecl;
import com.microsoft.z3.Model;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Sort;
import com.microsoft.z3.Status;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Z3 encoding of Java {@code long} arithmetic (64-bit two's complement bit-vectors, wrapping {@code +}, {@code -},
 * {@code *}, {@link Math#multiplyHigh}) and of the division primitives {@link FixedPoint} is built on, in units of
 * the encoded values themselves (quantums, ppm, price values).
 * <p>
 * Exact values (products, quotients before they are narrowed to a long) are {@value #WIDE_BITS}-bit signed
 * bit-vectors, wide enough that no sum or product of the encoded proofs wraps.
 * <p>
 * Division by a value the solver does not know is hard for a SAT-based solver at 64 bits (a 64-bit divider against a
 * 64-bit multiplier does not finish in minutes), so in {@link Mode#PROOF} each division primitive is replaced by its
 * contract: a fresh truncated quotient {@code q} and remainder {@code r} with {@code n = q·d + r} exactly,
 * {@code |r| < |d|} and {@code r} of the sign of {@code n} (JLS §15.17.2 for {@code /}, the Javadoc of
 * {@link Int128#divideUnsigned128} and {@link PowerOfTenDivision#divideUnsigned} for those), where the exact product
 * {@code q·d} is itself a fresh value carrying only the sign and magnitude facts every integer product has. A proof
 * under these contracts holds for every implementation of the primitives that meets them; the primitives' own
 * correctness is the business of {@code PowerOfTenDivisionTest} and {@code FixedPointPropertiesTest}. In
 * {@link Mode#EVALUATION} the same formulas are built with the primitives interpreted exactly (Z3's own dividers and
 * multipliers), so that concrete inputs give one concrete outcome to compare with the Java method.
 */
public final class JavaLongSemantics implements AutoCloseable
{
    /**
     * Width of a Java {@code long}.
     */
    public static final int LONG_BITS = 64;

    /**
     * Width of the exact intermediates.
     */
    public static final int WIDE_BITS = 136;

    /**
     * Width of the fresh exact values (quotients, remainders, products) before sign extension.
     */
    public static final int FRESH_BITS = 130;

    /**
     * How division primitives and full products are encoded.
     */
    /**
     * The largest magnitude of a product of two longs: {@code Long.MIN_VALUE²}.
     */
    public static final BigInteger LONG_PRODUCT_BOUND = BigInteger.ONE.shiftLeft(126);

    /**
     * A bound on the product of two unsigned 64-bit words.
     */
    public static final BigInteger UNSIGNED_PRODUCT_BOUND = BigInteger.ONE.shiftLeft(128);

    public enum Mode
    {
        /**
         * By their contracts, for proofs over all inputs.
         */
        PROOF,

        /**
         * Exactly, for evaluation on concrete inputs.
         */
        EVALUATION
    }

    /**
     * A truncated quotient with its remainder and the exact product of the quotient and the divisor, all exact
     * (wide, signed) except {@code quotient}, which is the 64-bit word the Java code receives.
     *
     * @param quotient      the primitive's result, a 64-bit word.
     * @param exactQuotient the quotient as an exact integer (wide).
     * @param remainder     the exact remainder (wide).
     * @param exactProduct  the exact product quotient times divisor (wide).
     */
    public record Division(BitVecExpr quotient, BitVecExpr exactQuotient, BitVecExpr remainder,
        BitVecExpr exactProduct)
    {
    }

    /**
     * The result of an encoded Java method: the value returned unless {@code thrown} holds, in which case the method
     * threw {@link ArithmeticException}.
     *
     * @param value  the 64-bit value returned.
     * @param thrown whether the method threw instead.
     */
    public record Outcome(BitVecExpr value, BoolExpr thrown)
    {
    }

    /**
     * What a proof found.
     *
     * @param name           proof name.
     * @param status         UNSATISFIABLE when the claim holds for every input.
     * @param milliseconds   solver time.
     * @param counterexample the model of a counterexample, or empty.
     */
    public record ProofResult(String name, Status status, long milliseconds, String counterexample)
    {
        /**
         * Whether the claim was proved.
         *
         * @return true when no counterexample exists.
         */
        public boolean proved()
        {
            return status == Status.UNSATISFIABLE;
        }

        @Override
        public String toString()
        {
            return name + ": " + (proved() ? "proved" : status) + " in " + milliseconds + " ms" +
                (counterexample.isEmpty() ? "" : "\ncounterexample:\n" + counterexample);
        }
    }

    private final Context context = new Context();
    private final Mode mode;
    private final List<BoolExpr> facts = new ArrayList<>();
    private int freshCount;
    private FuncDecl<BitVecSort> timesFunction;

    /**
     * Creates an encoding.
     *
     * @param mode how primitives are encoded.
     */
    public JavaLongSemantics(final Mode mode)
    {
        this.mode = mode;
    }

    public Context context()
    {
        return context;
    }

    public Mode mode()
    {
        return mode;
    }

    /**
     * The facts the encoded primitives added (contracts, product facts), assumed by every proof.
     *
     * @return the facts so far.
     */
    public List<BoolExpr> facts()
    {
        return facts;
    }

    // ---- values ----

    public BitVecExpr constant(final long value)
    {
        return context.mkBV(value, LONG_BITS);
    }

    public BitVecExpr variable(final String name)
    {
        return context.mkBVConst(name, LONG_BITS);
    }

    public BitVecExpr wideConstant(final BigInteger value)
    {
        return context.mkBV(value.toString(), WIDE_BITS);
    }

    public BitVecExpr wideConstant(final long value)
    {
        return wideConstant(BigInteger.valueOf(value));
    }

    public BitVecExpr wideVariable(final String name)
    {
        return context.mkBVConst(name, WIDE_BITS);
    }

    /**
     * A long read as a signed exact integer.
     */
    public BitVecExpr signed(final BitVecExpr value)
    {
        return context.mkSignExt(WIDE_BITS - value.getSortSize(), value);
    }

    /**
     * A long read as an unsigned exact integer ({@code Long.MIN_VALUE} as 2^63).
     */
    public BitVecExpr unsigned(final BitVecExpr value)
    {
        return context.mkZeroExt(WIDE_BITS - value.getSortSize(), value);
    }

    /**
     * The low 64 bits of an exact value: Java's narrowing of the exact result to a long.
     */
    public BitVecExpr low(final BitVecExpr wide)
    {
        return context.mkExtract(LONG_BITS - 1, 0, wide);
    }

    /**
     * Bits 64 to 127 of an exact value: {@link Math#multiplyHigh} of an exact 128-bit product.
     */
    public BitVecExpr high(final BitVecExpr wide)
    {
        return context.mkExtract(2 * LONG_BITS - 1, LONG_BITS, wide);
    }

    /**
     * Whether an exact value fits a long.
     */
    public BoolExpr fitsLong(final BitVecExpr wide)
    {
        return context.mkAnd(
            context.mkBVSGE(wide, wideConstant(Long.MIN_VALUE)), context.mkBVSLE(wide, wideConstant(Long.MAX_VALUE)));
    }

    // ---- Java operators on longs ----

    public BitVecExpr add(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVAdd(a, b);
    }

    public BitVecExpr subtract(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVSub(a, b);
    }

    public BitVecExpr negate(final BitVecExpr a)
    {
        return context.mkBVNeg(a);
    }

    public BitVecExpr not(final BitVecExpr a)
    {
        return context.mkBVNot(a);
    }

    public BitVecExpr xor(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVXOR(a, b);
    }

    /**
     * Java's {@code a >> n}.
     */
    public BitVecExpr shiftRight(final BitVecExpr a, final int n)
    {
        return context.mkBVASHR(a, constant(n));
    }

    /**
     * Java's {@code a * b} where {@code b} is a literal: the low 64 bits of the product.
     */
    public BitVecExpr multiplyByConstant(final BitVecExpr a, final long b)
    {
        return context.mkBVMul(a, constant(b));
    }

    public BoolExpr equal(final Expr<?> a, final Expr<?> b)
    {
        return context.mkEq(a, b);
    }

    public BoolExpr lessThan(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVSLT(a, b);
    }

    public BoolExpr lessOrEqual(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVSLE(a, b);
    }

    /**
     * {@code Long.compareUnsigned(a, b) < 0}.
     */
    public BoolExpr lessThanUnsigned(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVULT(a, b);
    }

    public BoolExpr isNegative(final BitVecExpr a)
    {
        return context.mkBVSLT(a, context.mkBV(0, a.getSortSize()));
    }

    public BoolExpr isZero(final BitVecExpr a)
    {
        return context.mkEq(a, context.mkBV(0, a.getSortSize()));
    }

    public BoolExpr and(final BoolExpr... terms)
    {
        return context.mkAnd(terms);
    }

    public BoolExpr or(final BoolExpr... terms)
    {
        return context.mkOr(terms);
    }

    public BoolExpr not(final BoolExpr a)
    {
        return context.mkNot(a);
    }

    public BoolExpr implies(final BoolExpr a, final BoolExpr b)
    {
        return context.mkImplies(a, b);
    }

    public BoolExpr truth(final boolean value)
    {
        return context.mkBool(value);
    }

    @SuppressWarnings("unchecked")
    public BitVecExpr ite(final BoolExpr condition, final BitVecExpr then, final BitVecExpr otherwise)
    {
        return (BitVecExpr)context.mkITE(condition, then, otherwise);
    }

    public BoolExpr ite(final BoolExpr condition, final BoolExpr then, final BoolExpr otherwise)
    {
        return (BoolExpr)context.mkITE(condition, then, otherwise);
    }

    /**
     * {@code condition ? then : otherwise} over outcomes: Java's branch with a return or a throw on each side.
     */
    public Outcome ite(final BoolExpr condition, final Outcome then, final Outcome otherwise)
    {
        return new Outcome(ite(condition, then.value(), otherwise.value()),
            ite(condition, then.thrown(), otherwise.thrown()));
    }

    public Outcome returning(final BitVecExpr value)
    {
        return new Outcome(value, truth(false));
    }

    public Outcome throwing()
    {
        return new Outcome(constant(0), truth(true));
    }

    /**
     * {@code Math.abs} of an exact value.
     */
    public BitVecExpr absolute(final BitVecExpr wide)
    {
        return ite(isNegative(wide), context.mkBVNeg(wide), wide);
    }

    public BitVecExpr wideAdd(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVAdd(a, b);
    }

    public BitVecExpr wideSubtract(final BitVecExpr a, final BitVecExpr b)
    {
        return context.mkBVSub(a, b);
    }

    public BitVecExpr wideNegate(final BitVecExpr a)
    {
        return context.mkBVNeg(a);
    }

    /**
     * An exact value times a constant (a shift-and-add circuit, which the solver handles at full width).
     */
    public BitVecExpr wideTimesConstant(final BitVecExpr a, final BigInteger constant)
    {
        return context.mkBVMul(a, wideConstant(constant));
    }

    // ---- products and divisions ----

    /**
     * The exact product {@code a·b} of two longs, whose low and high 64 bits are Java's {@code a * b} and
     * {@code Math.multiplyHigh(a, b)} (see {@link #times}).
     */
    public BitVecExpr exactProduct(final BitVecExpr a, final BitVecExpr b)
    {
        return times(signed(a), signed(b), LONG_PRODUCT_BOUND);
    }

    /**
     * The exact product of two exact values. In {@link Mode#PROOF} an application of one uninterpreted function
     * {@code times}, so equal factors give equal products (functional consistency) and each application carries the
     * {@link #productFacts}; the solver never builds a multiplier. In {@link Mode#EVALUATION} the product itself.
     *
     * @param x     first factor, exact.
     * @param y     second factor, exact.
     * @param bound a bound on the product's magnitude that the factors' ranges guarantee.
     * @return the exact product.
     */
    public BitVecExpr times(final BitVecExpr x, final BitVecExpr y, final BigInteger bound)
    {
        if (mode == Mode.EVALUATION)
        {
            return context.mkBVMul(x, y);
        }
        final BitVecExpr known = memo("times", x, y);
        if (known != null)
        {
            return known;
        }
        if (timesFunction == null)
        {
            timesFunction = context.mkFuncDecl("times", new Sort[] {wideSort(), wideSort()},
                context.mkBitVecSort(FRESH_BITS));
        }
        final BitVecExpr product = context.mkSignExt(WIDE_BITS - FRESH_BITS,
            (BitVecExpr)context.mkApp(timesFunction, x, y));
        facts.add(productFacts(x, y, product, bound));
        return remember("times", product, x, y);
    }

    private BitVecSort wideSort()
    {
        return context.mkBitVecSort(WIDE_BITS);
    }

    /**
     * Java's {@code a / b} (truncating) with its remainder {@code a % b}; the contract binds only for {@code b != 0},
     * which the encoded code checks before dividing.
     */
    public Division divide(final BitVecExpr a, final BitVecExpr b)
    {
        final Division known = divisionMemo("divide", a, b);
        if (known != null)
        {
            return known;
        }
        final Division division;
        if (mode == Mode.EVALUATION)
        {
            final BitVecExpr quotient = context.mkBVSDiv(a, b);
            division = new Division(quotient, signed(quotient), signed(context.mkBVSRem(a, b)),
                times(signed(quotient), signed(b), UNSIGNED_PRODUCT_BOUND));
        }
        else
        {
            // The exact truncated quotient; Java's a / b is its low 64 bits (MIN_VALUE / -1 wraps to MIN_VALUE).
            final BitVecExpr exactQuotient = fresh("quotient");
            division = truncatedDivision(not(isZero(b)), signed(a), signed(b), low(exactQuotient), exactQuotient);
        }
        divisions.add(new DivisionMemo("divide", new BitVecExpr[] {a, b}, division));
        return division;
    }

    /**
     * {@code Int128.divideUnsigned128(high, low, divisor)}: {@code floor((high·2^64 + low) / divisor)} for unsigned
     * operands, whose low 64 bits the method returns when {@code high < divisor} (unsigned), which the encoded code
     * checks first; the exact quotient also serves the specification when the code throws instead.
     */
    public Division divideUnsigned128(final BitVecExpr high, final BitVecExpr low, final BitVecExpr divisor)
    {
        final Division known = divisionMemo("divideUnsigned128", high, low, divisor);
        if (known != null)
        {
            return known;
        }
        final BitVecExpr dividend = context.mkBVAdd(context.mkBVSHL(unsigned(high), wideConstant(LONG_BITS)),
            unsigned(low));
        final Division division = unsignedDivision(not(isZero(divisor)), dividend, unsigned(divisor));
        divisions.add(new DivisionMemo("divideUnsigned128", new BitVecExpr[] {high, low, divisor}, division));
        return division;
    }

    /**
     * {@code PowerOfTenDivision.divideUnsigned(magnitude, digits)}: {@code floor(magnitude / 10^digits)} unsigned,
     * for digits in [1, 18]. The divisor is a constant, so the product of quotient and divisor stays exact.
     */
    public Division divideByPowerOfTen(final BitVecExpr magnitude, final int digits)
    {
        final BitVecExpr digitsTerm = constant(digits);
        final Division known = divisionMemo("divideByPowerOfTen", magnitude, digitsTerm);
        if (known != null)
        {
            return known;
        }
        final BigInteger powerOfTen = BigInteger.TEN.pow(digits);
        final Division division = unsignedDivision(truth(true), unsigned(magnitude), wideConstant(powerOfTen));
        divisions.add(new DivisionMemo("divideByPowerOfTen", new BitVecExpr[] {magnitude, digitsTerm}, division));
        return division;
    }

    private Division unsignedDivision(final BoolExpr domain, final BitVecExpr dividend, final BitVecExpr divisor)
    {
        if (mode == Mode.EVALUATION)
        {
            final BitVecExpr quotient = context.mkBVUDiv(dividend, divisor);
            return new Division(low(quotient), quotient, context.mkBVURem(dividend, divisor),
                times(quotient, divisor, UNSIGNED_PRODUCT_BOUND));
        }
        // The exact quotient, which exceeds 64 bits exactly when the dividend reaches 2^64·divisor: an instance of the
        // monotonicity of the product in the quotient (for x >= 0, y > 0: x >= 2^64 iff x·y >= 2^64·y).
        final BitVecExpr exactQuotient = fresh("quotient");
        final Division division = truncatedDivision(domain, dividend, divisor, low(exactQuotient), exactQuotient);
        final BitVecExpr twoTo64Divisor = context.mkBVSHL(divisor, wideConstant(LONG_BITS));
        final BoolExpr wideQuotient = context.mkBVSGE(exactQuotient, wideConstant(BigInteger.ONE.shiftLeft(64)));
        facts.add(implies(domain, and(
            not(isNegative(exactQuotient)),
            equal(wideQuotient, context.mkBVSGE(division.exactProduct(), twoTo64Divisor)),
            implies(not(wideQuotient), context.mkBVSLE(division.exactProduct(),
                context.mkBVSub(twoTo64Divisor, divisor))))));
        return division;
    }

    private Division truncatedDivision(final BoolExpr domain, final BitVecExpr dividend, final BitVecExpr divisor,
        final BitVecExpr quotient, final BitVecExpr exactQuotient)
    {
        final BitVecExpr remainder = fresh("remainder");
        final BitVecExpr product = times(exactQuotient, divisor, UNSIGNED_PRODUCT_BOUND);
        facts.add(implies(domain, and(
            // a truncated quotient by a divisor of magnitude at least 1 is no larger than the dividend
            context.mkBVSLE(absolute(exactQuotient), absolute(dividend)),
            equal(dividend, context.mkBVAdd(product, remainder)),
            context.mkBVSLT(absolute(remainder), absolute(divisor)),
            or(isZero(remainder), equal(isNegative(remainder), isNegative(dividend))))));
        return new Division(quotient, exactQuotient, remainder, product);
    }

    private record Memo(String kind, BitVecExpr[] arguments, BitVecExpr result)
    {
    }

    private record DivisionMemo(String kind, BitVecExpr[] arguments, Division result)
    {
    }

    private final List<Memo> products = new ArrayList<>();
    private final List<DivisionMemo> divisions = new ArrayList<>();

    private BitVecExpr memo(final String kind, final BitVecExpr... arguments)
    {
        for (final Memo memo : products)
        {
            if (memo.kind().equals(kind) && Arrays.equals(memo.arguments(), arguments))
            {
                return memo.result();
            }
        }
        return null;
    }

    private BitVecExpr remember(final String kind, final BitVecExpr result, final BitVecExpr... arguments)
    {
        products.add(new Memo(kind, arguments, result));
        return result;
    }

    private Division divisionMemo(final String kind, final BitVecExpr... arguments)
    {
        for (final DivisionMemo memo : divisions)
        {
            if (memo.kind().equals(kind) && Arrays.equals(memo.arguments(), arguments))
            {
                return memo.result();
            }
        }
        return null;
    }

    /**
     * What every exact product {@code p = x·y} of integers of at most 2^64 in magnitude satisfies, stated without a
     * multiplication: zero iff a factor is zero, {@code ±x} for a factor {@code y = ±1} (and the other way round), the
     * sign of a product, {@code |p| >= |x|}, {@code |p| >= |y|} and
     * {@code |p| >= |x| + |y| - 1} when both factors are non-zero, and {@code |p| <= bound} ({@code 2^126} for two
     * longs, {@code 2^128} for two unsigned words). {@code MarginArithmeticProofTest} proves these facts over the
     * integers.
     */
    public BoolExpr productFacts(final BitVecExpr x, final BitVecExpr y, final BitVecExpr p, final BigInteger bound)
    {
        final BoolExpr bothNonZero = and(not(isZero(x)), not(isZero(y)));
        return and(
            equal(isZero(p), not(bothNonZero)),
            implies(bothNonZero, equal(isNegative(p), not(equal(isNegative(x), isNegative(y))))),
            implies(bothNonZero, context.mkBVSGE(absolute(p), absolute(x))),
            implies(bothNonZero, context.mkBVSGE(absolute(p), absolute(y))),
            // a factor of 1 or -1
            implies(equal(y, wideConstant(1)), equal(p, x)),
            implies(equal(y, wideConstant(-1)), equal(p, context.mkBVNeg(x))),
            implies(equal(x, wideConstant(1)), equal(p, y)),
            implies(equal(x, wideConstant(-1)), equal(p, context.mkBVNeg(y))),
            // (|x| - 1)(|y| - 1) >= 0
            implies(bothNonZero, context.mkBVSGE(absolute(p),
                context.mkBVSub(context.mkBVAdd(absolute(x), absolute(y)), wideConstant(1)))),
            context.mkBVSLE(absolute(p), wideConstant(bound)));
    }

    /**
     * Adds an assumed fact (an arithmetic truth the proof needs and the bit-level encoding hides, such as the
     * monotonicity of a product), which every later proof takes as given.
     *
     * @param fact the fact.
     */
    public void assume(final BoolExpr fact)
    {
        facts.add(fact);
    }

    /**
     * A fresh exact value of {@value #FRESH_BITS} bits, sign-extended: wide enough for every exact value here
     * (at most 2^129 in magnitude), and narrow enough that its absolute value never wraps in {@value #WIDE_BITS} bits.
     */
    private BitVecExpr fresh(final String name)
    {
        return context.mkSignExt(WIDE_BITS - FRESH_BITS, context.mkBVConst(name + freshCount++, FRESH_BITS));
    }

    // ---- solving ----

    /**
     * Proves a claim for every assignment of its free variables under the facts, within a time limit.
     *
     * @param name          proof name, for the report.
     * @param assumptions   the input domain.
     * @param claim         the property.
     * @param timeoutMillis solver time limit.
     * @return the result, with a counterexample when the claim fails.
     */
    public ProofResult prove(final String name, final BoolExpr assumptions, final BoolExpr claim,
        final int timeoutMillis)
    {
        return prove(name, assumptions, claim, timeoutMillis, "");
    }

    /**
     * {@link #prove(String, BoolExpr, BoolExpr, int)} with Z3's solver for a logic ({@code "QF_UFBV"}: Ackermann
     * reduction of the uninterpreted products, then bit-blasting), or its default solver for an empty logic.
     *
     * @param name          proof name, for the report.
     * @param assumptions   the input domain.
     * @param claim         the property.
     * @param timeoutMillis solver time limit.
     * @param logic         SMT-LIB logic name, or empty.
     * @return the result, with a counterexample when the claim fails.
     */
    public ProofResult prove(final String name, final BoolExpr assumptions, final BoolExpr claim,
        final int timeoutMillis, final String logic)
    {
        final Solver solver = logic.isEmpty() ? context.mkSolver() : context.mkSolver(logic);
        final Params params = context.mkParams();
        params.add("timeout", timeoutMillis);
        solver.setParameters(params);
        facts.forEach(solver::add);
        solver.add(assumptions);
        solver.add(not(claim));
        final long start = System.nanoTime();
        final Status status = solver.check();
        final long elapsed = (System.nanoTime() - start) / 1_000_000;
        final String counterexample = status == Status.SATISFIABLE ? describe(solver.getModel()) : "";
        return new ProofResult(name, status, elapsed, counterexample);
    }

    /**
     * Evaluates an outcome for concrete inputs ({@link Mode#EVALUATION} only).
     *
     * @param outcome the encoded method.
     * @param inputs  equalities fixing every input.
     * @return the value returned, or null when the method throws.
     */
    public Long evaluate(final Outcome outcome, final BoolExpr inputs)
    {
        if (mode != Mode.EVALUATION)
        {
            throw new IllegalStateException("evaluate needs Mode.EVALUATION");
        }
        final Solver solver = context.mkSolver();
        solver.add(inputs);
        if (solver.check() != Status.SATISFIABLE)
        {
            throw new IllegalStateException("inputs are inconsistent");
        }
        final Model model = solver.getModel();
        if (model.eval(outcome.thrown(), true).isTrue())
        {
            return null;
        }
        return ((BitVecNum)model.eval(outcome.value(), true)).getBigInteger().longValue();
    }

    private static String describe(final Model model)
    {
        final StringBuilder text = new StringBuilder();
        for (final var declaration : model.getConstDecls())
        {
            final Expr<?> value = model.getConstInterp(declaration);
            text.append("  ").append(declaration.getName()).append(" = ");
            if (value instanceof BitVecNum number)
            {
                final BigInteger unsigned = number.getBigInteger();
                final int bits = number.getSortSize();
                final BigInteger signed = unsigned.testBit(bits - 1) ? unsigned.subtract(BigInteger.ONE.shiftLeft(bits))
                    : unsigned;
                text.append(signed);
            }
            else
            {
                text.append(value);
            }
            text.append('\n');
        }
        for (final var function : model.getFuncDecls())
        {
            text.append("  ").append(function.getName()).append(" = ").append(model.getFuncInterp(function))
                .append('\n');
        }
        return text.toString();
    }

    @Override
    public void close()
    {
        context.close();
    }
}
