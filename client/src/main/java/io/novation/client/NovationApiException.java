package io.novation.client;

import java.io.IOException;

/**
 * A node's refusal of a request: the HTTP status and the node's {@code {code, message}} (e.g. 400
 * {@code RANGE_REVERSED}, 404 {@code UNKNOWN_ACCOUNT}).
 */
public final class NovationApiException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;

    /**
     * A refusal.
     *
     * @param request the request refused, e.g. {@code GET /v1/markets}.
     * @param status  the HTTP status.
     * @param code    the node's code, or an empty string when the body had none.
     * @param detail  the node's message, or the body's text.
     */
    public NovationApiException(final String request, final int status, final String code, final String detail)
    {
        super(request + ": " + status + " " + code + " " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 400.
     */
    public int status()
    {
        return status;
    }

    /**
     * The node's code.
     *
     * @return e.g. {@code INVALID_CURSOR}, or an empty string.
     */
    public String code()
    {
        return code;
    }

    /**
     * The node's message.
     *
     * @return the explanation.
     */
    public String detail()
    {
        return detail;
    }
}
