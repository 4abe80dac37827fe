package io.novation.core.money;

import java.math.BigInteger;

/**
 * Exact truncating division of an unsigned 64-bit magnitude by {@code 10^k} ({@code k} in 1 to 18) with a multiply
 * and shifts instead of a hardware divide, which costs several times more and sits on the margin path several times
 * per position.
 * <p>
 * Since {@code 10^k = 2^k · 5^k} and truncating divisions compose, {@code ⌊n / 10^k⌋ = ⌊⌊n / 2^k⌋ / 5^k⌋}. The
 * shifted dividend {@code x = n >>> k} has at most {@code N = 64 − k} bits, and for {@code ℓ = ⌈log2 5^k⌉} and
 * {@code m = ⌈2^(N+ℓ) / 5^k⌉} (which is below {@code 2^(N+1) ≤ 2^64}, so it fits an unsigned word),
 * {@code ⌊x / 5^k⌋ = ⌊m·x / 2^(N+ℓ)⌋} for every {@code x < 2^N} (Granlund and Montgomery, "Division by invariant
 * integers using multiplication", 1994, theorem 4.2: the error {@code m·5^k − 2^(N+ℓ)} is below
 * {@code 5^k ≤ 2^ℓ}). The quotient is the high word of the 128-bit product shifted right by {@code ℓ − k}.
 * {@code PowerOfTenDivisionTest} checks it against {@link Long#divideUnsigned} on the boundaries of every multiple
 * class and on random values.
 */
public final class PowerOfTenDivision
{
    private static final long[] MAGIC = new long[FixedPoint.MAX_POW10_EXPONENT + 1];
    private static final int[] SHIFT = new int[FixedPoint.MAX_POW10_EXPONENT + 1];

    static
    {
        for (int k = 1; k <= FixedPoint.MAX_POW10_EXPONENT; k++)
        {
            final BigInteger fivePower = BigInteger.valueOf(5).pow(k);
            final int ceilLog2 = fivePower.subtract(BigInteger.ONE).bitLength();
            final int bits = 64 - k;
            final BigInteger[] quotientAndRemainder = BigInteger.ONE.shiftLeft(bits + ceilLog2)
                .divideAndRemainder(fivePower);
            final BigInteger magic = quotientAndRemainder[1].signum() == 0 ?
                quotientAndRemainder[0] : quotientAndRemainder[0].add(BigInteger.ONE);
            if (magic.bitLength() > 64)
            {
                throw new IllegalStateException("magic for 10^" + k + " does not fit 64 bits");
            }
            MAGIC[k] = magic.longValue();
            SHIFT[k] = ceilLog2 - k;
        }
    }

    private PowerOfTenDivision()
    {
    }

    /**
     * {@code ⌊n / 10^k⌋} for an unsigned dividend.
     *
     * @param unsignedDividend dividend, read as unsigned 64 bits.
     * @param k                exponent, in 1 to 18.
     * @return the truncated quotient, unsigned.
     */
    public static long divideUnsigned(final long unsignedDividend, final int k)
    {
        final long shifted = unsignedDividend >>> k;
        final long magic = MAGIC[k];
        // Unsigned high word of shifted * magic: shifted < 2^63, so only the magic's top bit needs a correction.
        final long high = Math.multiplyHigh(shifted, magic) + ((magic >> 63) & shifted);
        return high >>> SHIFT[k];
    }
}
