package io.novation.core.crypto;

/**
 * The EIP-712 encoding of a Novation order: its type, its struct hash and the digest a trader signs in the
 * {@value #DOMAIN_NAME} domain, version {@value #DOMAIN_VERSION}.
 * <p>
 * Sizes are in base quantums, prices are the market's fixed-point integers, {@code nonce} is the account's order
 * nonce and {@code expiry} is in epoch milliseconds; the hash itself only encodes the integers.
 * Every field is encoded by its bit pattern as the unsigned Solidity type of the same width ({@code int} as
 * {@code uint32}, {@code long} as {@code uint64}), so the hash always matches what the wallet signed; the engine, not
 * this encoding, rejects orders whose values are out of range for it.
 */
public final class OrderTypedData
{
    /**
     * Name of the EIP-712 signing domain of Novation orders.
     */
    public static final String DOMAIN_NAME = "Novation";

    /**
     * Version of the EIP-712 signing domain of Novation orders.
     */
    public static final String DOMAIN_VERSION = "1";

    /**
     * The EIP-712 encoded type of an order.
     */
    public static final String ORDER_TYPE =
        "Order(address account,uint32 subaccount,uint32 market,bool isBuy,uint64 size,uint64 limitPrice," +
        "uint64 nonce,uint64 expiry,bool reduceOnly)";

    private static final int FIELD_COUNT = 9;
    private static final byte[] ORDER_TYPE_HASH = Eip712.typeHash(ORDER_TYPE);

    private OrderTypedData()
    {
    }

    /**
     * The type hash of {@link #ORDER_TYPE}.
     *
     * @return a copy of the 32-byte type hash.
     */
    public static byte[] typeHash()
    {
        return ORDER_TYPE_HASH.clone();
    }

    /**
     * The EIP-712 struct hash of an order: {@code keccak256(typeHash || encodeData(order))}.
     *
     * @param account20  the 20-byte address of the account owner.
     * @param subaccount the subaccount number, encoded as {@code uint32}.
     * @param market     the market id, encoded as {@code uint32}.
     * @param isBuy      true for a buy order.
     * @param size       the order size in base quantums, encoded as {@code uint64}.
     * @param limitPrice the limit price as the market's fixed-point integer price, encoded as {@code uint64}.
     * @param nonce      the order nonce, encoded as {@code uint64}.
     * @param expiry     the expiry time in epoch milliseconds, encoded as {@code uint64}.
     * @param reduceOnly true if the order may only reduce a position.
     * @return the 32-byte struct hash.
     * @throws IllegalArgumentException if the account is not 20 bytes.
     */
    public static byte[] structHash(
        final byte[] account20,
        final int subaccount,
        final int market,
        final boolean isBuy,
        final long size,
        final long limitPrice,
        final long nonce,
        final long expiry,
        final boolean reduceOnly)
    {
        return Keccak256.hash(
            encodeStruct(account20, subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly));
    }

    /** {@code typeHash || encodeData(order)}: ten ABI words. */
    private static byte[] encodeStruct(
        final byte[] account20,
        final int subaccount,
        final int market,
        final boolean isBuy,
        final long size,
        final long limitPrice,
        final long nonce,
        final long expiry,
        final boolean reduceOnly)
    {
        final int word = Eip712.WORD_LENGTH;
        final byte[] encoded = new byte[(1 + FIELD_COUNT) * word];
        Eip712.putBytes32(encoded, 0, ORDER_TYPE_HASH);
        Eip712.putAddress(encoded, word, account20);
        Eip712.putUint256(encoded, 2 * word, Integer.toUnsignedLong(subaccount));
        Eip712.putUint256(encoded, 3 * word, Integer.toUnsignedLong(market));
        Eip712.putBool(encoded, 4 * word, isBuy);
        Eip712.putUint256(encoded, 5 * word, size);
        Eip712.putUint256(encoded, 6 * word, limitPrice);
        Eip712.putUint256(encoded, 7 * word, nonce);
        Eip712.putUint256(encoded, 8 * word, expiry);
        Eip712.putBool(encoded, 9 * word, reduceOnly);
        return encoded;
    }

    /**
     * The digest a trader signs for an order: {@code keccak256(0x19 || 0x01 || domainSeparator || structHash)}.
     *
     * @param domainSeparator the 32-byte separator of the Novation domain on the target chain and contract.
     * @param account20       the 20-byte address of the account owner.
     * @param subaccount      the subaccount number, encoded as {@code uint32}.
     * @param market          the market id, encoded as {@code uint32}.
     * @param isBuy           true for a buy order.
     * @param size            the order size in base quantums, encoded as {@code uint64}.
     * @param limitPrice      the limit price as the market's fixed-point integer price, encoded as {@code uint64}.
     * @param nonce           the order nonce, encoded as {@code uint64}.
     * @param expiry          the expiry time in epoch milliseconds, encoded as {@code uint64}.
     * @param reduceOnly      true if the order may only reduce a position.
     * @return the 32-byte digest.
     * @throws IllegalArgumentException if the separator is not 32 bytes or the account is not 20 bytes.
     */
    public static byte[] digest(
        final byte[] domainSeparator,
        final byte[] account20,
        final int subaccount,
        final int market,
        final boolean isBuy,
        final long size,
        final long limitPrice,
        final long nonce,
        final long expiry,
        final boolean reduceOnly)
    {
        return digest(new Keccak256(), domainSeparator, account20, subaccount, market, isBuy, size, limitPrice, nonce,
            expiry, reduceOnly);
    }

    /**
     * {@link #digest(byte[], byte[], int, int, boolean, long, long, long, long, boolean)} computed with a hasher the
     * caller keeps (one per thread), so that both hashes of the digest, the struct hash and the signing digest, reuse
     * its state instead of each building a Keccak state of its own.
     *
     * @param hasher          a hasher used by this thread only; it is reset first and left reset.
     * @param domainSeparator the 32-byte separator of the Novation domain on the target chain and contract.
     * @param account20       the 20-byte address of the account owner.
     * @param subaccount      the subaccount number, encoded as {@code uint32}.
     * @param market          the market id, encoded as {@code uint32}.
     * @param isBuy           true for a buy order.
     * @param size            the order size in base quantums, encoded as {@code uint64}.
     * @param limitPrice      the limit price as the market's fixed-point integer price, encoded as {@code uint64}.
     * @param nonce           the order nonce, encoded as {@code uint64}.
     * @param expiry          the expiry time in epoch milliseconds, encoded as {@code uint64}.
     * @param reduceOnly      true if the order may only reduce a position.
     * @return the 32-byte digest.
     * @throws IllegalArgumentException if the separator is not 32 bytes or the account is not 20 bytes.
     */
    public static byte[] digest(
        final Keccak256 hasher,
        final byte[] domainSeparator,
        final byte[] account20,
        final int subaccount,
        final int market,
        final boolean isBuy,
        final long size,
        final long limitPrice,
        final long nonce,
        final long expiry,
        final boolean reduceOnly)
    {
        java.util.Objects.requireNonNull(domainSeparator, "domainSeparator");
        if (domainSeparator.length != Eip712.WORD_LENGTH)
        {
            throw new IllegalArgumentException("domainSeparator must be " + Eip712.WORD_LENGTH + " bytes, got " +
                domainSeparator.length);
        }
        final byte[] encoded =
            encodeStruct(account20, subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly);
        final byte[] out = new byte[Keccak256.DIGEST_LENGTH];
        hasher.reset();
        hasher.update(encoded).digest(out, 0);
        // The struct hash is absorbed before the digest overwrites the same 32 bytes.
        hasher.update((byte)0x19).update((byte)0x01).update(domainSeparator).update(out).digest(out, 0);
        return out;
    }
}
