package io.novation.node.json;

/**
 * The JSON form of one field of the command vocabulary, with its OpenAPI spelling.
 */
public enum JsonType
{
    /** Free text, such as a symbol or a ticker. */
    STRING("string", null),
    /** A JSON integer, or a decimal string of one, within 64 bits. */
    INTEGER("integer", null),
    /** A decimal string in human units ("1234.5"), converted to quantums with the unit's decimals. */
    DECIMAL("string", "decimal"),
    /** true or false. */
    BOOLEAN("boolean", null),
    /** Epoch milliseconds as an integer, or ISO-8601 text. */
    TIME("string", "date-time"),
    /** An account: "0x" and 40 hex digits (a scenario may also use a declared name). */
    ADDRESS("string", "address"),
    /** A secp256k1 signature r||s||v as "0x" and 130 hex digits. */
    SIGNATURE("string", "signature"),
    /** A name from a fixed list (such as a liquidity tier's), or a nested object with its own fields. */
    NAME_OR_OBJECT("object", null),
    /** A nested object with its own fields. */
    OBJECT("object", null),
    /** An array of nested objects, each with the declared fields. */
    ARRAY("array", null);

    private final String openApiType;
    private final String format;

    JsonType(final String openApiType, final String format)
    {
        this.openApiType = openApiType;
        this.format = format;
    }

    /**
     * The OpenAPI "type".
     *
     * @return e.g. "string".
     */
    public String openApiType()
    {
        return openApiType;
    }

    /**
     * The OpenAPI "format", or null.
     *
     * @return e.g. "decimal".
     */
    public String format()
    {
        return format;
    }
}
