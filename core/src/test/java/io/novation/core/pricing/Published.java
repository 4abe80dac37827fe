package io.novation.core.pricing;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Assertions against published reference figures: a value printed with n decimals is reproduced when it lies within
 * half a unit of its last printed digit, and a high-precision reference (40 digits, mpmath) within a relative
 * tolerance.
 */
final class Published
{
    private Published()
    {
    }

    /**
     * Asserts that {@code actual} rounds to the published figure.
     *
     * @param what      name of the figure, for the message.
     * @param actual    computed value.
     * @param published the figure as printed, for example "4.759422".
     */
    static void assertRoundsTo(final String what, final double actual, final String published)
    {
        final BigDecimal figure = new BigDecimal(published);
        final double halfUnit = 0.5 * Math.pow(10.0, -figure.scale());
        assertThat(actual).as(what + " against the published " + published)
            .isCloseTo(figure.doubleValue(), within(halfUnit * (1.0 + 1e-9)));
    }

    /**
     * Asserts that {@code actual} matches a high-precision reference to a relative tolerance.
     *
     * @param what      name of the figure, for the message.
     * @param actual    computed value.
     * @param reference reference value.
     * @param relative  relative tolerance.
     */
    static void assertRelative(final String what, final double actual, final double reference, final double relative)
    {
        assertThat(actual).as(what + " against the reference " + reference)
            .isCloseTo(reference, within(Math.abs(reference) * relative));
    }
}
