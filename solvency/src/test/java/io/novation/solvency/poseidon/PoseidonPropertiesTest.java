package io.novation.solvency.poseidon;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Montgomery field arithmetic against {@link BigInteger} and the Montgomery Poseidon against the transcribed
 * reference, on random field elements including the edges 0 and p - 1.
 */
class PoseidonPropertiesTest
{
    @Property(tries = 2000)
    void shouldMultiplyAndAddAsBigIntegerModP(@ForAll("elements") final BigInteger a,
        @ForAll("elements") final BigInteger b)
    {
        final long[] limbs = new long[3 * Fr.LIMBS];
        Fr.toMontgomery(a, limbs, 0);
        Fr.toMontgomery(b, limbs, Fr.LIMBS);

        Fr.mul(limbs, 0, limbs, Fr.LIMBS, limbs, 2 * Fr.LIMBS);
        assertThat(Fr.toBigInteger(limbs, 2 * Fr.LIMBS)).isEqualTo(a.multiply(b).mod(Fr.MODULUS));
        Fr.add(limbs, 0, limbs, Fr.LIMBS, limbs, 2 * Fr.LIMBS);
        assertThat(Fr.toBigInteger(limbs, 2 * Fr.LIMBS)).isEqualTo(a.add(b).mod(Fr.MODULUS));
        Fr.pow5(limbs, 0, new long[Fr.LIMBS]);
        assertThat(Fr.toBigInteger(limbs, 0)).isEqualTo(a.modPow(BigInteger.valueOf(5), Fr.MODULUS));
    }

    @Property(tries = 60)
    void shouldHashAsTheReference(@ForAll @IntRange(min = 1, max = 16) final int count,
        @ForAll("elements") final BigInteger seed)
    {
        final BigInteger[] inputs = new BigInteger[count];
        for (int i = 0; i < count; i++)
        {
            inputs[i] = seed.multiply(BigInteger.valueOf(i + 7)).add(BigInteger.valueOf(i)).mod(Fr.MODULUS);
        }

        assertThat(new Poseidon(count).hash(inputs)).isEqualTo(PoseidonReference.hash(BigInteger.ZERO, inputs));
    }

    @Provide
    Arbitrary<BigInteger> elements()
    {
        return Arbitraries.oneOf(
            Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, Fr.MODULUS.subtract(BigInteger.ONE),
                Fr.MODULUS.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(253)),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, Fr.MODULUS.subtract(BigInteger.ONE)));
    }
}
