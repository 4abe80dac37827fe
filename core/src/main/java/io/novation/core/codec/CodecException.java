package io.novation.core.codec;

/**
 * A binary encoding that cannot be decoded: truncated, of an unknown version or type, or with a field out of range.
 */
public final class CodecException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A decoding failure.
     *
     * @param message what is wrong and where.
     */
    public CodecException(final String message)
    {
        super(message);
    }
}
