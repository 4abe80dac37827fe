package io.novation.core.crypto;

import java.util.Objects;

/**
 * Hexadecimal text for byte strings: lower-case {@code 0x}-prefixed output, and input with or without the prefix.
 */
public final class Hex
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex()
    {
    }

    /**
     * Encode bytes as lower-case hexadecimal with a {@code 0x} prefix.
     *
     * @param bytes to encode.
     * @return {@code "0x"} followed by two hex digits per byte.
     */
    public static String encode(final byte[] bytes)
    {
        Objects.requireNonNull(bytes, "bytes");
        return encode(bytes, 0, bytes.length);
    }

    /**
     * Encode a range of bytes as lower-case hexadecimal with a {@code 0x} prefix.
     *
     * @param bytes  holding the range.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return {@code "0x"} followed by two hex digits per byte.
     */
    public static String encode(final byte[] bytes, final int offset, final int length)
    {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        final char[] chars = new char[2 + 2 * length];
        chars[0] = '0';
        chars[1] = 'x';
        for (int i = 0; i < length; i++)
        {
            final int b = bytes[offset + i] & 0xFF;
            chars[2 + 2 * i] = DIGITS[b >>> 4];
            chars[3 + 2 * i] = DIGITS[b & 0x0F];
        }
        return new String(chars);
    }

    /**
     * Decode hexadecimal text, with or without a {@code 0x} or {@code 0X} prefix, in either letter case.
     *
     * @param text to decode.
     * @return the bytes, one per pair of digits.
     * @throws IllegalArgumentException if the digit count is odd or a character is not a hex digit.
     */
    public static byte[] decode(final CharSequence text)
    {
        Objects.requireNonNull(text, "text");
        final int start = hasPrefix(text) ? 2 : 0;
        final int digitCount = text.length() - start;
        if ((digitCount & 1) != 0)
        {
            throw new IllegalArgumentException("odd number of hex digits: " + digitCount);
        }

        final byte[] bytes = new byte[digitCount / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            final int high = digitValue(text, start + 2 * i);
            final int low = digitValue(text, start + 2 * i + 1);
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }

    private static boolean hasPrefix(final CharSequence text)
    {
        return text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    private static int digitValue(final CharSequence text, final int index)
    {
        final char c = text.charAt(index);
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit at index " + index + ": '" + c + "'");
    }
}
