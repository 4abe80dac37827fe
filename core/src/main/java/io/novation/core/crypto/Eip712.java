package io.novation.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * EIP-712 typed structured data hashing: type hashes, the domain separator, the final signing digest, and the ABI
 * encoders that write one 32-byte word of a struct's {@code encodeData}.
 * <p>
 * A struct hash is {@code keccak256(typeHash || word_1 || ... || word_k)}; callers lay the words out in a buffer with
 * the {@code put...} methods, at offsets that are multiples of {@link #WORD_LENGTH}.
 */
public final class Eip712
{
    /**
     * Length in bytes of one ABI word.
     */
    public static final int WORD_LENGTH = 32;

    /**
     * The encoded type of the domain used by {@link #domainSeparator}.
     */
    public static final String DOMAIN_TYPE =
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static final int ADDRESS_LENGTH = 20;
    private static final byte[] DOMAIN_TYPE_HASH = typeHash(DOMAIN_TYPE);

    private Eip712()
    {
    }

    /**
     * The type hash of an encoded type: {@code keccak256(encodeType)}.
     *
     * @param encodedType the EIP-712 {@code encodeType} string, such as {@code "Person(string name,address wallet)"}.
     * @return the 32-byte type hash.
     */
    public static byte[] typeHash(final String encodedType)
    {
        Objects.requireNonNull(encodedType, "encodedType");
        return Keccak256.hash(encodedType.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The domain separator {@code hashStruct(EIP712Domain{name, version, chainId, verifyingContract})}.
     *
     * @param name                the signing domain's name.
     * @param version             the signing domain's version.
     * @param chainId             the chain id, read as an unsigned 64-bit value.
     * @param verifyingContract20 the 20-byte address of the verifying contract.
     * @return the 32-byte domain separator.
     */
    public static byte[] domainSeparator(
        final String name, final String version, final long chainId, final byte[] verifyingContract20)
    {
        final byte[] encoded = new byte[5 * WORD_LENGTH];
        putBytes32(encoded, 0, DOMAIN_TYPE_HASH);
        putString(encoded, WORD_LENGTH, name);
        putString(encoded, 2 * WORD_LENGTH, version);
        putUint256(encoded, 3 * WORD_LENGTH, chainId);
        putAddress(encoded, 4 * WORD_LENGTH, verifyingContract20);
        return Keccak256.hash(encoded);
    }

    /**
     * The digest to sign: {@code keccak256(0x19 || 0x01 || domainSeparator || structHash)}.
     *
     * @param domainSeparator the 32-byte domain separator.
     * @param structHash      the 32-byte hash of the message struct.
     * @return the 32-byte digest.
     */
    public static byte[] digest(final byte[] domainSeparator, final byte[] structHash)
    {
        final byte[] out = new byte[WORD_LENGTH];
        digest(domainSeparator, structHash, new Keccak256(), out, 0);
        return out;
    }

    /**
     * As {@link #digest(byte[], byte[])}, with a caller's hasher and into a caller's buffer: allocates nothing.
     *
     * @param domainSeparator the 32-byte domain separator.
     * @param structHash      the 32-byte hash of the message struct.
     * @param hasher          a hasher at the start of a message; left at the start of the next.
     * @param out             receives the 32-byte digest.
     * @param offset          in {@code out} of the digest's first byte.
     */
    public static void digest(final byte[] domainSeparator, final byte[] structHash, final Keccak256 hasher,
        final byte[] out, final int offset)
    {
        requireLength(domainSeparator, WORD_LENGTH, "domainSeparator");
        requireLength(structHash, WORD_LENGTH, "structHash");
        hasher
            .update((byte)0x19)
            .update((byte)0x01)
            .update(domainSeparator)
            .update(structHash)
            .digest(out, offset);
    }

    /**
     * Write a {@code uint256} word holding an unsigned 64-bit value: 24 zero bytes then the value big-endian.
     *
     * @param buffer        to write into.
     * @param offset        of the word.
     * @param unsignedValue read as unsigned, so {@code -1L} writes 2^64 - 1.
     */
    public static void putUint256(final byte[] buffer, final int offset, final long unsignedValue)
    {
        checkWord(buffer, offset);
        Arrays.fill(buffer, offset, offset + WORD_LENGTH - Long.BYTES, (byte)0);
        putLongBigEndian(buffer, offset + WORD_LENGTH - Long.BYTES, unsignedValue);
    }

    /**
     * Write an {@code int256} word holding a signed 64-bit value in two's complement, sign-extended to 256 bits.
     *
     * @param buffer      to write into.
     * @param offset      of the word.
     * @param signedValue the value.
     */
    public static void putInt256(final byte[] buffer, final int offset, final long signedValue)
    {
        checkWord(buffer, offset);
        Arrays.fill(buffer, offset, offset + WORD_LENGTH - Long.BYTES, signedValue < 0 ? (byte)0xFF : (byte)0);
        putLongBigEndian(buffer, offset + WORD_LENGTH - Long.BYTES, signedValue);
    }

    /**
     * Write an {@code address} word: 12 zero bytes then the 20-byte address.
     *
     * @param buffer    to write into.
     * @param offset    of the word.
     * @param address20 the 20-byte address.
     */
    public static void putAddress(final byte[] buffer, final int offset, final byte[] address20)
    {
        checkWord(buffer, offset);
        requireLength(address20, ADDRESS_LENGTH, "address");
        Arrays.fill(buffer, offset, offset + WORD_LENGTH - ADDRESS_LENGTH, (byte)0);
        System.arraycopy(address20, 0, buffer, offset + WORD_LENGTH - ADDRESS_LENGTH, ADDRESS_LENGTH);
    }

    /**
     * Write a {@code bool} word: 31 zero bytes then 1 for true or 0 for false.
     *
     * @param buffer to write into.
     * @param offset of the word.
     * @param value  the value.
     */
    public static void putBool(final byte[] buffer, final int offset, final boolean value)
    {
        checkWord(buffer, offset);
        Arrays.fill(buffer, offset, offset + WORD_LENGTH - 1, (byte)0);
        buffer[offset + WORD_LENGTH - 1] = value ? (byte)1 : (byte)0;
    }

    /**
     * Write a {@code bytes32} word, or an already computed hash such as a type hash or a nested struct hash.
     *
     * @param buffer  to write into.
     * @param offset  of the word.
     * @param bytes32 the 32 bytes.
     */
    public static void putBytes32(final byte[] buffer, final int offset, final byte[] bytes32)
    {
        checkWord(buffer, offset);
        requireLength(bytes32, WORD_LENGTH, "bytes32");
        System.arraycopy(bytes32, 0, buffer, offset, WORD_LENGTH);
    }

    /**
     * Write the word of a dynamic {@code string}: {@code keccak256} of its UTF-8 bytes.
     *
     * @param buffer to write into.
     * @param offset of the word.
     * @param value  the string.
     */
    public static void putString(final byte[] buffer, final int offset, final String value)
    {
        checkWord(buffer, offset);
        Objects.requireNonNull(value, "value");
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        new Keccak256().update(utf8).digest(buffer, offset);
    }

    private static void putLongBigEndian(final byte[] buffer, final int offset, final long value)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            buffer[offset + i] = (byte)(value >>> (8 * (Long.BYTES - 1 - i)));
        }
    }

    private static void checkWord(final byte[] buffer, final int offset)
    {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, WORD_LENGTH, buffer.length);
    }

    private static void requireLength(final byte[] bytes, final int length, final String name)
    {
        Objects.requireNonNull(bytes, name);
        if (bytes.length != length)
        {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, got " + bytes.length);
        }
    }
}
