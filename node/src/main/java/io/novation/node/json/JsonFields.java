package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.money.FixedPoint;

import java.time.Instant;
import java.time.DateTimeException;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed reading of one JSON object of the command vocabulary, naming the field (with its path) in every error:
 * decimal strings in human units become quantums, times are ISO-8601 or epoch milliseconds.
 */
final class JsonFields
{
    private final JsonNode node;
    private final String path;

    JsonFields(final JsonNode node, final String path) throws CommandFormatException
    {
        if (node == null || !node.isObject())
        {
            throw new CommandFormatException(path.isEmpty() ? "command" : path, "must be a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    String name(final String field)
    {
        return path.isEmpty() ? field : path + "." + field;
    }

    void allowOnly(final Set<String> allowed) throws CommandFormatException
    {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext())
        {
            final String field = names.next();
            if (!allowed.contains(field))
            {
                throw new CommandFormatException("UNKNOWN_FIELD", name(field), "unknown field");
            }
        }
    }

    boolean has(final String field)
    {
        return node.hasNonNull(field);
    }

    JsonFields object(final String field) throws CommandFormatException
    {
        if (!has(field))
        {
            throw new CommandFormatException("MISSING_FIELD", name(field), "is required");
        }
        return new JsonFields(node.get(field), name(field));
    }

    JsonNode raw(final String field)
    {
        return node.get(field);
    }

    String text(final String field) throws CommandFormatException
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new CommandFormatException("MISSING_FIELD", name(field), "is required");
        }
        if (!value.isTextual())
        {
            throw new CommandFormatException(name(field), "must be a string");
        }
        return value.asText();
    }

    String text(final String field, final String fallback) throws CommandFormatException
    {
        return has(field) ? text(field) : fallback;
    }

    long integer(final String field) throws CommandFormatException
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new CommandFormatException("MISSING_FIELD", name(field), "is required");
        }
        if (value.isIntegralNumber() && value.canConvertToLong())
        {
            return value.asLong();
        }
        if (value.isTextual())
        {
            try
            {
                return Long.parseLong(value.asText());
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandFormatException(value.asText().matches("-?[0-9]+") ? "OVERFLOW" : "INVALID_FIELD",
                    name(field), "must be an integer that fits 64 bits: '" + value.asText() + "'");
            }
        }
        throw new CommandFormatException(value.isIntegralNumber() ? "OVERFLOW" : "INVALID_FIELD", name(field),
            "must be an integer that fits 64 bits");
    }

    long integer(final String field, final long fallback) throws CommandFormatException
    {
        return has(field) ? integer(field) : fallback;
    }

    int smallInteger(final String field, final int min, final int max) throws CommandFormatException
    {
        final long value = integer(field);
        if (value < min || value > max)
        {
            throw new CommandFormatException(name(field), "must be in [" + min + ", " + max + "]");
        }
        return (int)value;
    }

    int smallInteger(final String field, final int min, final int max, final int fallback)
        throws CommandFormatException
    {
        return has(field) ? smallInteger(field, min, max) : fallback;
    }

    boolean bool(final String field, final boolean fallback) throws CommandFormatException
    {
        if (!has(field))
        {
            return fallback;
        }
        final JsonNode value = node.get(field);
        if (!value.isBoolean())
        {
            throw new CommandFormatException(name(field), "must be true or false");
        }
        return value.asBoolean();
    }

    /**
     * A decimal string in units with the given number of decimals, as quantums.
     */
    long decimal(final String field, final int decimals) throws CommandFormatException
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new CommandFormatException("MISSING_FIELD", name(field), "is required");
        }
        final String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() :
            value.isNumber() ? value.decimalValue().toPlainString() : value.isTextual() ? value.asText() : null;
        if (text == null)
        {
            throw new CommandFormatException(name(field), "must be a decimal string such as \"1234.5\"");
        }
        try
        {
            if (decimals >= 0)
            {
                return FixedPoint.parseDecimal(text, decimals);
            }
            final long whole = FixedPoint.parseDecimal(text, 0);
            final long unit = FixedPoint.pow10(-decimals);
            if (whole % unit != 0)
            {
                throw new CommandFormatException("PRECISION_EXCEEDED", name(field), "'" + text +
                    "' is not a multiple of " + unit);
            }
            return whole / unit;
        }
        catch (final ArithmeticException ex)
        {
            throw new CommandFormatException("OVERFLOW", name(field), "'" + text + "' does not fit 64 bits at " +
                decimals + " decimals: " + ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(text.matches("-?[0-9]+\\.[0-9]+") ? "PRECISION_EXCEEDED" : "INVALID_FIELD",
                name(field), "'" + text + "' does not fit " + decimals + " decimals in 64 bits: " + ex.getMessage());
        }
    }

    long decimal(final String field, final int decimals, final long fallback) throws CommandFormatException
    {
        return has(field) ? decimal(field, decimals) : fallback;
    }

    long time(final String field) throws CommandFormatException
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new CommandFormatException("MISSING_FIELD", name(field), "is required");
        }
        return parseTime(value, name(field));
    }

    static long parseTime(final JsonNode value, final String field) throws CommandFormatException
    {
        if (value.isIntegralNumber() && value.canConvertToLong())
        {
            return value.asLong();
        }
        if (value.isTextual())
        {
            try
            {
                return Instant.parse(value.asText()).toEpochMilli();
            }
            catch (final DateTimeException | ArithmeticException ex)
            {
                throw new CommandFormatException(field, "must be ISO-8601 (2025-10-10T21:20:00Z) or epoch ms " +
                    "within the range of 64-bit milliseconds");
            }
        }
        throw new CommandFormatException(field, "must be ISO-8601 (2025-10-10T21:20:00Z) or epoch ms");
    }
}
