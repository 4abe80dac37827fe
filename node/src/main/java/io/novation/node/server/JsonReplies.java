package io.novation.node.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.json.Json;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Writes the API's JSON replies (compact, {@code application/json}), including those of reads that run on the engine
 * thread and complete later.
 */
final class JsonReplies
{
    static final String JSON = "application/json";

    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final EngineHost host;
    private final ErrorMapping errors;

    JsonReplies(final EngineHost host, final ErrorMapping errors)
    {
        this.host = host;
        this.errors = errors;
    }

    /**
     * Answers with the JSON of a read run on the engine thread, or with the error it failed with.
     *
     * @param ctx   the exchange.
     * @param query the read; may throw a {@code CompletionException} wrapping a refusal.
     */
    void read(final Context ctx, final Function<ClearingEngine, Object> query)
    {
        final CompletableFuture<Object> result = host.query(query);
        ctx.future(() -> result.handle((value, failure) ->
        {
            if (failure != null)
            {
                errors.fail(ctx, failure);
            }
            else
            {
                send(ctx, 200, value);
            }
            return null;
        }));
    }

    /**
     * Answers with a JSON body.
     *
     * @param ctx    the exchange.
     * @param status the HTTP status.
     * @param body   a Jackson tree or a value Jackson serializes.
     */
    static void send(final Context ctx, final int status, final Object body)
    {
        try
        {
            ctx.status(status).contentType(JSON).result(COMPACT.writeValueAsBytes(body));
        }
        catch (final JsonProcessingException ex)
        {
            ctx.status(500).contentType(JSON).result("{\"code\":\"INTERNAL\",\"message\":\"cannot serialize\"}");
        }
    }
}
