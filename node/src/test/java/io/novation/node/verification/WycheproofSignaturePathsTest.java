package io.novation.node.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Wycheproof ECDSA secp256k1 / SHA-256 vectors through both signature paths. The 20 valid vectors the native path
 * used to refuse are all DER signatures shorter than 64 bytes (small r or s): ACINQ's binding guesses a signature's
 * format from its length and refuses those as "invalid signature size", so our wrapper now decodes DER itself and
 * hands the library compact bytes. Each of the 20 is then classified the way Ethereum sees its (r, s): six have a high
 * s (EIP-2 refuses them; two of those also need a nonce point with x at least n, recovery id 2 or 3, which v in
 * {27, 28} cannot carry) and both recovery paths refuse them alike; fourteen are signatures Ethereum accepts, and both
 * paths recover their key.
 */
class WycheproofSignaturePathsTest
{
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final NativeSecp256k1Recovery NATIVE = NativeSecp256k1Recovery.load();

    /** How Ethereum (ecrecover with v of 27 or 28, EIP-2's low s) sees a vector's (r, s). */
    private enum EthereumVerdict
    {
        /** Low s and a nonce point with x below n: a valid Ethereum signature. */
        ACCEPTS,
        /** s above n / 2: refused by EIP-2 (its low-s twin is accepted). */
        REFUSES_HIGH_S,
        /** s above n / 2 and a nonce point with x at least n (recovery id 2 or 3): refused twice over. */
        REFUSES_HIGH_S_AND_RECOVERY_ID_ABOVE_1
    }

    /** The 20 vectors the binding refused when handed DER, with why Ethereum accepts or refuses each. */
    private static final Map<Integer, EthereumVerdict> NATIVE_USED_TO_REFUSE = Map.ofEntries(
        entry(350, EthereumVerdict.REFUSES_HIGH_S_AND_RECOVERY_ID_ABOVE_1), // k*G has a large x-coordinate
        entry(355, EthereumVerdict.ACCEPTS), // small r and s
        entry(356, EthereumVerdict.ACCEPTS),
        entry(357, EthereumVerdict.ACCEPTS),
        entry(358, EthereumVerdict.ACCEPTS),
        entry(359, EthereumVerdict.ACCEPTS),
        entry(360, EthereumVerdict.ACCEPTS),
        entry(363, EthereumVerdict.REFUSES_HIGH_S), // small r and s^-1
        entry(364, EthereumVerdict.REFUSES_HIGH_S), // smallish r and s^-1
        entry(365, EthereumVerdict.REFUSES_HIGH_S), // 100-bit r and small s^-1
        entry(366, EthereumVerdict.ACCEPTS), // small r and 100-bit s^-1
        entry(367, EthereumVerdict.ACCEPTS), // 100-bit r and s^-1
        entry(369, EthereumVerdict.ACCEPTS), // r and s are 64-bit integers
        entry(370, EthereumVerdict.ACCEPTS), // 100-bit
        entry(371, EthereumVerdict.ACCEPTS), // 128-bit
        entry(372, EthereumVerdict.ACCEPTS), // 160-bit
        entry(373, EthereumVerdict.ACCEPTS), // s == 1
        entry(467, EthereumVerdict.REFUSES_HIGH_S), // r = 1, x = 1
        entry(471, EthereumVerdict.REFUSES_HIGH_S_AND_RECOVERY_ID_ABOVE_1), // r = 2, x = n + 2
        entry(475, EthereumVerdict.ACCEPTS)); // s = 2^128

    private record Vector(int id, String comment, String result, byte[] publicKey, byte[] digest, byte[] der)
    {
    }

    private static List<Vector> vectors()
    {
        final JsonNode suite;
        try (InputStream in = Objects.requireNonNull(WycheproofSignaturePathsTest.class.getResourceAsStream(
            "/vectors/sig/wycheproof_ecdsa_secp256k1_sha256_test.json")))
        {
            suite = new ObjectMapper().readTree(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<Vector> vectors = new ArrayList<>();
        for (final JsonNode group : suite.get("testGroups"))
        {
            final byte[] publicKey = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (final JsonNode test : group.get("tests"))
            {
                vectors.add(new Vector(test.get("tcId").asInt(), test.get("comment").asText(),
                    test.get("result").asText(), publicKey, sha256(Hex.decode(test.get("msg").asText())),
                    Hex.decode(test.get("sig").asText())));
            }
        }
        assertThat(vectors).hasSize(suite.get("numberOfTests").asInt());
        return vectors;
    }

    private static byte[] sha256(final byte[] message)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(message);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] addressOf(final byte[] publicKey)
    {
        return Arrays.copyOfRange(Keccak256.hash(publicKey, 1, 64), 12, 32);
    }

    @Test
    void shouldFindBothPathsAgreeingWithEveryVector()
    {
        final List<Integer> javaDisagrees = new ArrayList<>();
        final List<Integer> nativeDisagrees = new ArrayList<>();
        for (final Vector vector : vectors())
        {
            final boolean java = Secp256k1.verifyDer(vector.digest(), vector.der(), vector.publicKey());
            final boolean fast = NATIVE.verifyDer(vector.digest(), vector.der(), vector.publicKey());
            if ("acceptable".equals(vector.result()))
            {
                assertThat(fast).as("tcId %d", vector.id()).isEqualTo(java);
                continue;
            }
            final boolean expected = "valid".equals(vector.result());
            if (java != expected)
            {
                javaDisagrees.add(vector.id());
            }
            if (fast != expected)
            {
                nativeDisagrees.add(vector.id());
            }
        }
        assertThat(javaDisagrees).isEmpty();
        assertThat(nativeDisagrees).isEmpty();
    }

    @Test
    void shouldFindTheTwentyAmongTheValidShortDerSignaturesTheBindingRefusesByLength()
    {
        final fr.acinq.secp256k1.Secp256k1 binding = fr.acinq.secp256k1.Secp256k1.Companion.get();
        final List<Integer> refusedByLength = new ArrayList<>();
        for (final Vector vector : vectors())
        {
            if ("valid".equals(vector.result()) && vector.der().length < 64)
            {
                refusedByLength.add(vector.id());
                assertThatThrownBy(() -> binding.signatureNormalize(vector.der()))
                    .as("tcId %d", vector.id()).hasMessageContaining("invalid signature size");
            }
        }
        assertThat(refusedByLength).containsExactlyInAnyOrderElementsOf(NATIVE_USED_TO_REFUSE.keySet());
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseIdenticallyOnBothRecoveryPathsWhatEthereumRefuses()
    {
        return vectors().stream().filter(vector -> NATIVE_USED_TO_REFUSE.containsKey(vector.id()))
            .map(vector -> DynamicTest.dynamicTest("tcId " + vector.id() + " (" + vector.comment() + "): " +
                NATIVE_USED_TO_REFUSE.get(vector.id()), () -> classify(vector)));
    }

    private static void classify(final Vector vector)
    {
        final byte[] compact = Secp256k1.derToCompact(vector.der());
        final BigInteger r = new BigInteger(1, Arrays.copyOf(compact, 32));
        final BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
        // The nonce point R = (e / s) G + (r / s) Q, as a verifier computes it.
        final BigInteger e = new BigInteger(1, vector.digest());
        final BigInteger w = s.modInverse(N);
        final ECPoint q = CURVE.getCurve().decodePoint(vector.publicKey());
        final ECPoint nonce = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), e.multiply(w).mod(N), q,
            r.multiply(w).mod(N)).normalize();
        final boolean highS = s.compareTo(N.shiftRight(1)) > 0;
        final boolean xAtLeastN = nonce.getAffineXCoord().toBigInteger().compareTo(N) >= 0;
        final EthereumVerdict verdict = !highS ? EthereumVerdict.ACCEPTS : xAtLeastN ?
            EthereumVerdict.REFUSES_HIGH_S_AND_RECOVERY_ID_ABOVE_1 : EthereumVerdict.REFUSES_HIGH_S;
        assertThat(verdict).isEqualTo(NATIVE_USED_TO_REFUSE.get(vector.id()));
        assertThat(xAtLeastN && !highS).as("no low-s vector needs recovery id 2 or 3").isFalse();

        final byte[] signer = addressOf(vector.publicKey());
        final byte[] rBytes = BigIntegers.asUnsignedByteArray(32, r);
        final boolean oddY = nonce.getAffineYCoord().testBitZero();
        final List<byte[]> recovered = new ArrayList<>();
        for (final int v : new int[] {Secp256k1.V_EVEN_Y, Secp256k1.V_ODD_Y})
        {
            final EcdsaSignature signature = EcdsaSignature.of(rBytes, BigIntegers.asUnsignedByteArray(32, s), v);
            final byte[] java = SignerRecovery.PURE_JAVA.recoverAddress(vector.digest(), signature);
            assertThat(NATIVE.recoverAddress(vector.digest(), signature)).as("v = %d", v).isEqualTo(java);
            recovered.add(java);
        }
        // Ethereum's low-s twin of a high-s signature: (r, n - s) with the nonce point's parity flipped.
        final EcdsaSignature lowSTwin = EcdsaSignature.of(rBytes, BigIntegers.asUnsignedByteArray(32, N.subtract(s)),
            oddY ? Secp256k1.V_EVEN_Y : Secp256k1.V_ODD_Y);
        final byte[] twinJava = SignerRecovery.PURE_JAVA.recoverAddress(vector.digest(), lowSTwin);
        assertThat(NATIVE.recoverAddress(vector.digest(), lowSTwin)).isEqualTo(twinJava);
        switch (verdict)
        {
            case ACCEPTS ->
            {
                final int v = oddY ? 1 : 0;
                assertThat(recovered.get(v)).as("recovers its key with v = %d", 27 + v).isEqualTo(signer);
                assertThat(recovered.get(1 - v)).isNotEqualTo(signer);
            }
            case REFUSES_HIGH_S ->
            {
                assertThat(recovered).as("refused, EIP-2").containsOnlyNulls();
                assertThat(twinJava).as("the low-s twin recovers the key").isEqualTo(signer);
            }
            case REFUSES_HIGH_S_AND_RECOVERY_ID_ABOVE_1 ->
            {
                assertThat(recovered).as("refused, EIP-2").containsOnlyNulls();
                assertThat(twinJava).as("even the low-s twin cannot name a nonce point with x >= n")
                    .isNotEqualTo(signer);
            }
            default -> throw new AssertionError(verdict);
        }
    }
}
