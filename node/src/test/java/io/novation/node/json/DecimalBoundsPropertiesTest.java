package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bounds of decimal fields: a JSON number within the digit and exponent bounds reads as the same quantums as its
 * decimal string, and one beyond them is refused with a short message before it is expanded.
 */
class DecimalBoundsPropertiesTest
{
    @Property(tries = 300)
    void shouldReadABoundedJsonNumberAsItsDecimalString(@ForAll @LongRange(min = -1_000_000_000L,
        max = 1_000_000_000L) final long unscaled, @ForAll @IntRange(min = -3, max = 6) final int scale)
        throws Exception
    {
        final BigDecimal value = BigDecimal.valueOf(unscaled, scale);
        final String number = value.unscaledValue() + "e" + (-scale);
        final JsonFields asNumber = fields("{\"amount\": " + number + "}");
        final JsonFields asString = fields("{\"amount\": \"" + value.toPlainString() + "\"}");
        assertThat(asNumber.decimal("amount", 6)).isEqualTo(asString.decimal("amount", 6));
    }

    @Property(tries = 300)
    void shouldRefuseAnExponentBeyondTheBoundBeforeExpandingIt(@ForAll @IntRange(min = 1, max = 9) final int digit,
        @ForAll @IntRange(min = JsonFields.MAX_DECIMAL_EXPONENT + 1, max = Integer.MAX_VALUE - 1) final int exponent,
        @ForAll final boolean negative) throws Exception
    {
        final JsonFields fields = fields("{\"amount\": " + digit + "e" + (negative ? "-" : "") + exponent + "}");
        final CommandFormatException refusal = catchThrowableOfType(() -> fields.decimal("amount", 6),
            CommandFormatException.class);
        assertThat(refusal.code()).isEqualTo("DECIMAL_OUT_OF_BOUNDS");
        assertThat(refusal.getMessage().length()).isLessThan(200);
    }

    @Property(tries = 100)
    void shouldRefuseMoreSignificantDigitsThanTheBound(
        @ForAll @IntRange(min = JsonFields.MAX_DECIMAL_DIGITS + 1, max = 99) final int digits) throws Exception
    {
        final JsonFields fields = fields("{\"amount\": 0." + "1".repeat(digits) + "}");
        final CommandFormatException refusal = catchThrowableOfType(() -> fields.decimal("amount", 6),
            CommandFormatException.class);
        assertThat(refusal.code()).isEqualTo("DECIMAL_OUT_OF_BOUNDS");
    }

    private static JsonFields fields(final String json) throws Exception
    {
        final JsonNode node = Json.MAPPER.readTree(json);
        return new JsonFields(node, "");
    }
}
