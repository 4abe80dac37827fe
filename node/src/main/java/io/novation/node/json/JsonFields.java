package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.money.FixedPoint;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed reading of one JSON object of the command vocabulary, naming the field (with its path) in every error:
 * decimal strings in human units become quantums, times are ISO-8601 or epoch milliseconds. Every value is bounded
 * before it is expanded or encoded: text fields hold at most {@link #MAX_TEXT_BYTES} UTF-8 bytes, decimals at most
 * {@link #MAX_DECIMAL_CHARS} characters (a JSON number at most {@link #MAX_DECIMAL_DIGITS} significant digits and an
 * exponent within {@link #MAX_DECIMAL_EXPONENT}), lists at most {@link #MAX_LIST_ITEMS} items, and errors quote at
 * most {@link #MAX_QUOTED_CHARS} characters.
 */
final class JsonFields
{
    /** Most UTF-8 bytes of a text field (symbols, tickers, names, modes, hex signatures). */
    static final int MAX_TEXT_BYTES = 256;
    /** Most characters of a decimal given as a string. */
    static final int MAX_DECIMAL_CHARS = 64;
    /** Most significant digits of a decimal given as a JSON number. */
    static final int MAX_DECIMAL_DIGITS = 40;
    /** Largest magnitude of the decimal exponent of a decimal given as a JSON number. */
    static final int MAX_DECIMAL_EXPONENT = 40;
    /** Most items of a list inside one command (oracle reports, surface slices). */
    static final int MAX_LIST_ITEMS = 1_024;
    /** Most characters of a client's value quoted back in an error message. */
    static final int MAX_QUOTED_CHARS = 40;

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
                throw new CommandFormatException("UNKNOWN_FIELD", name(quote(field)), "unknown field");
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
        return bounded(value.asText(), name(field));
    }

    /**
     * A text value checked against {@link #MAX_TEXT_BYTES}, before anything encodes it.
     *
     * @param text  the value.
     * @param field the field's name, for the error.
     * @return the text.
     * @throws CommandFormatException {@code TEXT_TOO_LONG} when it is longer.
     */
    static String bounded(final String text, final String field) throws CommandFormatException
    {
        if (text.length() > MAX_TEXT_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES)
        {
            throw new CommandFormatException("TEXT_TOO_LONG", field, "holds at most " + MAX_TEXT_BYTES +
                " UTF-8 bytes, got " + text.length() + " characters");
        }
        return text;
    }

    /**
     * Checks a list inside a command against {@link #MAX_LIST_ITEMS}, before its items are decoded or encoded.
     *
     * @param array the JSON array.
     * @param field the field's name, for the error.
     * @throws CommandFormatException {@code LIST_TOO_LONG} when it holds more.
     */
    static void boundedList(final JsonNode array, final String field) throws CommandFormatException
    {
        if (array.size() > MAX_LIST_ITEMS)
        {
            throw new CommandFormatException("LIST_TOO_LONG", field, "holds at most " + MAX_LIST_ITEMS +
                " items, got " + array.size());
        }
    }

    /**
     * A client's value as an error message may quote it: at most {@link #MAX_QUOTED_CHARS} characters.
     *
     * @param text the value.
     * @return the value, or its start followed by an ellipsis and its length.
     */
    static String quote(final String text)
    {
        if (text.length() <= MAX_QUOTED_CHARS)
        {
            return text;
        }
        return text.substring(0, MAX_QUOTED_CHARS) + "...(" + text.length() + " characters)";
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
                final String text = value.asText();
                throw new CommandFormatException(text.length() <= MAX_DECIMAL_CHARS && text.matches("-?[0-9]+") ?
                    "OVERFLOW" : "INVALID_FIELD", name(field), "must be an integer that fits 64 bits: '" +
                    quote(text) + "'");
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
        final String text = decimalText(value, name(field));
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
                throw new CommandFormatException("PRECISION_EXCEEDED", name(field), "'" + quote(text) +
                    "' is not a multiple of " + unit);
            }
            return whole / unit;
        }
        catch (final ArithmeticException ex)
        {
            throw new CommandFormatException("OVERFLOW", name(field), "'" + quote(text) +
                "' does not fit 64 bits at " + decimals + " decimals");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(text.matches("-?[0-9]+\\.[0-9]+") ? "PRECISION_EXCEEDED" : "INVALID_FIELD",
                name(field), "'" + quote(text) + "' is not a decimal of at most " + decimals + " decimals");
        }
    }

    /**
     * The plain text of a decimal given as a string or a JSON number, checked against the bounds before it is
     * expanded: a string of at most {@link #MAX_DECIMAL_CHARS} characters, a number of at most
     * {@link #MAX_DECIMAL_DIGITS} significant digits and a decimal exponent within {@link #MAX_DECIMAL_EXPONENT}.
     */
    private static String decimalText(final JsonNode value, final String field) throws CommandFormatException
    {
        if (value.isTextual())
        {
            final String text = value.asText();
            if (text.length() > MAX_DECIMAL_CHARS)
            {
                throw new CommandFormatException("DECIMAL_OUT_OF_BOUNDS", field, "a decimal has at most " +
                    MAX_DECIMAL_CHARS + " characters, got " + text.length());
            }
            return text;
        }
        if (!value.isNumber())
        {
            throw new CommandFormatException(field, "must be a decimal string such as \"1234.5\"");
        }
        final BigDecimal number;
        try
        {
            number = value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        }
        catch (final RuntimeException ex)
        {
            throw new CommandFormatException("DECIMAL_OUT_OF_BOUNDS", field, "not a decimal within the bounds");
        }
        // scale() is minus the decimal exponent: 1e10000000 has scale -10000000 and expands to 10 M characters.
        if (number.precision() > MAX_DECIMAL_DIGITS || number.scale() > MAX_DECIMAL_EXPONENT ||
            number.scale() < -MAX_DECIMAL_EXPONENT)
        {
            throw new CommandFormatException("DECIMAL_OUT_OF_BOUNDS", field, "a JSON number has at most " +
                MAX_DECIMAL_DIGITS + " significant digits and a decimal exponent within +-" + MAX_DECIMAL_EXPONENT);
        }
        return number.toPlainString();
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
