package io.novation.core.money;

/**
 * The direction in which an inexact fixed-point quotient is rounded to a whole number of quantums.
 * <p>
 * Note the names: {@link #DOWN} and {@link #UP} are floor and ceiling (toward negative and positive infinity),
 * unlike {@link java.math.RoundingMode#DOWN} and {@link java.math.RoundingMode#UP}, which are toward and away
 * from zero. Requirements owed to the protocol round {@link #UP}; credits paid by the protocol round {@link #DOWN}.
 */
public enum Rounding
{
    /**
     * Toward negative infinity (floor).
     */
    DOWN,

    /**
     * Toward positive infinity (ceiling).
     */
    UP,

    /**
     * Toward zero (truncation), as Go's {@code big.Int.Quo} and Java's {@code /} do.
     */
    TOWARD_ZERO,

    /**
     * Away from zero: the magnitude is rounded up.
     */
    AWAY_FROM_ZERO;

    /**
     * Whether an inexact quotient of the given sign moves one unit away from zero under this rounding.
     *
     * @param negative whether the exact quotient is negative.
     * @return true when the truncated magnitude must be increased by one.
     */
    boolean incrementsMagnitude(final boolean negative)
    {
        // Comparisons of references rather than a switch (which reads a table by ordinal): where the rounding is a
        // constant at the call, the compiler folds them away.
        if (this == DOWN)
        {
            return negative;
        }
        if (this == UP)
        {
            return !negative;
        }
        return this == AWAY_FROM_ZERO;
    }
}
