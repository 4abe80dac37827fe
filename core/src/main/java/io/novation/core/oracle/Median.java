package io.novation.core.oracle;

import java.util.Arrays;

/**
 * The median of a round's prices, in price units: the middle value of an odd count, and of an even count the mean of
 * the two middle values rounded down (dYdX v4 {@code lib.Median} rounds that mean away from zero instead).
 */
public final class Median
{
    private Median()
    {
    }

    /**
     * Sorts the first {@code count} values in place and returns their median.
     *
     * @param values positive price units; the first {@code count} are sorted.
     * @param count  at least 1.
     * @return the median, between the smallest and the largest value.
     */
    public static long ofFirst(final long[] values, final int count)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("the median of nothing");
        }
        Arrays.sort(values, 0, count);
        final int middle = count / 2;
        if ((count & 1) == 1)
        {
            return values[middle];
        }
        final long low = values[middle - 1];
        final long high = values[middle];
        return low + (high - low) / 2;
    }
}
