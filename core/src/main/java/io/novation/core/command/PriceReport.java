package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * One publisher's signed observation of an oracle's price: price units at the oracle's exponent, published at an
 * epoch-millisecond time of the publisher's clock. The publisher signs the EIP-712 struct
 * {@code PriceReport(uint32 oracle,uint64 price,uint64 publishedAt)} under the engine's domain; the report names its
 * publisher, and the signature must recover to that address.
 *
 * @param oracleId    oracle id.
 * @param price       positive price units.
 * @param publishedAt the publisher's time, epoch ms.
 * @param publisher   the publisher's address.
 * @param signature   the publisher's signature, or null where signatures are trusted.
 */
public record PriceReport(int oracleId, long price, long publishedAt, Address publisher, EcdsaSignature signature)
{
    /** The EIP-712 type of a price report. */
    public static final String EIP712_TYPE = "PriceReport(uint32 oracle,uint64 price,uint64 publishedAt)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the publisher signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 4];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putUint256(words, 32, oracleId);
        Eip712.putUint256(words, 64, price);
        Eip712.putUint256(words, 96, publishedAt);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * The same report with a signature.
     *
     * @param newSignature the signature.
     * @return a new report.
     */
    public PriceReport withSignature(final EcdsaSignature newSignature)
    {
        return new PriceReport(oracleId, price, publishedAt, publisher, newSignature);
    }
}
