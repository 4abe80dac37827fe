package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Secp256k1PropertyTest
{
    private static final BigInteger HALF_N = Secp256k1Test.N.shiftRight(1);

    @Provide
    Arbitrary<byte[]> privateKeys()
    {
        return Arbitraries.bigIntegers()
            .between(BigInteger.ONE, Secp256k1Test.N.subtract(BigInteger.ONE))
            .map(Secp256k1Test::scalar);
    }

    @Provide
    Arbitrary<byte[]> digests()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(Secp256k1.DIGEST_LENGTH);
    }

    @Provide
    Arbitrary<byte[]> signatureBytes()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(EcdsaSignature.ENCODED_LENGTH);
    }

    @Property(tries = 300)
    void shouldRecoverTheSignerOfEverySignature(
        @ForAll("digests") final byte[] digest, @ForAll("privateKeys") final byte[] privateKey)
    {
        final EcdsaSignature signature = Secp256k1.sign(digest, privateKey);
        final byte[] address = Secp256k1.addressOf(privateKey);

        assertThat(signature.v()).isIn(Secp256k1.V_EVEN_Y, Secp256k1.V_ODD_Y);
        assertThat(new BigInteger(1, signature.s())).isPositive().isLessThanOrEqualTo(HALF_N);
        assertThat(Secp256k1.recoverAddress(digest, signature)).isEqualTo(address);
        assertThat(Secp256k1.verify(digest, signature, address)).isTrue();
        assertThat(Secp256k1.recoverAddress(digest, EcdsaSignature.fromBytes65(signature.toBytes65())))
            .isEqualTo(address);
    }

    @Property(tries = 200)
    void shouldVerifyEverySignatureAndItsHighSTwinAsDerAgainstThePublicKey(
        @ForAll("digests") final byte[] digest, @ForAll("privateKeys") final byte[] privateKey)
    {
        final EcdsaSignature signature = Secp256k1.sign(digest, privateKey);
        final EcdsaSignature twin = Secp256k1Test.malleate(signature);
        final byte[] publicKey = Secp256k1.publicKeyOf(privateKey);
        final BigInteger r = new BigInteger(1, signature.r());

        assertThat(Secp256k1.verifyDer(digest, Secp256k1Test.der(r, new BigInteger(1, signature.s())), publicKey))
            .isTrue();
        assertThat(Secp256k1.verifyDer(digest, Secp256k1Test.der(r, new BigInteger(1, twin.s())), publicKey))
            .isTrue();
        assertThat(Secp256k1.recoverAddress(digest, twin)).isNull();
    }

    @Property(tries = 200)
    void shouldNotVerifyAgainstAnotherDigest(
        @ForAll("digests") final byte[] digest,
        @ForAll("digests") final byte[] otherDigest,
        @ForAll("privateKeys") final byte[] privateKey)
    {
        final EcdsaSignature signature = Secp256k1.sign(digest, privateKey);
        final byte[] address = Secp256k1.addressOf(privateKey);
        final boolean sameDigest = Arrays.equals(digest, otherDigest);

        assertThat(Secp256k1.verify(otherDigest, signature, address)).isEqualTo(sameDigest);
    }

    @Provide
    Arbitrary<EcdsaSignature> plausibleSignatures()
    {
        final Arbitrary<byte[]> scalars = Arbitraries.bytes().array(byte[].class).ofSize(EcdsaSignature.SCALAR_LENGTH);
        final Arbitrary<byte[]> lowScalars = scalars.map(bytes ->
        {
            bytes[0] &= 0x7F;
            return bytes;
        });
        return Combinators.combine(scalars, lowScalars, Arbitraries.of(0, 1, 27, 28))
            .as(EcdsaSignature::of);
    }

    @Property(tries = 300)
    void shouldRecoverSomeAddressOrNullButNeverThrowOnArbitraryScalars(
        @ForAll("digests") final byte[] digest, @ForAll("plausibleSignatures") final EcdsaSignature signature)
    {
        final byte[] address = Secp256k1.recoverAddress(digest, signature);

        if (null != address)
        {
            assertThat(address).hasSize(Secp256k1.ADDRESS_LENGTH);
            assertThat(Secp256k1.verify(digest, signature, address)).isTrue();
        }
    }

    @Property(tries = 300)
    void shouldNeverThrowOnArbitrarySignatureBytes(
        @ForAll("digests") final byte[] digest, @ForAll("signatureBytes") final byte[] garbage)
    {
        final EcdsaSignature signature = EcdsaSignature.fromBytes65(garbage);
        final byte[] address = Secp256k1.recoverAddress(digest, signature);

        if (null != address)
        {
            assertThat(address).hasSize(Secp256k1.ADDRESS_LENGTH);
        }
        assertThat(Secp256k1.verify(digest, signature, new byte[Secp256k1.ADDRESS_LENGTH])).isFalse();
        assertThat(Secp256k1.verifyDer(digest, garbage, garbage)).isFalse();
    }
}
