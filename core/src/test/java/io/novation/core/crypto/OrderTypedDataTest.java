package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OrderTypedDataTest
{
    private static final String ORDER_TYPE =
        "Order(address account,uint32 subaccount,uint32 market,bool isBuy,uint64 size,uint64 limitPrice," +
        "uint64 nonce,uint64 expiry,bool reduceOnly)";
    private static final byte[] TRADER_KEY = Keccak256.hash("trader".getBytes(StandardCharsets.UTF_8));
    private static final byte[] ACCOUNT = Secp256k1.addressOf(TRADER_KEY);
    private static final byte[] BRIDGE = Hex.decode("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    /** A big-endian 32-byte word built with BigInteger, independently of the Eip712 encoders. */
    private static byte[] word(final BigInteger unsigned)
    {
        final byte[] magnitude = unsigned.toByteArray();
        final byte[] word = new byte[32];
        final int copy = Math.min(magnitude.length, 32);
        System.arraycopy(magnitude, magnitude.length - copy, word, 32 - copy, copy);
        return word;
    }

    private static byte[] handBuiltStructHash(
        final byte[] account, final String subaccount, final String market, final boolean isBuy, final String size,
        final String limitPrice, final String nonce, final String expiry, final boolean reduceOnly)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Keccak256.hash(ORDER_TYPE.getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(new byte[12]);
        out.writeBytes(account);
        out.writeBytes(word(new BigInteger(subaccount)));
        out.writeBytes(word(new BigInteger(market)));
        out.writeBytes(word(isBuy ? BigInteger.ONE : BigInteger.ZERO));
        out.writeBytes(word(new BigInteger(size)));
        out.writeBytes(word(new BigInteger(limitPrice)));
        out.writeBytes(word(new BigInteger(nonce)));
        out.writeBytes(word(new BigInteger(expiry)));
        out.writeBytes(word(reduceOnly ? BigInteger.ONE : BigInteger.ZERO));
        final byte[] encoded = out.toByteArray();
        assertThat(encoded).hasSize(10 * 32);
        return Keccak256.hash(encoded);
    }

    @Test
    void shouldUseTheDocumentedTypeStringAndDomain()
    {
        assertThat(OrderTypedData.ORDER_TYPE).isEqualTo(ORDER_TYPE);
        assertThat(OrderTypedData.typeHash()).isEqualTo(Keccak256.hash(ORDER_TYPE.getBytes(StandardCharsets.UTF_8)));
        assertThat(OrderTypedData.DOMAIN_NAME).isEqualTo("Novation");
        assertThat(OrderTypedData.DOMAIN_VERSION).isEqualTo("1");
    }

    @Test
    void shouldHashAnOrderAsTheTypeHashFollowedByItsAbiWords()
    {
        final byte[] structHash = OrderTypedData.structHash(
            ACCOUNT, 3, 17, true, 2_500_000L, 64_123_450_000L, 42L, 1_767_225_600_000L, false);

        assertThat(structHash).isEqualTo(handBuiltStructHash(
            ACCOUNT, "3", "17", true, "2500000", "64123450000", "42", "1767225600000", false));
    }

    @Test
    void shouldEncodeEveryFieldOnItsOwnWord()
    {
        final byte[] base = OrderTypedData.structHash(ACCOUNT, 0, 0, false, 0L, 0L, 0L, 0L, false);

        assertThat(OrderTypedData.structHash(ACCOUNT, 0, 0, false, 0L, 0L, 0L, 0L, true)).isNotEqualTo(base);
        assertThat(OrderTypedData.structHash(ACCOUNT, 0, 0, true, 0L, 0L, 0L, 0L, false)).isNotEqualTo(base);
        assertThat(OrderTypedData.structHash(ACCOUNT, 1, 0, false, 0L, 0L, 0L, 0L, false))
            .isNotEqualTo(OrderTypedData.structHash(ACCOUNT, 0, 1, false, 0L, 0L, 0L, 0L, false));
        assertThat(OrderTypedData.structHash(ACCOUNT, 0, 0, false, 1L, 0L, 0L, 0L, false))
            .isNotEqualTo(OrderTypedData.structHash(ACCOUNT, 0, 0, false, 0L, 1L, 0L, 0L, false));
        assertThat(OrderTypedData.structHash(ACCOUNT, 0, 0, false, 0L, 0L, 1L, 0L, false))
            .isNotEqualTo(OrderTypedData.structHash(ACCOUNT, 0, 0, false, 0L, 0L, 0L, 1L, false));
    }

    @Test
    void shouldEncodeLargestValuesAsUnsigned()
    {
        final byte[] structHash = OrderTypedData.structHash(
            ACCOUNT, Integer.MAX_VALUE, -1, false, Long.MAX_VALUE, -1L, Long.MIN_VALUE, 0L, true);

        assertThat(structHash).isEqualTo(handBuiltStructHash(
            ACCOUNT, "2147483647", "4294967295", false, "9223372036854775807", "18446744073709551615",
            "9223372036854775808", "0", true));
    }

    @Test
    void shouldDigestInTheGivenDomainAndRecoverTheTrader()
    {
        final byte[] domain = Eip712.domainSeparator(
            OrderTypedData.DOMAIN_NAME, OrderTypedData.DOMAIN_VERSION, 1337L, BRIDGE);
        final byte[] structHash = OrderTypedData.structHash(
            ACCOUNT, 0, 1, false, 1_000L, 3_000_000_000L, 7L, 1_767_225_600_000L, true);
        final byte[] digest = OrderTypedData.digest(
            domain, ACCOUNT, 0, 1, false, 1_000L, 3_000_000_000L, 7L, 1_767_225_600_000L, true);

        assertThat(digest).isEqualTo(Eip712.digest(domain, structHash));
        final EcdsaSignature signature = Secp256k1.sign(digest, TRADER_KEY);
        assertThat(Secp256k1.recoverAddress(digest, signature)).isEqualTo(ACCOUNT);

        final byte[] otherChain = Eip712.domainSeparator(
            OrderTypedData.DOMAIN_NAME, OrderTypedData.DOMAIN_VERSION, 1L, BRIDGE);
        final byte[] replayed = OrderTypedData.digest(
            otherChain, ACCOUNT, 0, 1, false, 1_000L, 3_000_000_000L, 7L, 1_767_225_600_000L, true);
        assertThat(Secp256k1.verify(replayed, signature, ACCOUNT)).isFalse();
    }

    @Test
    void shouldRejectAMisshapenAccountOrDomain()
    {
        assertThatThrownBy(() -> OrderTypedData.structHash(new byte[19], 0, 0, false, 0L, 0L, 0L, 0L, false))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderTypedData.digest(new byte[31], ACCOUNT, 0, 0, false, 0L, 0L, 0L, 0L, false))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderTypedData.digest(new Keccak256(), new byte[33], ACCOUNT, 0, 0, false, 0L, 0L,
            0L, 0L, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
