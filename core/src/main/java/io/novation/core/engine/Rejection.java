package io.novation.core.engine;

import io.novation.core.event.RejectReason;

/**
 * The reason a handler refused a command: a reusable holder, so that accepting a command allocates nothing.
 */
public final class Rejection
{
    private RejectReason reason;
    private String message;

    /**
     * Records a refusal.
     *
     * @param reason  the code.
     * @param message a sentence for a person.
     * @return false, so that handlers can {@code return rejection.reject(...)}.
     */
    public boolean reject(final RejectReason reason, final String message)
    {
        this.reason = reason;
        this.message = message;
        return false;
    }

    public RejectReason reason()
    {
        return reason;
    }

    public String message()
    {
        return message;
    }
}
