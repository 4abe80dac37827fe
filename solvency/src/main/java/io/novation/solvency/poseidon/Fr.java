package io.novation.solvency.poseidon;

import java.math.BigInteger;

/**
 * Arithmetic in the BN254 scalar field (the field of circom's signals) on elements held in Montgomery form as four
 * little-endian 64-bit limbs at an offset of a {@code long[]}, so that hashing a million leaves allocates nothing;
 * {@link #toMontgomery} and {@link #toBigInteger} convert to and from the canonical integer in [0, p).
 */
public final class Fr
{
    /** The field modulus p, a 254-bit prime. */
    public static final BigInteger MODULUS = new BigInteger(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617");
    /** Limbs of one element. */
    public static final int LIMBS = 4;

    private static final long P0 = 0x43e1f593f0000001L;
    private static final long P1 = 0x2833e84879b97091L;
    private static final long P2 = 0xb85045b68181585dL;
    private static final long P3 = 0x30644e72e131a029L;
    /** -p^-1 mod 2^64. */
    private static final long INV = BigInteger.ONE.shiftLeft(64).subtract(
        MODULUS.modInverse(BigInteger.ONE.shiftLeft(64))).longValue();
    /** R^2 mod p with R = 2^256, in plain limbs: multiplying by it enters Montgomery form. */
    private static final long[] R2 = limbs(BigInteger.ONE.shiftLeft(512).mod(MODULUS));
    private static final long[] ONE_PLAIN = {1, 0, 0, 0};

    private Fr()
    {
    }

    /**
     * The Montgomery form of an integer.
     *
     * @param value  in [0, p).
     * @param out    where to write the four limbs.
     * @param offset the first limb's index.
     * @throws IllegalArgumentException when the value is negative or not below p.
     */
    public static void toMontgomery(final BigInteger value, final long[] out, final int offset)
    {
        if (value.signum() < 0 || value.compareTo(MODULUS) >= 0)
        {
            throw new IllegalArgumentException("not a field element: " + value);
        }
        final long[] plain = limbs(value);
        mul(plain, 0, R2, 0, out, offset);
    }

    /**
     * The Montgomery form of a non-negative long below 2^63.
     *
     * @param value  at least 0.
     * @param out    where to write the four limbs.
     * @param offset the first limb's index.
     */
    public static void toMontgomery(final long value, final long[] out, final int offset)
    {
        final long[] plain = {value, 0, 0, 0};
        mul(plain, 0, R2, 0, out, offset);
    }

    /**
     * The canonical integer of an element in Montgomery form.
     *
     * @param a      the limbs.
     * @param offset the first limb's index.
     * @return in [0, p).
     */
    public static BigInteger toBigInteger(final long[] a, final int offset)
    {
        final long[] plain = new long[LIMBS];
        mul(a, offset, ONE_PLAIN, 0, plain, 0);
        BigInteger value = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--)
        {
            value = value.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(plain[i])));
        }
        return value;
    }

    /**
     * {@code r = a + b mod p}; r may alias a or b.
     *
     * @param a  first operand's limbs.
     * @param ao its offset.
     * @param b  second operand's limbs.
     * @param bo its offset.
     * @param r  result limbs.
     * @param ro its offset.
     */
    public static void add(final long[] a, final int ao, final long[] b, final int bo, final long[] r, final int ro)
    {
        final long a0 = a[ao];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        final long s0 = a0 + b[bo];
        long carry = Long.compareUnsigned(s0, a0) < 0 ? 1 : 0;
        final long t1 = a1 + b[bo + 1];
        long c1 = Long.compareUnsigned(t1, a1) < 0 ? 1 : 0;
        final long s1 = t1 + carry;
        carry = c1 + (Long.compareUnsigned(s1, t1) < 0 ? 1 : 0);
        final long t2 = a2 + b[bo + 2];
        c1 = Long.compareUnsigned(t2, a2) < 0 ? 1 : 0;
        final long s2 = t2 + carry;
        carry = c1 + (Long.compareUnsigned(s2, t2) < 0 ? 1 : 0);
        final long s3 = a3 + b[bo + 3] + carry; // both below 2^254: no carry out
        reduce(s0, s1, s2, s3, r, ro);
    }

    /**
     * {@code r = a * b mod p} in Montgomery form (CIOS); r may alias a or b.
     *
     * @param a  first operand's limbs.
     * @param ao its offset.
     * @param b  second operand's limbs.
     * @param bo its offset.
     * @param r  result limbs.
     * @param ro its offset.
     */
    public static void mul(final long[] a, final int ao, final long[] b, final int bo, final long[] r, final int ro)
    {
        final long a0 = a[ao];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long t4 = 0;
        for (int i = 0; i < LIMBS; i++)
        {
            final long bi = b[bo + i];
            // t += a * bi
            long lo = a0 * bi;
            long hi = umulh(a0, bi);
            long s = lo + t0;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t0 = s;
            long carry = hi;

            lo = a1 * bi;
            hi = umulh(a1, bi);
            s = lo + t1;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            hi += Long.compareUnsigned(t1, s) < 0 ? 1 : 0;
            carry = hi;

            lo = a2 * bi;
            hi = umulh(a2, bi);
            s = lo + t2;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            hi += Long.compareUnsigned(t2, s) < 0 ? 1 : 0;
            carry = hi;

            lo = a3 * bi;
            hi = umulh(a3, bi);
            s = lo + t3;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t3 = s + carry;
            hi += Long.compareUnsigned(t3, s) < 0 ? 1 : 0;
            carry = hi;

            final long t4sum = t4 + carry;
            final long t5 = Long.compareUnsigned(t4sum, t4) < 0 ? 1 : 0;
            t4 = t4sum;

            // t = (t + m * p) / 2^64
            final long m = t0 * INV;
            lo = m * P0;
            hi = umulh(m, P0);
            s = lo + t0;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            carry = hi;

            lo = m * P1;
            hi = umulh(m, P1);
            s = lo + t1;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t0 = s + carry;
            hi += Long.compareUnsigned(t0, s) < 0 ? 1 : 0;
            carry = hi;

            lo = m * P2;
            hi = umulh(m, P2);
            s = lo + t2;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            hi += Long.compareUnsigned(t1, s) < 0 ? 1 : 0;
            carry = hi;

            lo = m * P3;
            hi = umulh(m, P3);
            s = lo + t3;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            hi += Long.compareUnsigned(t2, s) < 0 ? 1 : 0;
            carry = hi;

            t3 = t4 + carry;
            t4 = t5 + (Long.compareUnsigned(t3, t4) < 0 ? 1 : 0);
        }
        if (t4 != 0)
        {
            subtractModulus(t0, t1, t2, t3, r, ro);
            return;
        }
        reduce(t0, t1, t2, t3, r, ro);
    }

    /**
     * {@code r = a^5}, the Poseidon S-box.
     *
     * @param a       the limbs.
     * @param offset  its offset, also the result's.
     * @param scratch four limbs of scratch space.
     */
    public static void pow5(final long[] a, final int offset, final long[] scratch)
    {
        mul(a, offset, a, offset, scratch, 0);
        mul(scratch, 0, scratch, 0, scratch, 0);
        mul(a, offset, scratch, 0, a, offset);
    }

    /** Writes {@code s} minus p when s is at least p, else s. */
    private static void reduce(final long s0, final long s1, final long s2, final long s3, final long[] r,
        final int ro)
    {
        if (Long.compareUnsigned(s3, P3) < 0 || s3 == P3 && (Long.compareUnsigned(s2, P2) < 0 || s2 == P2 &&
            (Long.compareUnsigned(s1, P1) < 0 || s1 == P1 && Long.compareUnsigned(s0, P0) < 0)))
        {
            r[ro] = s0;
            r[ro + 1] = s1;
            r[ro + 2] = s2;
            r[ro + 3] = s3;
            return;
        }
        subtractModulus(s0, s1, s2, s3, r, ro);
    }

    /** Writes {@code s - p} modulo 2^256. */
    private static void subtractModulus(final long s0, final long s1, final long s2, final long s3, final long[] r,
        final int ro)
    {
        final long d0 = s0 - P0;
        long borrow = Long.compareUnsigned(s0, P0) < 0 ? 1 : 0;
        final long d1 = s1 - P1 - borrow;
        borrow = Long.compareUnsigned(s1, P1) < 0 || s1 == P1 && borrow == 1 ? 1 : 0;
        final long d2 = s2 - P2 - borrow;
        borrow = Long.compareUnsigned(s2, P2) < 0 || s2 == P2 && borrow == 1 ? 1 : 0;
        final long d3 = s3 - P3 - borrow;
        r[ro] = d0;
        r[ro + 1] = d1;
        r[ro + 2] = d2;
        r[ro + 3] = d3;
    }

    /** The high 64 bits of the unsigned 128-bit product. */
    private static long umulh(final long a, final long b)
    {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long[] limbs(final BigInteger value)
    {
        final long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++)
        {
            limbs[i] = value.shiftRight(64 * i).longValue();
        }
        return limbs;
    }
}
