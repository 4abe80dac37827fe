package io.novation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Wycheproof ECDSA secp256k1 / SHA-256 vectors (476 cases) through both signature paths: both agree with
 * every vector. (libsecp256k1 once seemed to refuse 20 valid signatures: they were DER encodings shorter than 64
 * bytes, which ACINQ's binding refuses by length; the node's wrapper now decodes DER itself, see
 * node's WycheproofSignaturePathsTest for the classification.)
 */
class NativeSecp256k1WycheproofTest
{
    @Test
    void shouldFindBothPathsAgreeingWithEveryVector()
        throws IOException, NoSuchAlgorithmException
    {
        final JsonNode suite;
        try (InputStream in = Objects.requireNonNull(
            getClass().getResourceAsStream("/wycheproof_ecdsa_secp256k1_sha256_test.json")))
        {
            suite = new ObjectMapper().readTree(in);
        }
        final List<Integer> javaDisagrees = new ArrayList<>();
        final List<Integer> nativeDisagrees = new ArrayList<>();
        int cases = 0;
        for (final JsonNode group : suite.get("testGroups"))
        {
            final byte[] publicKey = Hex.decode(group.get("publicKey").get("uncompressed").asText());
            for (final JsonNode test : group.get("tests"))
            {
                final String result = test.get("result").asText();
                cases++;
                if ("acceptable".equals(result))
                {
                    continue;
                }
                final boolean expected = "valid".equals(result);
                final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Hex.decode(test.get("msg").asText()));
                final byte[] der = Hex.decode(test.get("sig").asText());
                if (Secp256k1.verifyDer(digest, der, publicKey) != expected)
                {
                    javaDisagrees.add(test.get("tcId").asInt());
                }
                if (NativeSecp256k1.verifyDer(digest, der, publicKey) != expected)
                {
                    nativeDisagrees.add(test.get("tcId").asInt());
                }
            }
        }
        assertThat(cases).isEqualTo(suite.get("numberOfTests").asInt());
        assertThat(javaDisagrees).isEmpty();
        assertThat(nativeDisagrees).isEmpty();
    }
}
