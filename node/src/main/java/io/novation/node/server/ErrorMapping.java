package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.novation.node.json.Json;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.Refusal;

import org.eclipse.jetty.http.BadMessageException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps what went wrong to the API's error reply: refusals, engine rejections and unexpected exceptions become an
 * HTTP status and a JSON body {@code {"code": "...", "message": "..."}} (with the {@code index} of the command at
 * fault in a batch); refusals are counted in the metrics by reason code.
 */
final class ErrorMapping
{
    private final NodeMetrics metrics;

    ErrorMapping(final NodeMetrics metrics)
    {
        this.metrics = metrics;
    }

    /**
     * Answers a refusal and counts it.
     *
     * @param ctx     the exchange.
     * @param refusal the refusal.
     */
    void refuse(final Context ctx, final Refusal refusal)
    {
        refuse(ctx, refusal, true);
    }

    /**
     * Answers a refusal.
     *
     * @param ctx     the exchange.
     * @param refusal the refusal.
     * @param count   whether to count it (false when the sequencer already did).
     */
    void refuse(final Context ctx, final Refusal refusal, final boolean count)
    {
        if (count)
        {
            metrics.refused(refusal.code());
        }
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", refusal.code());
        body.put("message", refusal.getMessage());
        if (refusal.index() >= 0)
        {
            body.put("index", refusal.index());
        }
        if (refusal.retryAfterSeconds() > 0)
        {
            ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        }
        JsonReplies.send(ctx, refusal.status(), body);
    }

    /**
     * Answers an error that is not a refusal.
     *
     * @param ctx     the exchange.
     * @param status  the HTTP status.
     * @param code    the reason code.
     * @param message a sentence.
     */
    void error(final Context ctx, final int status, final String code, final String message)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        JsonReplies.send(ctx, status, body);
    }

    /**
     * Answers the failure of an asynchronous step: its refusal, or 500 {@code INTERNAL}.
     *
     * @param ctx     the exchange.
     * @param failure what the future completed with, possibly wrapped.
     */
    void fail(final Context ctx, final Throwable failure)
    {
        final Throwable cause = unwrap(failure);
        if (cause instanceof Refusal refusal)
        {
            refuse(ctx, refusal);
        }
        else
        {
            error(ctx, 500, "INTERNAL", JsonErrorHandler.message(500));
        }
    }

    /**
     * Answers an exception a handler threw.
     *
     * @param ctx the exchange.
     * @param ex  the exception.
     */
    void exception(final Context ctx, final Exception ex)
    {
        final int status = statusOf(ex);
        final String message = ex instanceof Refusal || ex instanceof HttpResponseException ?
            String.valueOf(ex.getMessage()) : JsonErrorHandler.message(status);
        error(ctx, status, codeOf(ex), message.length() <= 200 ? message : message.substring(0, 200) + "...");
    }

    static int statusOf(final Exception ex)
    {
        if (ex instanceof Refusal refusal)
        {
            return refusal.status();
        }
        if (ex instanceof HttpResponseException response)
        {
            return response.getStatus();
        }
        if (ex instanceof BadMessageException bad)
        {
            return bad.getCode() >= 400 && bad.getCode() < 500 ? bad.getCode() : 400;
        }
        if (ex instanceof IOException)
        {
            return 400;
        }
        return 500;
    }

    static String codeOf(final Exception ex)
    {
        if (ex instanceof Refusal refusal)
        {
            return refusal.code();
        }
        if (ex instanceof HttpResponseException response)
        {
            return JsonErrorHandler.code(response.getStatus());
        }
        return statusOf(ex) == 500 ? "INTERNAL" : JsonErrorHandler.code(statusOf(ex));
    }

    /**
     * The HTTP status of an engine rejection: 403 for signatures and unregistered signers, 409 for replays and
     * conflicts with the state's history, 400 for values that do not fit, 422 for the rest (the command is well
     * formed but the state refuses it).
     *
     * @param code the engine's reason code.
     * @return the status.
     */
    static int rejectionStatus(final String code)
    {
        if (code == null)
        {
            return 422;
        }
        return switch (code)
        {
            case "BAD_SIGNATURE", "UNKNOWN_PUBLISHER" -> 403;
            case "NONCE_REUSED", "DUPLICATE_DEPOSIT", "ORDER_OVERFILLED", "TIME_NOT_MONOTONIC",
                "DUPLICATE_DEFINITION", "VOL_SURFACE_NOT_NEWER", "DEPTH_REPORT_NOT_NEWER" -> 409;
            case "INVALID_COMMAND", "INVALID_AMOUNT", "OVERFLOW", "OFF_TICK", "OFF_STEP", "INVALID_SUBACCOUNT" -> 400;
            default -> 422;
        };
    }

    /**
     * The cause of a failure, without the wrappers of futures.
     *
     * @param failure a failure.
     * @return its cause.
     */
    static Throwable unwrap(final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }
}
