package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Secp256k1#isRecoverable} compares the scalars as bytes; these properties pin it to the rule read as integers
 * (v of 27, 28, 0 or 1, r in [1, n - 1], s in [1, n / 2]) on random scalars and on those at the edges of each range.
 */
class SignatureAcceptanceRulePropertiesTest
{
    private static final BigInteger N = Secp256k1Test.N;
    private static final BigInteger HALF_N = N.shiftRight(1);

    @Provide
    Arbitrary<BigInteger> scalars()
    {
        final BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        final Arbitrary<BigInteger> edges = Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, HALF_N.subtract(
            BigInteger.ONE), HALF_N, HALF_N.add(BigInteger.ONE), N.subtract(BigInteger.ONE), N, N.add(BigInteger.ONE),
            max);
        final Arbitrary<BigInteger> nearEdges = Arbitraries.of(BigInteger.ZERO, HALF_N, N, max)
            .flatMap(edge -> Arbitraries.bigIntegers().between(BigInteger.valueOf(-3), BigInteger.valueOf(3))
                .map(delta -> edge.add(delta).max(BigInteger.ZERO).min(max)));
        final Arbitrary<BigInteger> anywhere = Arbitraries.bigIntegers().between(BigInteger.ZERO, max);
        return Arbitraries.oneOf(edges, nearEdges, anywhere);
    }

    @Property(tries = 3_000)
    void shouldAcceptExactlyTheSignaturesWhoseScalarsAreInRangeAsIntegers(
        @ForAll("scalars") final BigInteger r, @ForAll("scalars") final BigInteger s,
        @ForAll("recoveryBytes") final int v)
    {
        final EcdsaSignature signature = new EcdsaSignature(Secp256k1Test.scalar(r), Secp256k1Test.scalar(s), v);
        final boolean vAccepted = v == 27 || v == 28 || v == 0 || v == 1;
        final boolean expected = vAccepted && r.signum() > 0 && r.compareTo(N) < 0 && s.signum() > 0 &&
            s.compareTo(HALF_N) <= 0;

        assertThat(Secp256k1.isRecoverable(signature)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Integer> recoveryBytes()
    {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 26, 27, 28, 29, 255), Arbitraries.integers().between(0, 255));
    }
}
