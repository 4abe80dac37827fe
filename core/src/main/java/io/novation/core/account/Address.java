package io.novation.core.account;

import java.util.Arrays;

/**
 * A 20-byte Ethereum-style account address, held as three primitive words so that it hashes and compares
 * without touching a byte array on the hot path.
 */
public final class Address implements Comparable<Address>
{
    /** Length of an address in bytes. */
    public static final int LENGTH = 20;

    private final long high;
    private final long middle;
    private final int low;

    private Address(final long high, final long middle, final int low)
    {
        this.high = high;
        this.middle = middle;
        this.low = low;
    }

    /**
     * An address from its 20 bytes, big-endian as written in hex.
     *
     * @param bytes exactly 20 bytes.
     * @return the address.
     */
    public static Address of(final byte[] bytes)
    {
        if (bytes == null || bytes.length != LENGTH)
        {
            throw new IllegalArgumentException("an address has 20 bytes");
        }
        return of(bytes, 0);
    }

    /**
     * An address from 20 bytes of a larger array, big-endian as written in hex, read in place.
     *
     * @param bytes  holding the address.
     * @param offset of its first byte; 20 bytes from it must lie in {@code bytes}.
     * @return the address.
     */
    public static Address of(final byte[] bytes, final int offset)
    {
        java.util.Objects.checkFromIndexSize(offset, LENGTH, bytes.length);
        long high = 0;
        long middle = 0;
        int low = 0;
        for (int i = offset; i < offset + 8; i++)
        {
            high = (high << 8) | (bytes[i] & 0xFF);
            middle = (middle << 8) | (bytes[i + 8] & 0xFF);
        }
        for (int i = offset + 16; i < offset + 20; i++)
        {
            low = (low << 8) | (bytes[i] & 0xFF);
        }
        return new Address(high, middle, low);
    }

    /**
     * An address from "0x" followed by 40 hex digits (case-insensitive).
     *
     * @param hex the text.
     * @return the address.
     */
    public static Address parse(final String hex)
    {
        if (hex == null)
        {
            throw new IllegalArgumentException("address is missing");
        }
        final String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != LENGTH * 2)
        {
            throw new IllegalArgumentException("an address is 40 hex digits: " + hex);
        }
        final byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            final int hi = Character.digit(digits.charAt(2 * i), 16);
            final int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("an address is 40 hex digits: " + hex);
            }
            bytes[i] = (byte)((hi << 4) | lo);
        }
        return of(bytes);
    }

    /**
     * Writes the 20 bytes of this address into a buffer.
     *
     * @param buffer to write into.
     * @param offset where the first byte goes.
     */
    public void putBytes(final byte[] buffer, final int offset)
    {
        for (int i = 0; i < 8; i++)
        {
            buffer[offset + i] = (byte)(high >>> (56 - 8 * i));
            buffer[offset + 8 + i] = (byte)(middle >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++)
        {
            buffer[offset + 16 + i] = (byte)(low >>> (24 - 8 * i));
        }
    }

    /**
     * The 20 bytes of this address.
     *
     * @return a fresh array.
     */
    public byte[] toBytes()
    {
        final byte[] bytes = new byte[LENGTH];
        putBytes(bytes, 0);
        return bytes;
    }

    /**
     * Whether this address equals the given 20 bytes.
     *
     * @param bytes to compare, may be null.
     * @return true when equal.
     */
    public boolean matches(final byte[] bytes)
    {
        return bytes != null && bytes.length == LENGTH && Arrays.equals(toBytes(), bytes);
    }

    @Override
    public int compareTo(final Address other)
    {
        int c = Long.compareUnsigned(high, other.high);
        if (c == 0)
        {
            c = Long.compareUnsigned(middle, other.middle);
        }
        if (c == 0)
        {
            c = Integer.compareUnsigned(low, other.low);
        }
        return c;
    }

    long high()
    {
        return high;
    }

    long middle()
    {
        return middle;
    }

    int low()
    {
        return low;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof Address && ((Address)o).high == high && ((Address)o).middle == middle &&
            ((Address)o).low == low;
    }

    @Override
    public int hashCode()
    {
        long h = high * 0x9E3779B97F4A7C15L ^ middle * 0xC2B2AE3D27D4EB4FL ^ low;
        h ^= h >>> 31;
        return (int)(h ^ (h >>> 32));
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(42).append("0x");
        final byte[] bytes = toBytes();
        for (final byte b : bytes)
        {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
