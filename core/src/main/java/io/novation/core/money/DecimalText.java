package io.novation.core.money;

/**
 * Decimal text in human units to and from {@code long} quantums of {@code 10^-decimals} units, exactly: the text
 * side of {@link FixedPoint}.
 */
final class DecimalText
{
    private DecimalText()
    {
    }

    /**
     * Parses a decimal number in human units into quantums with the given number of decimal places: for example
     * {@code parseDecimal("1234.5", 6) == 1_234_500_000}.
     * <p>
     * The accepted form is an optional leading {@code '-'}, one or more ASCII digits, and optionally a
     * {@code '.'} followed by one to {@code decimals} digits. Anything else is rejected: a {@code '+'},
     * spaces, exponents, a bare or trailing point, or more fractional digits than {@code decimals} (the value
     * would not be a whole number of quantums).
     *
     * @param text     decimal text.
     * @param decimals number of decimal places of one unit, in {@code [0, 18]}.
     * @return the amount in quantums of {@code 10^-decimals} units.
     * @throws IllegalArgumentException if the text is not of the accepted form or {@code decimals} is out of
     *                                  range.
     * @throws ArithmeticException      if the amount does not fit a {@code long}.
     */
    static long parse(final String text, final int decimals)
    {
        checkDecimals(decimals);
        if (text == null)
        {
            throw new IllegalArgumentException("decimal text is null");
        }

        final int length = text.length();
        if (length == 0)
        {
            throw new IllegalArgumentException("decimal text is empty");
        }

        final boolean negative = text.charAt(0) == '-';
        int index = negative ? 1 : 0;
        if (index == length)
        {
            throw new IllegalArgumentException("no digits in decimal '" + text + "'");
        }

        // Accumulate negatively so that Long.MIN_VALUE quantums parse exactly.
        long accumulated = 0;
        int integerDigits = 0;
        int fractionDigits = 0;
        boolean seenPoint = false;
        for (; index < length; index++)
        {
            final char ch = text.charAt(index);
            if (ch == '.')
            {
                if (seenPoint)
                {
                    throw new IllegalArgumentException("more than one decimal point in '" + text + "'");
                }
                if (integerDigits == 0)
                {
                    throw new IllegalArgumentException("no digit before the decimal point in '" + text + "'");
                }
                seenPoint = true;
                continue;
            }
            if (ch < '0' || ch > '9')
            {
                throw new IllegalArgumentException(
                    "unexpected character '" + ch + "' at index " + index + " in decimal '" + text + "'");
            }

            if (seenPoint)
            {
                fractionDigits++;
                if (fractionDigits > decimals)
                {
                    throw new IllegalArgumentException(
                        "decimal '" + text + "' has more than " + decimals + " fractional digits");
                }
            }
            else
            {
                integerDigits++;
            }

            accumulated = accumulateDigit(accumulated, ch - '0', text, decimals);
        }

        if (seenPoint && fractionDigits == 0)
        {
            throw new IllegalArgumentException("no digit after the decimal point in '" + text + "'");
        }

        final long factor = FixedPoint.POWERS_OF_TEN[decimals - fractionDigits];
        final long scaledHigh = Math.multiplyHigh(accumulated, factor);
        final long scaled = accumulated * factor;
        if (scaledHigh != (scaled >> 63) || (!negative && scaled == Long.MIN_VALUE))
        {
            throw decimalOverflow(text, decimals);
        }

        return negative ? scaled : -scaled;
    }

    /**
     * Formats quantums as a decimal number in human units, the inverse of {@link #parse(String, int)},
     * with trailing fractional zeros trimmed: {@code "1234.5"}, {@code "-0.000001"}, {@code "0"}.
     *
     * @param quantums amount in quantums of {@code 10^-decimals} units.
     * @param decimals number of decimal places of one unit, in {@code [0, 18]}.
     * @return the decimal text.
     * @throws IllegalArgumentException if {@code decimals} is out of range.
     */
    static String format(final long quantums, final int decimals)
    {
        checkDecimals(decimals);
        if (decimals == 0)
        {
            return Long.toString(quantums);
        }

        final long unit = FixedPoint.POWERS_OF_TEN[decimals];
        final long integerPart = quantums / unit;
        long fraction = Math.abs(quantums % unit);

        final StringBuilder text = new StringBuilder(24);
        if (quantums < 0 && integerPart == 0)
        {
            text.append('-');
        }
        text.append(integerPart);

        if (fraction != 0)
        {
            int width = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                width--;
            }

            text.append('.');
            final String digits = Long.toString(fraction);
            for (int padding = digits.length(); padding < width; padding++)
            {
                text.append('0');
            }
            text.append(digits);
        }

        return text.toString();
    }

    private static long accumulateDigit(final long accumulated, final int digit, final String text, final int decimals)
    {
        final long high = Math.multiplyHigh(accumulated, 10L);
        final long shifted = accumulated * 10L;
        if (high != (shifted >> 63) || shifted < Long.MIN_VALUE + digit)
        {
            throw decimalOverflow(text, decimals);
        }

        return shifted - digit;
    }

    private static ArithmeticException decimalOverflow(final String text, final int decimals)
    {
        return new ArithmeticException(
            "decimal '" + text + "' does not fit a long in quantums of 10^-" + decimals);
    }

    private static void checkDecimals(final int decimals)
    {
        if (decimals < 0 || decimals > FixedPoint.MAX_DECIMALS)
        {
            throw new IllegalArgumentException("decimals must be in [0, " + FixedPoint.MAX_DECIMALS + "]: " + decimals);
        }
    }
}
