package io.novation.core.money;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import io.novation.core.money.JavaLongSemantics.Division;
import io.novation.core.money.JavaLongSemantics.Outcome;

import java.math.BigInteger;

/**
 * The {@link FixedPoint} and {@link Int128} helpers written again as Z3 formulas over {@link JavaLongSemantics}, one
 * formula per Java statement, for the solver proofs; every value is in the unit of the encoded method's arguments.
 * <p>
 * Each method names the Java lines it mirrors. A {@link Mutation} plants a known bug in the encoding, so that a test
 * can show the proofs fail on it.
 */
public final class FixedPointEncoding
{
    /**
     * A deliberate bug planted in the encoding.
     */
    public enum Mutation
    {
        /**
         * The code as written.
         */
        NONE,

        /**
         * {@code Rounding.DOWN.incrementsMagnitude(negative)} returns {@code !negative}: floor rounds up.
         */
        DOWN_ROUNDS_UP,

        /**
         * {@code mulScaleByPow10Ceiling} returns the floor even when the product is not a multiple of the power.
         */
        CEILING_KEEPS_FLOOR,

        /**
         * {@code mulDiv} forgets its {@code magnitudeHigh >= divisorMagnitude} overflow check.
         */
        MUL_DIV_OVERFLOW_UNCHECKED
    }

    private final JavaLongSemantics java;
    private final Mutation mutation;

    /**
     * Creates the encoding.
     *
     * @param java     the Java semantics.
     * @param mutation the planted bug, or {@link Mutation#NONE}.
     */
    public FixedPointEncoding(final JavaLongSemantics java, final Mutation mutation)
    {
        this.java = java;
        this.mutation = mutation;
    }

    public JavaLongSemantics java()
    {
        return java;
    }

    /**
     * {@code Rounding.incrementsMagnitude(negative)}: the switch of {@code Rounding.java}.
     */
    public BoolExpr incrementsMagnitude(final Rounding rounding, final BoolExpr negative)
    {
        return switch (rounding)
        {
            case DOWN -> mutation == Mutation.DOWN_ROUNDS_UP ? java.not(negative) : negative;
            case UP -> java.not(negative);
            case TOWARD_ZERO -> java.truth(false);
            case AWAY_FROM_ZERO -> java.truth(true);
        };
    }

    /**
     * {@code Int128.signedQuotient}: {@code magnitude++} when inexact and rounding away from zero, throw if it wraps
     * to zero; negative: throw above 2^63 (unsigned), else {@code -magnitude}; positive: throw if the sign bit is
     * set, else {@code magnitude}.
     */
    public Outcome signedQuotient(final BitVecExpr truncatedMagnitude, final BoolExpr inexact, final BoolExpr negative,
        final Rounding rounding)
    {
        final BoolExpr increment = java.and(inexact, incrementsMagnitude(rounding, negative));
        final BitVecExpr magnitude = java.ite(increment, java.add(truncatedMagnitude, java.constant(1)),
            truncatedMagnitude);
        final Outcome negativeResult = java.ite(java.lessThanUnsigned(java.constant(Long.MIN_VALUE), magnitude),
            java.throwing(), java.returning(java.negate(magnitude)));
        final Outcome positiveResult = java.ite(java.isNegative(magnitude), java.throwing(),
            java.returning(magnitude));
        return java.ite(java.and(increment, java.isZero(magnitude)), java.throwing(),
            java.ite(negative, negativeResult, positiveResult));
    }

    /**
     * {@code FixedPoint.divide(a, b, rounding)}: throw on {@code b == 0} and on {@code MIN_VALUE / -1};
     * {@code quotient = a / b}; exact when {@code a - quotient * b == 0}; {@code negative = (a ^ b) < 0}; otherwise
     * one step away from zero when the rounding asks for it.
     *
     * @return the outcome, and the truncated division it used (for the specification's product expansion).
     */
    public Outcome divide(final BitVecExpr a, final BitVecExpr b, final Rounding rounding)
    {
        final Division division = java.divide(a, b);
        final BitVecExpr quotient = division.quotient();
        // Java's quotient * b is the low 64 bits of the exact product (JLS 15.17.1).
        final BoolExpr exact = java.isZero(java.subtract(a, java.low(division.exactProduct())));
        final BoolExpr negative = java.isNegative(java.xor(a, b));
        final Outcome rounded = java.ite(java.or(exact, java.not(incrementsMagnitude(rounding, negative))),
            java.returning(quotient),
            java.returning(java.ite(negative, java.subtract(quotient, java.constant(1)),
                java.add(quotient, java.constant(1)))));
        return java.ite(java.isZero(b), java.throwing(),
            java.ite(java.and(java.equal(a, java.constant(Long.MIN_VALUE)), java.equal(b, java.constant(-1))),
                java.throwing(), rounded));
    }

    /**
     * {@code FixedPoint.divideByPowerOfTen(value, digits, rounding)}: {@code negative = value < 0}; magnitude
     * {@code -value} or {@code value} (unsigned); {@code quotient = PowerOfTenDivision.divideUnsigned(magnitude,
     * digits)}; inexact when {@code magnitude - quotient * POWERS_OF_TEN[digits] != 0}; then
     * {@code Int128.signedQuotient}.
     */
    public Outcome divideByPowerOfTen(final BitVecExpr value, final int digits, final Rounding rounding)
    {
        final BoolExpr negative = java.isNegative(value);
        final BitVecExpr magnitude = java.ite(negative, java.negate(value), value);
        final Division division = java.divideByPowerOfTen(magnitude, digits);
        final BitVecExpr quotient = division.quotient();
        // Java's quotient * POWERS_OF_TEN[digits] is the low 64 bits of the exact product (JLS 15.17.1).
        final BoolExpr inexact = java.not(java.isZero(java.subtract(magnitude, java.low(division.exactProduct()))));
        return signedQuotient(quotient, inexact, negative, rounding);
    }

    /**
     * {@code FixedPoint.mulDivByPowerOfTen(a, b, digits, rounding)} (the path of {@code mulPpm} with digits 6 and of
     * {@code mulScaleByPow10} for exponents in [-18, -1]): {@code productLow = a * b}; when
     * {@code Math.multiplyHigh(a, b) == productLow >> 63} divide the long product by the power of ten, else
     * {@code mulDiv(a, b, 10^digits)}.
     */
    public Outcome mulDivByPowerOfTen(final BitVecExpr a, final BitVecExpr b, final int digits,
        final Rounding rounding)
    {
        final BitVecExpr product = java.exactProduct(a, b);
        final BitVecExpr productLow = java.low(product);
        final BoolExpr fits = java.equal(java.high(product), java.shiftRight(productLow, 63));
        return java.ite(fits, divideByPowerOfTen(productLow, digits, rounding),
            mulDiv(a, b, java.constant(FixedPoint.POWERS_OF_TEN[digits]), rounding));
    }

    /**
     * {@code FixedPoint.mulDiv(a, b, c, rounding)}: throw on {@code c == 0}; {@code productLow = a * b},
     * {@code productHigh = Math.multiplyHigh(a, b)}; a product that fits a long goes to {@code divide}; otherwise
     * the 128-bit magnitude ({@code -productLow}, {@code Int128.negateHigh}) and the divisor magnitude, the
     * overflow check {@code compareUnsigned(magnitudeHigh, divisorMagnitude) >= 0}, {@code Int128.divideUnsigned128},
     * inexact when {@code magnitudeLow - quotient * divisorMagnitude != 0}, and {@code Int128.signedQuotient} with the
     * sign {@code productNegative != (c < 0)}.
     */
    public Outcome mulDiv(final BitVecExpr a, final BitVecExpr b, final BitVecExpr c, final Rounding rounding)
    {
        final BitVecExpr product = java.exactProduct(a, b);
        final BitVecExpr productLow = java.low(product);
        final BitVecExpr productHigh = java.high(product);
        final BoolExpr fits = java.equal(productHigh, java.shiftRight(productLow, 63));

        final BoolExpr productNegative = java.isNegative(productHigh);
        final BitVecExpr magnitudeLow = java.ite(productNegative, java.negate(productLow), productLow);
        final BitVecExpr magnitudeHigh = java.ite(productNegative, negateHigh(productHigh, productLow), productHigh);
        final BitVecExpr divisorMagnitude = java.ite(java.isNegative(c), java.negate(c), c);
        final BoolExpr overflow = mutation == Mutation.MUL_DIV_OVERFLOW_UNCHECKED ? java.truth(false) :
            java.not(java.lessThanUnsigned(magnitudeHigh, divisorMagnitude));

        final Division division = java.divideUnsigned128(magnitudeHigh, magnitudeLow, divisorMagnitude);
        final BitVecExpr quotient = division.quotient();
        final BoolExpr inexact = java.not(java.isZero(
            java.subtract(magnitudeLow, java.low(division.exactProduct()))));
        final Outcome wide = java.ite(overflow, java.throwing(),
            signedQuotient(quotient, inexact, java.not(java.equal(productNegative, java.isNegative(c))), rounding));

        return java.ite(java.isZero(c), java.throwing(), java.ite(fits, divide(productLow, c, rounding), wide));
    }

    /**
     * {@code Int128.negateHigh(high, low)}: {@code low == 0 ? -high : ~high}.
     */
    public BitVecExpr negateHigh(final BitVecExpr high, final BitVecExpr low)
    {
        return java.ite(java.isZero(low), java.negate(high), java.not(high));
    }

    /**
     * {@code FixedPoint.mulScaleByPow10Ceiling(a, b, exponent, floor)} for {@code exponent = -digits} with digits in
     * [1, 18]: for non-negative factors whose product fits ({@code multiplyHigh(a, b) == 0 && product >= 0}),
     * {@code floor * POWERS_OF_TEN[-exponent] == product ? floor : floor + 1}; otherwise
     * {@code mulScaleByPow10(a, b, exponent, Rounding.UP)}, which is {@code mulDivByPowerOfTen} for these exponents.
     */
    public Outcome mulScaleByPow10Ceiling(final BitVecExpr a, final BitVecExpr b, final int digits,
        final BitVecExpr floor)
    {
        final BitVecExpr product = java.exactProduct(a, b);
        final BitVecExpr productLow = java.low(product);
        final BoolExpr shortcut = java.and(
            java.not(java.isNegative(a)), java.not(java.isNegative(b)),
            java.isZero(java.high(product)), java.not(java.isNegative(productLow)));
        // Java's floor * POWERS_OF_TEN[-exponent]: the low 64 bits of the exact product.
        final BoolExpr multiple = java.equal(java.low(java.times(java.unsigned(floor),
            java.wideConstant(BigInteger.TEN.pow(digits)), JavaLongSemantics.UNSIGNED_PRODUCT_BOUND)), productLow);
        final BitVecExpr ceiling = mutation == Mutation.CEILING_KEEPS_FLOOR ? floor :
            java.ite(multiple, floor, java.add(floor, java.constant(1)));
        return java.ite(shortcut, java.returning(ceiling), mulDivByPowerOfTen(a, b, digits, Rounding.UP));
    }

    /**
     * {@code FixedPoint.compareProducts(a, b, c, d)}: different {@code Math.multiplyHigh} words decide by signed
     * comparison, equal ones by {@code Integer.signum(Long.compareUnsigned(a * b, c * d))}.
     */
    public BitVecExpr compareProducts(final BitVecExpr a, final BitVecExpr b, final BitVecExpr c, final BitVecExpr d)
    {
        final BitVecExpr left = java.exactProduct(a, b);
        final BitVecExpr right = java.exactProduct(c, d);
        final BitVecExpr leftHigh = java.high(left);
        final BitVecExpr rightHigh = java.high(right);
        final BitVecExpr lowComparison = java.ite(java.equal(java.low(left), java.low(right)), java.constant(0),
            java.ite(java.lessThanUnsigned(java.low(left), java.low(right)), java.constant(-1), java.constant(1)));
        return java.ite(java.equal(leftHigh, rightHigh), lowComparison,
            java.ite(java.lessThan(leftHigh, rightHigh), java.constant(-1), java.constant(1)));
    }

    /**
     * The truncated quotient {@code q} (exact, signed) and the exact product {@code q·d} that an encoded division
     * computed, for the specification's expansion of {@code f·d} around {@code q}.
     *
     * @param quotient exact truncated quotient.
     * @param product  exact quotient times divisor.
     */
    public record Truncation(BitVecExpr quotient, BitVecExpr product)
    {
    }

    /**
     * The truncation {@link #divide} computes.
     */
    public Truncation divideTruncation(final BitVecExpr a, final BitVecExpr b)
    {
        final Division division = java.divide(a, b);
        return new Truncation(division.exactQuotient(), division.exactProduct());
    }

    /**
     * The truncation {@link #divideByPowerOfTen} computes, signed as the value.
     */
    public Truncation divideByPowerOfTenTruncation(final BitVecExpr value, final int digits)
    {
        final BoolExpr negative = java.isNegative(value);
        final Division division = java.divideByPowerOfTen(java.ite(negative, java.negate(value), value), digits);
        return new Truncation(java.ite(negative, java.wideNegate(division.exactQuotient()), division.exactQuotient()),
            java.ite(negative, java.wideNegate(division.exactProduct()), division.exactProduct()));
    }

    /**
     * The truncation {@link #mulDiv} computes on the path it takes.
     */
    public Truncation mulDivTruncation(final BitVecExpr a, final BitVecExpr b, final BitVecExpr c)
    {
        final BitVecExpr product = java.exactProduct(a, b);
        final BitVecExpr productLow = java.low(product);
        final BitVecExpr productHigh = java.high(product);
        final BoolExpr fits = java.equal(productHigh, java.shiftRight(productLow, 63));
        final BoolExpr productNegative = java.isNegative(productHigh);
        final Truncation small = divideTruncation(productLow, c);
        final Division wide = java.divideUnsigned128(
            java.ite(productNegative, negateHigh(productHigh, productLow), productHigh),
            java.ite(productNegative, java.negate(productLow), productLow),
            java.ite(java.isNegative(c), java.negate(c), c));
        final BoolExpr negativeQuotient = java.not(java.equal(productNegative, java.isNegative(c)));
        return new Truncation(
            java.ite(fits, small.quotient(),
                java.ite(negativeQuotient, java.wideNegate(wide.exactQuotient()), wide.exactQuotient())),
            java.ite(fits, small.product(),
                java.ite(productNegative, java.wideNegate(wide.exactProduct()), wide.exactProduct())));
    }

    /**
     * The truncation {@link #mulDivByPowerOfTen} computes on the path it takes.
     */
    public Truncation mulDivByPowerOfTenTruncation(final BitVecExpr a, final BitVecExpr b, final int digits)
    {
        final BitVecExpr product = java.exactProduct(a, b);
        final BitVecExpr productLow = java.low(product);
        final BoolExpr fits = java.equal(java.high(product), java.shiftRight(productLow, 63));
        final Truncation small = divideByPowerOfTenTruncation(productLow, digits);
        final Truncation wide = mulDivTruncation(a, b, java.constant(FixedPoint.POWERS_OF_TEN[digits]));
        return new Truncation(java.ite(fits, small.quotient(), wide.quotient()),
            java.ite(fits, small.product(), wide.product()));
    }
}
