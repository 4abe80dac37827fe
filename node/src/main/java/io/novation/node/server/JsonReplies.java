package io.novation.node.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.json.Json;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Writes the API's JSON replies (compact, {@code application/json}), including those of reads that run on the engine
 * thread and complete later. The engine thread only builds a read's reply (a fresh Jackson tree no one else holds);
 * serializing it and writing it to the client happen on the reply threads, so a client that does not read its answer
 * holds one reply thread (until the connection's idle timeout cuts the write), never the engine.
 */
final class JsonReplies implements AutoCloseable
{
    /** Reply threads: each may be held by one client that does not read, for at most the idle timeout. */
    static final int REPLY_THREADS = 64;

    static final String JSON = "application/json";

    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final EngineHost host;
    private final ErrorMapping errors;
    private final ThreadPoolExecutor replyThreads;

    JsonReplies(final EngineHost host, final ErrorMapping errors)
    {
        this.host = host;
        this.errors = errors;
        final AtomicInteger threadNumber = new AtomicInteger();
        this.replyThreads = new ThreadPoolExecutor(REPLY_THREADS, REPLY_THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task ->
                new ReplyThreadFuture.ReplyThread(task, "novation-reply-" + threadNumber.incrementAndGet()),
            // The queue is unbounded, so only a closed pool refuses: the HTTP server has stopped and the reply has no
            // one to go to. Dropping it keeps the refusal out of the thread completing the reply's work, the
            // sequencer's, which would otherwise fail there and stop without its shutdown snapshot.
            new ThreadPoolExecutor.DiscardPolicy());
        this.replyThreads.allowCoreThreadTimeOut(true);
    }

    /**
     * The threads that complete engine reads: serialize their replies and write them.
     *
     * @return executor.
     */
    ExecutorService replyThreads()
    {
        return replyThreads;
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
        ctx.future(() -> ReplyThreadFuture.of(result.handleAsync((value, failure) ->
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
        }, replyThreads), replyThreads));
    }

    @Override
    public void close()
    {
        replyThreads.shutdownNow();
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
