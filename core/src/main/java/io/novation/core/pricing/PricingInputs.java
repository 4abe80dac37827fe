package io.novation.core.pricing;

/**
 * Validation of pricing arguments: every failure is an {@link IllegalArgumentException} naming the argument and
 * its value.
 */
final class PricingInputs
{
    private PricingInputs()
    {
    }

    static OptionType requireType(final OptionType type)
    {
        if (type == null)
        {
            throw new IllegalArgumentException("option type must not be null");
        }
        return type;
    }

    static double requirePositive(final String name, final double value)
    {
        if (!(value > 0.0) || value == Double.POSITIVE_INFINITY)
        {
            throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
        }
        return value;
    }

    static double requireNonNegative(final String name, final double value)
    {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY)
        {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
        }
        return value;
    }

    static double requireFinite(final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException(name + " must be finite: " + value);
        }
        return value;
    }
}
