package io.novation.solvency.tree;

import io.novation.solvency.poseidon.Fr;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One account's leaf of the solvency tree (docs/solvency.md): its key k (the owner's 160-bit address as an integer),
 * its per-batch salt s and its equity per asset slot in quantums of that asset, each an unsigned 64-bit integer; the
 * leaf hash is Poseidon([k, s, e_0, e_1, e_2, e_3]).
 *
 * @param accountKey the account's key k, below 2^160.
 * @param salt       the salt s, a field element.
 * @param equities   {@link SolvencyTree#ASSETS} equities, read as unsigned 64-bit quantums.
 */
public record SolvencyLeaf(BigInteger accountKey, BigInteger salt, long[] equities)
{
    /** The largest account key (exclusive): 2^160. */
    public static final BigInteger KEY_LIMIT = BigInteger.ONE.shiftLeft(160);

    /**
     * Checks the ranges and copies the equities.
     */
    public SolvencyLeaf
    {
        if (accountKey.signum() < 0 || accountKey.compareTo(KEY_LIMIT) >= 0)
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "account key out of range: " + accountKey);
        }
        if (salt.signum() < 0 || salt.compareTo(Fr.MODULUS) >= 0)
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "salt is not a field element");
        }
        if (equities.length != SolvencyTree.ASSETS)
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "a leaf holds " + SolvencyTree.ASSETS +
                " equities, given " + equities.length);
        }
        equities = equities.clone();
    }

    /**
     * An equity as an integer.
     *
     * @param slot the asset slot, 0 to 3.
     * @return quantums, 0 to 2^64 - 1.
     */
    public BigInteger equity(final int slot)
    {
        return new BigInteger(Long.toUnsignedString(equities[slot]));
    }

    /**
     * The leaf's six hash inputs [k, s, e_0..e_3] in Montgomery form.
     *
     * @param out    where to write 6 elements.
     * @param offset the first limb.
     */
    public void writeInputs(final long[] out, final int offset)
    {
        Fr.toMontgomery(accountKey, out, offset);
        Fr.toMontgomery(salt, out, offset + Fr.LIMBS);
        for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
        {
            Fr.toMontgomery(equities[slot], out, offset + (2 + slot) * Fr.LIMBS);
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SolvencyLeaf leaf && accountKey.equals(leaf.accountKey) && salt.equals(leaf.salt) &&
            Arrays.equals(equities, leaf.equities);
    }

    @Override
    public int hashCode()
    {
        return accountKey.hashCode() * 31 + Arrays.hashCode(equities);
    }

    @Override
    public String toString()
    {
        return "SolvencyLeaf[k=" + accountKey + ", equities=" + Arrays.toString(
            Arrays.stream(equities).mapToObj(Long::toUnsignedString).toArray()) + "]";
    }
}
