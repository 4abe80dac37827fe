package io.novation.node.json;

/**
 * A command in the JSON vocabulary that cannot be decoded: names the field at fault and why.
 */
public final class CommandFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * A decoding failure.
     *
     * @param field   the JSON field at fault, e.g. "maker.limitPrice".
     * @param message why it cannot be decoded.
     */
    public CommandFormatException(final String field, final String message)
    {
        super(field + ": " + message);
        this.field = field;
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
