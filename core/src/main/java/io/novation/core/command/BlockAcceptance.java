package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;

import java.util.Arrays;
import java.util.Objects;

/**
 * The taker's side of a block trade: the digest of the maker's package it accepts, the most fee in quote quantums
 * the taker accepts (the executor's fee and the broker's fee together), the broker the taker pays and its fee in
 * quote quantums (none: zero address, 0, 0), a nonce and an expiry in epoch milliseconds, signed by the taker (or a
 * session key with the trade scope) over the EIP-712 struct {@code BlockAcceptance}.
 * Immutable; equal by content.
 *
 * @param taker         the taker's address.
 * @param subaccount    the taker's subaccount.
 * @param packageDigest the maker's package digest, 32 bytes.
 * @param maxFee        the most fee the taker pays, quote quantums.
 * @param broker        the broker the taker pays, or null for none.
 * @param brokerSubaccount the broker's subaccount, 0 when there is none.
 * @param brokerFee     the broker's fee, quote quantums, 0 when there is none.
 * @param nonce         the taker's nonce (a nonce floor of the subaccount refuses lower ones).
 * @param expiry        epoch ms from which the acceptance may not execute.
 * @param signature     the taker's EIP-712 signature, or null when unsigned (trusted simulations).
 */
public record BlockAcceptance(Address taker, int subaccount, byte[] packageDigest, long maxFee, Address broker,
    int brokerSubaccount, long brokerFee, long nonce, long expiry, EcdsaSignature signature)
{
    /** The EIP-712 type of an acceptance. */
    public static final String EIP712_TYPE = "BlockAcceptance(address taker,uint32 subaccount,bytes32 package," +
        "uint64 maxFee,address broker,uint32 brokerSubaccount,uint64 brokerFee,uint64 nonce,uint64 expiry)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * An acceptance; the digest is copied.
     */
    public BlockAcceptance
    {
        packageDigest = packageDigest == null ? null : packageDigest.clone();
    }

    /**
     * An acceptance that pays no broker.
     *
     * @param taker         the taker's address.
     * @param subaccount    the taker's subaccount.
     * @param packageDigest the maker's package digest, 32 bytes.
     * @param maxFee        the most fee the taker pays, quote quantums.
     * @param nonce         the taker's nonce.
     * @param expiry        epoch ms from which the acceptance may not execute.
     * @param signature     the taker's EIP-712 signature, or null.
     */
    public BlockAcceptance(final Address taker, final int subaccount, final byte[] packageDigest, final long maxFee,
        final long nonce, final long expiry, final EcdsaSignature signature)
    {
        this(taker, subaccount, packageDigest, maxFee, null, 0, 0, nonce, expiry, signature);
    }

    /**
     * Whether the acceptance names exactly this broker, subaccount and fee (null broker: none, 0, 0).
     *
     * @param otherBroker     the broker, or null.
     * @param otherSubaccount the broker's subaccount.
     * @param otherFee        the broker's fee, quote quantums.
     * @return true when all three equal the signed ones.
     */
    public boolean namesBroker(final Address otherBroker, final int otherSubaccount, final long otherFee)
    {
        return Objects.equals(broker, otherBroker) && brokerSubaccount == otherSubaccount && brokerFee == otherFee;
    }

    /**
     * The EIP-712 digest the taker signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     * @throws IllegalArgumentException when the package digest is not 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 10];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, taker.toBytes());
        Eip712.putUint256(words, 64, Integer.toUnsignedLong(subaccount));
        Eip712.putBytes32(words, 96, packageDigest);
        Eip712.putUint256(words, 128, maxFee);
        if (broker != null)
        {
            Eip712.putAddress(words, 160, broker.toBytes());
        }
        Eip712.putUint256(words, 192, Integer.toUnsignedLong(brokerSubaccount));
        Eip712.putUint256(words, 224, brokerFee);
        Eip712.putUint256(words, 256, nonce);
        Eip712.putUint256(words, 288, expiry);
        return Eip712.digest(domainSeparator, io.novation.core.crypto.Keccak256.hash(words));
    }

    /**
     * The package digest.
     *
     * @return 32 bytes (a copy), or null.
     */
    @Override
    public byte[] packageDigest()
    {
        return packageDigest == null ? null : packageDigest.clone();
    }

    /**
     * Whether the acceptance names a package digest.
     *
     * @param digest 32 bytes.
     * @return true when equal.
     */
    public boolean accepts(final byte[] digest)
    {
        return packageDigest != null && Arrays.equals(packageDigest, digest);
    }

    /**
     * The same acceptance with a signature.
     *
     * @param newSignature the signature.
     * @return a new acceptance.
     */
    public BlockAcceptance withSignature(final EcdsaSignature newSignature)
    {
        return new BlockAcceptance(taker, subaccount, packageDigest, maxFee, broker, brokerSubaccount, brokerFee, nonce,
            expiry, newSignature);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof BlockAcceptance other && subaccount == other.subaccount && maxFee == other.maxFee &&
            nonce == other.nonce && expiry == other.expiry && Objects.equals(taker, other.taker) &&
            namesBroker(other.broker, other.brokerSubaccount, other.brokerFee) &&
            Arrays.equals(packageDigest, other.packageDigest) && Objects.equals(signature, other.signature);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(taker, subaccount, Arrays.hashCode(packageDigest), maxFee, broker, brokerSubaccount,
            brokerFee, nonce, expiry, signature);
    }

    @Override
    public String toString()
    {
        return "BlockAcceptance{" + taker + "/" + subaccount + " maxFee=" + maxFee + " broker=" + broker + "/" +
            brokerSubaccount + " brokerFee=" + brokerFee + " nonce=" + nonce + " expiry=" + expiry + "}";
    }
}
