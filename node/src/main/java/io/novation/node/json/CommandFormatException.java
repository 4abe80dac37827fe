package io.novation.node.json;

/**
 * A command in the JSON vocabulary that cannot be decoded: names the field at fault and why.
 */
public final class CommandFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String code;

    /**
     * A decoding failure with the code {@code INVALID_FIELD}.
     *
     * @param field   the JSON field at fault, e.g. "maker.limitPrice".
     * @param message why it cannot be decoded.
     */
    public CommandFormatException(final String field, final String message)
    {
        this("INVALID_FIELD", field, message);
    }

    /**
     * A decoding failure with a reason code.
     *
     * @param code    {@code INVALID_FIELD}, {@code MISSING_FIELD}, {@code UNKNOWN_FIELD}, {@code UNKNOWN_TYPE},
     *                {@code OVERFLOW} (does not fit 64 bits) or {@code PRECISION_EXCEEDED} (more decimals than the
     *                unit has).
     * @param field   the JSON field at fault.
     * @param message why it cannot be decoded.
     */
    public CommandFormatException(final String code, final String field, final String message)
    {
        super(field + ": " + message);
        this.field = field;
        this.code = code;
    }

    /**
     * The reason code.
     *
     * @return e.g. "UNKNOWN_FIELD".
     */
    public String code()
    {
        return code;
    }

    /**
     * The JSON field at fault.
     *
     * @return the field path.
     */
    public String field()
    {
        return field;
    }
}
