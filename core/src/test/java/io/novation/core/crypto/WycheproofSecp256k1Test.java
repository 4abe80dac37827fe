package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@link Secp256k1#verifyDer} against every Wycheproof ECDSA secp256k1 / SHA-256 verification vector.
 */
class WycheproofSecp256k1Test
{
    private static final Object SUITE =
        TestVectors.parseJson(TestVectors.readResource("vectors/sig/wycheproof_ecdsa_secp256k1_sha256_test.json"));

    private record Vector(long id, String comment, byte[] publicKey, byte[] message, byte[] signature, String result)
    {
    }

    private static List<Vector> vectors()
    {
        final List<Vector> vectors = new ArrayList<>();
        for (final Object group : TestVectors.array(SUITE, "testGroups"))
        {
            assertThat(TestVectors.string(group, "sha")).isEqualTo("SHA-256");
            final byte[] publicKey =
                Hex.decode(TestVectors.string(TestVectors.object(group, "publicKey"), "uncompressed"));
            for (final Object test : TestVectors.array(group, "tests"))
            {
                vectors.add(new Vector(
                    TestVectors.number(test, "tcId"),
                    TestVectors.string(test, "comment"),
                    publicKey,
                    Hex.decode(TestVectors.string(test, "msg")),
                    Hex.decode(TestVectors.string(test, "sig")),
                    TestVectors.string(test, "result")));
            }
        }
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

    @Test
    void shouldReadAsManyVectorsAsTheSuiteDeclares()
    {
        final List<Vector> vectors = vectors();
        assertThat((long)vectors.size()).isEqualTo(TestVectors.number(SUITE, "numberOfTests"));
        assertThat(vectors).extracting(Vector::result).isSubsetOf("valid", "invalid", "acceptable");
    }

    @TestFactory
    Stream<DynamicTest> shouldAgreeWithEveryVector()
    {
        return vectors().stream().map(vector -> DynamicTest.dynamicTest(
            "tcId " + vector.id() + " (" + vector.result() + "): " + vector.comment(),
            () ->
            {
                final boolean verified =
                    Secp256k1.verifyDer(sha256(vector.message()), vector.signature(), vector.publicKey());
                switch (vector.result())
                {
                    case "valid" -> assertThat(verified).as("valid signature accepted").isTrue();
                    case "invalid" -> assertThat(verified).as("invalid signature rejected").isFalse();
                    default ->
                    {
                        // "acceptable": either answer is allowed, but it must be an answer, not an exception.
                    }
                }
            }));
    }
}
