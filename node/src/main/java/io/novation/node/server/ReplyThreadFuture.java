package io.novation.node.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A reply's completion handed to Javalin, whose continuation (writing the response to the client) always runs on a
 * reply thread. Javalin continues a request with {@code thenApply} on the future a handler gives it, which runs on the
 * thread that completes the future, or on the request thread itself when the future completed before Javalin
 * registered: then a client that does not read held a request thread in a blocking write, depending on timing. Here a
 * continuation that would run on any other thread is handed to the reply threads instead (one more hop only in that
 * case).
 *
 * @param <T> the reply work's value (Javalin ignores it: the reply is already set on the context).
 */
final class ReplyThreadFuture<T> extends CompletableFuture<T>
{
    private final Executor replyThreads;

    private ReplyThreadFuture(final Executor replyThreads)
    {
        this.replyThreads = replyThreads;
    }

    /**
     * A future completed as {@code reply} is, whose continuations added with {@code thenApply} run on a reply thread.
     *
     * @param reply        the reply's work, run on the reply threads (it sets the response on the context).
     * @param replyThreads the threads that write replies; their threads are {@link ReplyThread}s.
     * @param <T>          the reply work's value.
     * @return the future to give {@code Context.future}.
     */
    static <T> CompletableFuture<T> of(final CompletableFuture<T> reply, final Executor replyThreads)
    {
        final ReplyThreadFuture<T> handed = new ReplyThreadFuture<>(replyThreads);
        reply.whenComplete((value, failure) ->
        {
            if (failure != null)
            {
                handed.completeExceptionally(failure);
            }
            else
            {
                handed.complete(value);
            }
        });
        return handed;
    }

    @Override
    public <U> CompletableFuture<U> thenApply(final Function<? super T, ? extends U> continuation)
    {
        final CompletableFuture<U> next = new CompletableFuture<>();
        whenComplete((value, failure) ->
        {
            if (failure != null)
            {
                next.completeExceptionally(failure);
            }
            else if (Thread.currentThread() instanceof ReplyThread)
            {
                apply(continuation, value, next);
            }
            else
            {
                replyThreads.execute(() -> apply(continuation, value, next));
            }
        });
        return next;
    }

    private static <T, U> void apply(
        final Function<? super T, ? extends U> continuation, final T value, final CompletableFuture<U> next)
    {
        try
        {
            next.complete(continuation.apply(value));
        }
        catch (final Throwable ex)
        {
            next.completeExceptionally(ex);
        }
    }

    /** A thread of the reply pool: the only kind that writes a response to a client. */
    static final class ReplyThread extends Thread
    {
        ReplyThread(final Runnable task, final String name)
        {
            super(task, name);
            setDaemon(true);
        }
    }
}
