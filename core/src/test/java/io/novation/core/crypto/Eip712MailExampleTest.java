package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Reproduces the "Mail" example of EIP-712 end to end: type hash, encoded data, struct hash, domain separator,
 * digest, the signature of the example key and the recovery of its address.
 */
class Eip712MailExampleTest
{
    private static final String PERSON_TYPE = "Person(string name,address wallet)";
    private static final Object EXAMPLE =
        TestVectors.parseJson(TestVectors.readResource("vectors/eip712/eip712_mail_expected.json"));

    private static byte[] expected(final String field)
    {
        return Hex.decode(TestVectors.string(EXAMPLE, field));
    }

    private static byte[] personHash(final Map<String, Object> person)
    {
        final byte[] encoded = new byte[3 * Eip712.WORD_LENGTH];
        Eip712.putBytes32(encoded, 0, Eip712.typeHash(PERSON_TYPE));
        Eip712.putString(encoded, Eip712.WORD_LENGTH, TestVectors.string(person, "name"));
        Eip712.putAddress(encoded, 2 * Eip712.WORD_LENGTH, Hex.decode(TestVectors.string(person, "wallet")));
        return Keccak256.hash(encoded);
    }

    private static byte[] mailEncodedData()
    {
        final Map<String, Object> message = TestVectors.object(EXAMPLE, "message");
        final String mailType = TestVectors.string(EXAMPLE, "encodeType_Mail");
        final byte[] encoded = new byte[4 * Eip712.WORD_LENGTH];
        Eip712.putBytes32(encoded, 0, Eip712.typeHash(mailType));
        Eip712.putBytes32(encoded, Eip712.WORD_LENGTH, personHash(TestVectors.object(message, "from")));
        Eip712.putBytes32(encoded, 2 * Eip712.WORD_LENGTH, personHash(TestVectors.object(message, "to")));
        Eip712.putString(encoded, 3 * Eip712.WORD_LENGTH, TestVectors.string(message, "contents"));
        return encoded;
    }

    private static byte[] domainSeparator()
    {
        final Map<String, Object> domain = TestVectors.object(EXAMPLE, "domain");
        return Eip712.domainSeparator(
            TestVectors.string(domain, "name"),
            TestVectors.string(domain, "version"),
            TestVectors.number(domain, "chainId"),
            Hex.decode(TestVectors.string(domain, "verifyingContract")));
    }

    private static byte[] digest()
    {
        return Eip712.digest(domainSeparator(), Keccak256.hash(mailEncodedData()));
    }

    private static byte[] privateKey()
    {
        final String field = TestVectors.string(EXAMPLE, "privateKey");
        return Hex.decode(field.substring(field.lastIndexOf('=') + 1).strip());
    }

    @Test
    void shouldReproduceTheMailTypeHash()
    {
        assertThat(Eip712.typeHash(TestVectors.string(EXAMPLE, "encodeType_Mail")))
            .isEqualTo(expected("typeHash_Mail"));
    }

    @Test
    void shouldReproduceTheMailEncodedDataAndStructHash()
    {
        assertThat(mailEncodedData()).isEqualTo(expected("encodeData_Mail"));
        assertThat(Keccak256.hash(mailEncodedData())).isEqualTo(expected("hashStruct_Mail"));
    }

    @Test
    void shouldReproduceTheDomainSeparator()
    {
        assertThat(domainSeparator()).isEqualTo(expected("domainSeparator"));
    }

    @Test
    void shouldReproduceTheDigest()
    {
        assertThat(digest()).isEqualTo(expected("digest"));
    }

    @Test
    void shouldDeriveTheExampleKeyAndItsAddress()
    {
        assertThat(privateKey()).isEqualTo(Keccak256.hash("cow".getBytes(StandardCharsets.UTF_8)));
        assertThat(Secp256k1.addressOf(privateKey())).isEqualTo(expected("address"));
    }

    @Test
    void shouldReproduceTheExpectedSignature()
    {
        final Map<String, Object> signature = TestVectors.object(EXAMPLE, "signature");
        final EcdsaSignature expectedSignature = EcdsaSignature.of(
            Hex.decode(TestVectors.string(signature, "r")),
            Hex.decode(TestVectors.string(signature, "s")),
            (int)TestVectors.number(signature, "v"));

        assertThat(Secp256k1.sign(digest(), privateKey())).isEqualTo(expectedSignature);
    }

    @Test
    void shouldRecoverTheSignerFromTheExpectedSignature()
    {
        final Map<String, Object> signature = TestVectors.object(EXAMPLE, "signature");
        final EcdsaSignature expectedSignature = EcdsaSignature.of(
            Hex.decode(TestVectors.string(signature, "r")),
            Hex.decode(TestVectors.string(signature, "s")),
            (int)TestVectors.number(signature, "v"));

        assertThat(Secp256k1.recoverAddress(digest(), expectedSignature)).isEqualTo(expected("address"));
        assertThat(Secp256k1.verify(digest(), expectedSignature, expected("address"))).isTrue();
        assertThat(Secp256k1.verify(expected("hashStruct_Mail"), expectedSignature, expected("address"))).isFalse();
    }
}
