package io.novation.core.codec;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer that binary codecs write into; reset and reused, so that encoding allocates only
 * when the buffer grows. Lengths and offsets are in bytes.
 */
public final class BinaryWriter
{
    private byte[] buffer;
    private int position;

    /**
     * A writer with an initial capacity.
     *
     * @param capacity bytes.
     */
    public BinaryWriter(final int capacity)
    {
        buffer = new byte[Math.max(16, capacity)];
    }

    /**
     * Forgets what was written.
     *
     * @return this.
     */
    public BinaryWriter reset()
    {
        position = 0;
        return this;
    }

    /**
     * The bytes written so far start at offset 0 of this array.
     *
     * @return the internal buffer; valid until the next write.
     */
    public byte[] buffer()
    {
        return buffer;
    }

    /**
     * Number of bytes written.
     *
     * @return length.
     */
    public int length()
    {
        return position;
    }

    /**
     * Moves the write position, for reserving room that is filled in later.
     *
     * @param newPosition a position not beyond the capacity ensured so far.
     */
    public void position(final int newPosition)
    {
        position = newPosition;
    }

    /**
     * A copy of what was written.
     *
     * @return new array.
     */
    public byte[] toBytes()
    {
        return Arrays.copyOf(buffer, position);
    }

    /**
     * Makes room for more bytes.
     *
     * @param more bytes about to be written.
     */
    public void ensure(final int more)
    {
        if (position + more > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }

    public BinaryWriter putByte(final int value)
    {
        ensure(1);
        buffer[position++] = (byte)value;
        return this;
    }

    public BinaryWriter putBoolean(final boolean value)
    {
        return putByte(value ? 1 : 0);
    }

    public BinaryWriter putShort(final int value)
    {
        ensure(2);
        buffer[position++] = (byte)(value >>> 8);
        buffer[position++] = (byte)value;
        return this;
    }

    public BinaryWriter putInt(final int value)
    {
        ensure(4);
        putIntAt(buffer, position, value);
        position += 4;
        return this;
    }

    public BinaryWriter putLong(final long value)
    {
        ensure(8);
        putLongAt(buffer, position, value);
        position += 8;
        return this;
    }

    /**
     * Writes bytes as they are, without a length.
     *
     * @param bytes  source.
     * @param offset first byte.
     * @param length count.
     * @return this.
     */
    public BinaryWriter putBytes(final byte[] bytes, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
        return this;
    }

    /**
     * A nullable string: a 2-byte length (0xFFFF for null) and its UTF-8 bytes.
     *
     * @param value the string, may be null.
     * @return this.
     */
    public BinaryWriter putString(final String value)
    {
        if (value == null)
        {
            return putShort(0xFFFF);
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= 0xFFFF)
        {
            throw new IllegalArgumentException("string too long to encode: " + bytes.length + " bytes");
        }
        putShort(bytes.length);
        return putBytes(bytes, 0, bytes.length);
    }

    /**
     * A nullable address: a presence byte and 20 bytes.
     *
     * @param address the address, may be null.
     * @return this.
     */
    public BinaryWriter putAddress(final Address address)
    {
        if (address == null)
        {
            return putByte(0);
        }
        ensure(1 + Address.LENGTH);
        buffer[position++] = 1;
        address.putBytes(buffer, position);
        position += Address.LENGTH;
        return this;
    }

    /**
     * A nullable signature: a presence byte and 65 bytes r || s || v.
     *
     * @param signature the signature, may be null.
     * @return this.
     */
    public BinaryWriter putSignature(final EcdsaSignature signature)
    {
        if (signature == null)
        {
            return putByte(0);
        }
        ensure(1 + EcdsaSignature.ENCODED_LENGTH);
        buffer[position++] = 1;
        signature.putBytes65(buffer, position);
        position += EcdsaSignature.ENCODED_LENGTH;
        return this;
    }

    /**
     * Writes a big-endian int into an array.
     *
     * @param bytes  target.
     * @param offset first byte.
     * @param value  the value.
     */
    public static void putIntAt(final byte[] bytes, final int offset, final int value)
    {
        bytes[offset] = (byte)(value >>> 24);
        bytes[offset + 1] = (byte)(value >>> 16);
        bytes[offset + 2] = (byte)(value >>> 8);
        bytes[offset + 3] = (byte)value;
    }

    /**
     * Writes a big-endian long into an array.
     *
     * @param bytes  target.
     * @param offset first byte.
     * @param value  the value.
     */
    public static void putLongAt(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }
}
