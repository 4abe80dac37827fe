package io.novation.core.codec;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what a {@link BinaryWriter} wrote, big-endian, from a window of a byte array; every read past the window's
 * end is a {@link CodecException}, never a wrong value. Lengths and offsets are in bytes.
 */
public final class BinaryReader
{
    private byte[] buffer;
    private int position;
    private int limit;
    /** Scratch for a signature's scalars, which the signature copies; made at the first signature read. */
    private byte[] scalarR;
    private byte[] scalarS;

    /**
     * A reader over a whole array.
     *
     * @param bytes the encoding.
     */
    public BinaryReader(final byte[] bytes)
    {
        wrap(bytes, 0, bytes.length);
    }

    /**
     * Points the reader at another window.
     *
     * @param bytes  the array.
     * @param offset first byte.
     * @param length bytes in the window.
     * @return this.
     */
    public BinaryReader wrap(final byte[] bytes, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset + length > bytes.length)
        {
            throw new CodecException("window " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        this.buffer = bytes;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    /**
     * Bytes left in the window.
     *
     * @return count.
     */
    public int remaining()
    {
        return limit - position;
    }

    /**
     * The index in {@link #buffer()} of the next byte read.
     *
     * @return index.
     */
    public int position()
    {
        return position;
    }

    /**
     * Moves to another byte of the window (back to a mark, or on).
     *
     * @param newPosition index in {@link #buffer()}, from the window's start to its end.
     * @return this.
     * @throws CodecException when outside the window.
     */
    public BinaryReader position(final int newPosition)
    {
        if (newPosition < 0 || newPosition > limit)
        {
            throw new CodecException("position " + newPosition + " outside the window's end " + limit);
        }
        position = newPosition;
        return this;
    }

    /**
     * Skips bytes.
     *
     * @param count bytes to skip.
     * @return this.
     * @throws CodecException when fewer remain.
     */
    public BinaryReader skip(final int count)
    {
        if (count < 0)
        {
            throw new CodecException("cannot skip " + count + " bytes");
        }
        need(count);
        position += count;
        return this;
    }

    /**
     * The array read, for comparing an encoding's bytes in place; do not modify.
     *
     * @return the array the window is on.
     */
    public byte[] buffer()
    {
        return buffer;
    }

    private void need(final int count)
    {
        if (count > limit - position)
        {
            throw new CodecException("truncated: need " + count + " bytes, " + (limit - position) + " left");
        }
    }

    public int getByte()
    {
        need(1);
        return buffer[position++];
    }

    public int getUnsignedByte()
    {
        return getByte() & 0xFF;
    }

    /**
     * A boolean written as 0 or 1.
     *
     * @return the value.
     */
    public boolean getBoolean()
    {
        final int value = getByte();
        if (value != 0 && value != 1)
        {
            throw new CodecException("boolean byte " + value);
        }
        return value == 1;
    }

    public int getUnsignedShort()
    {
        need(2);
        final int value = ((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public int getInt()
    {
        need(4);
        final int value = getIntAt(buffer, position);
        position += 4;
        return value;
    }

    public long getLong()
    {
        need(8);
        final long value = getLongAt(buffer, position);
        position += 8;
        return value;
    }

    /**
     * Copies bytes out.
     *
     * @param count number of bytes.
     * @return new array.
     */
    public byte[] getBytes(final int count)
    {
        need(count);
        final byte[] bytes = Arrays.copyOfRange(buffer, position, position + count);
        position += count;
        return bytes;
    }

    /**
     * A nullable string.
     *
     * @return the string or null.
     */
    public String getString()
    {
        final int length = getUnsignedShort();
        if (length == 0xFFFF)
        {
            return null;
        }
        need(length);
        final String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /**
     * A nullable address.
     *
     * @return the address or null.
     */
    public Address getAddress()
    {
        if (!getBoolean())
        {
            return null;
        }
        need(Address.LENGTH);
        final Address address = Address.of(buffer, position);
        position += Address.LENGTH;
        return address;
    }

    /**
     * A nullable signature.
     *
     * @return the signature or null.
     */
    public EcdsaSignature getSignature()
    {
        if (!getBoolean())
        {
            return null;
        }
        // The signature takes its own copies of r and s: they are read into this reader's scratch, not copied twice.
        if (scalarR == null)
        {
            scalarR = new byte[EcdsaSignature.SCALAR_LENGTH];
            scalarS = new byte[EcdsaSignature.SCALAR_LENGTH];
        }
        getBytes(scalarR);
        getBytes(scalarS);
        return EcdsaSignature.of(scalarR, scalarS, getUnsignedByte());
    }

    /** Reads as many bytes as the target holds, with the checks of {@link #getBytes(int)}. */
    private void getBytes(final byte[] target)
    {
        need(target.length);
        System.arraycopy(buffer, position, target, 0, target.length);
        position += target.length;
    }

    /**
     * Reads a big-endian int from an array.
     *
     * @param bytes  source.
     * @param offset first byte.
     * @return the value.
     */
    public static int getIntAt(final byte[] bytes, final int offset)
    {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) |
            ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }

    /**
     * Reads a big-endian long from an array.
     *
     * @param bytes  source.
     * @param offset first byte.
     * @return the value.
     */
    public static long getLongAt(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
