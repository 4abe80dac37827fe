package io.novation.node.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native and pure-Java recovery paths answer alike: on the EIP-155 example and on random signatures, valid ones
 * from random keys and their corruptions (a flipped bit of r, s or the digest, the high-s twin, the other v, v out of
 * range, random r and s). The count is {@value #DEFAULT_COUNT} by default; run a million with
 * {@code -Dnovation.agreement.signatures=1000000}.
 */
class SignerRecoveryAgreementTest
{
    private static final int DEFAULT_COUNT = 20_000;
    private static final BigInteger N = new BigInteger(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final NativeSecp256k1Recovery NATIVE = NativeSecp256k1Recovery.load();

    @Test
    void shouldRecoverTheEip155ExampleSignerOnBothPaths() throws IOException
    {
        final JsonNode example;
        try (InputStream in = Objects.requireNonNull(
            getClass().getResourceAsStream("/vectors/sig/eip155_example_expected.json")))
        {
            example = new ObjectMapper().readTree(in);
        }
        final byte[] digest = Hex.decode(example.get("signingHash").asText());
        final int recoveryId = example.get("v").asInt() - 35 - 2 * example.get("chainId").asInt();
        final EcdsaSignature signature = EcdsaSignature.of(
            scalar(new BigInteger(example.get("r").asText())), scalar(new BigInteger(example.get("s").asText())),
            Secp256k1.V_EVEN_Y + recoveryId);
        final byte[] signer = Secp256k1.addressOf(Hex.decode(example.get("privateKey").asText()));

        assertThat(SignerRecovery.PURE_JAVA.recoverAddress(digest, signature)).isEqualTo(signer);
        assertThat(NATIVE.recoverAddress(digest, signature)).isEqualTo(signer);
    }

    @Test
    void shouldAgreeOnRandomSignaturesAndTheirCorruptions()
    {
        final int count = Integer.getInteger("novation.agreement.signatures", DEFAULT_COUNT);
        final SplittableRandom random = new SplittableRandom(23);
        int recovered = 0;
        int refused = 0;
        final long started = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            final byte[] key = new byte[32];
            final byte[] digest = new byte[32];
            random.nextBytes(key);
            random.nextBytes(digest);
            key[0] &= 0x7F; // below n
            key[31] |= 1; // not zero
            final EcdsaSignature valid = Secp256k1.sign(digest, key);
            final byte[] signed = digest.clone();
            final EcdsaSignature signature = variant(valid, digest, random);
            final byte[] java = SignerRecovery.PURE_JAVA.recoverAddress(digest, signature);
            final byte[] fast = NATIVE.recoverAddress(digest, signature);
            if (!Arrays.equals(java, fast))
            {
                throw new AssertionError("the paths disagree on " + signature + " over " + Hex.encode(digest) +
                    ": pure Java " + (java == null ? null : Hex.encode(java)) + ", native " +
                    (fast == null ? null : Hex.encode(fast)));
            }
            if (signature == valid && Arrays.equals(digest, signed))
            {
                assertThat(java).isEqualTo(Secp256k1.addressOf(key));
            }
            if (java == null)
            {
                refused++;
            }
            else
            {
                recovered++;
            }
        }
        System.out.printf("%,d signatures: both paths agree (%,d recovered, %,d refused) in %.1f s%n", count,
            recovered, refused, (System.nanoTime() - started) / 1e9);
        assertThat(recovered).isPositive();
        assertThat(refused).isPositive();
    }

    /** The valid signature half the time, else one of its corruptions (the digest corrupted in place). */
    private static EcdsaSignature variant(final EcdsaSignature valid, final byte[] digest,
        final SplittableRandom random)
    {
        final byte[] r = valid.r();
        final byte[] s = valid.s();
        final int v = valid.v();
        return switch (random.nextInt(16))
        {
            case 0 -> EcdsaSignature.of(flip(r, random), s, v);
            case 1 -> EcdsaSignature.of(r, flip(s, random), v);
            case 2 ->
            {
                digest[random.nextInt(32)] ^= (byte)(1 << random.nextInt(8));
                yield valid;
            }
            case 3 -> EcdsaSignature.of(r, scalar(N.subtract(new BigInteger(1, s))),
                Secp256k1.V_EVEN_Y + Secp256k1.V_ODD_Y - v);
            case 4 -> EcdsaSignature.of(r, s, v == Secp256k1.V_EVEN_Y ? Secp256k1.V_ODD_Y : Secp256k1.V_EVEN_Y);
            case 5 -> EcdsaSignature.of(r, s, v - 27);
            case 6 -> EcdsaSignature.of(r, s, random.nextInt(256));
            case 7 ->
            {
                final byte[] randomR = new byte[32];
                final byte[] randomS = new byte[32];
                random.nextBytes(randomR);
                random.nextBytes(randomS);
                yield EcdsaSignature.of(randomR, randomS, 27 + random.nextInt(2));
            }
            default -> valid;
        };
    }

    private static byte[] flip(final byte[] scalar, final SplittableRandom random)
    {
        scalar[random.nextInt(32)] ^= (byte)(1 << random.nextInt(8));
        return scalar;
    }

    private static byte[] scalar(final BigInteger value)
    {
        final byte[] bytes = new byte[32];
        final byte[] magnitude = value.toByteArray();
        final int length = Math.min(32, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - length, bytes, 32 - length, length);
        return bytes;
    }
}
