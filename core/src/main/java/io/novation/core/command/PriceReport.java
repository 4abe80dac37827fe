package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;

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
    static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the publisher signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        return new PriceReportHasher().digest(this, domainSeparator);
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
