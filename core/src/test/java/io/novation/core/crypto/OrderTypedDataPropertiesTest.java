package io.novation.core.crypto;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order digest computed with one hasher a thread keeps is the digest of the EIP-712 definition (the signing
 * digest over the struct hash, each with a fresh Keccak state), whatever the hasher absorbed before.
 */
class OrderTypedDataPropertiesTest
{
    /** One hasher for every try, as a verifier thread keeps one for all the orders it sees. */
    private final Keccak256 reused = new Keccak256();

    @Property(tries = 2000)
    void shouldDigestWithAReusedHasherAsWithFreshOnes(
        @ForAll @Size(32) final byte[] domain,
        @ForAll @Size(20) final byte[] account,
        @ForAll final int subaccount,
        @ForAll final int market,
        @ForAll final boolean isBuy,
        @ForAll final long size,
        @ForAll final long limitPrice,
        @ForAll final long nonce,
        @ForAll final long expiry,
        @ForAll final boolean reduceOnly,
        @ForAll @Size(max = 300) final byte[] leftOver)
    {
        reused.update(leftOver);

        final byte[] digest = OrderTypedData.digest(reused, domain, account, subaccount, market, isBuy, size,
            limitPrice, nonce, expiry, reduceOnly);

        final byte[] structHash =
            OrderTypedData.structHash(account, subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly);
        assertThat(digest).isEqualTo(Eip712.digest(domain, structHash));
        assertThat(OrderTypedData.digest(domain, account, subaccount, market, isBuy, size, limitPrice, nonce, expiry,
            reduceOnly)).isEqualTo(digest);
        assertThat(reused.update(domain).digest()).as("the hasher is left reset").isEqualTo(Keccak256.hash(domain));
    }
}
