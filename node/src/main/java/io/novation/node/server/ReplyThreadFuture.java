package io.novation.node.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A reply's completion handed to Javalin, whose continuations (writing the response to the client, or the error
 * response of a failed reply) always run on a reply thread. Javalin continues a request with {@code thenApply} on the
 * future a handler gives it, then {@code exceptionally} on what that returns; each runs on the thread that completes
 * the future, or on the request thread itself when the future had completed before Javalin registered: then a client
 * that does not read held a request thread in a blocking write, depending on timing. Here a continuation that would
 * run on any other thread is handed to the reply threads instead (one more hop only in that case).
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
     * A future completed as {@code reply} is, whose continuations added with {@code thenApply} and {@code
     * exceptionally} run on a reply thread.
     *
     * @param reply        the reply's work, run on the reply threads (it sets the response on the context).
     * @param replyThreads the threads that write replies; their threads are {@link ReplyThread}s.
     * @param <T>          the reply work's value.
     * @return the future to give {@code Context.future}.
     */
    static <T> CompletableFuture<T> of(final CompletableFuture<T> reply, final Executor replyThreads)
    {
        final ReplyThreadFuture<T> handed = new ReplyThreadFuture<>(replyThreads);
        reply.whenComplete((value, failure) -> settle(handed, value, failure));
        return handed;
    }

    @Override
    public <U> CompletableFuture<U> thenApply(final Function<? super T, ? extends U> continuation)
    {
        return continueOnReplyThread((value, failure) ->
        {
            if (failure != null)
            {
                throw failure;
            }
            return continuation.apply(value);
        });
    }

    @Override
    public CompletableFuture<T> exceptionally(final Function<Throwable, ? extends T> recovery)
    {
        return continueOnReplyThread((value, failure) -> failure == null ? value : recovery.apply(failure));
    }

    /** A stage completed by a step run on a reply thread once this future completes, with its value or failure. */
    private <U> CompletableFuture<U> continueOnReplyThread(final Step<? super T, U> step)
    {
        final ReplyThreadFuture<U> next = new ReplyThreadFuture<>(replyThreads);
        whenComplete((value, failure) -> onReplyThread(() ->
        {
            try
            {
                next.complete(step.apply(value, failure));
            }
            catch (final Throwable ex)
            {
                next.completeExceptionally(ex);
            }
        }));
        return next;
    }

    private void onReplyThread(final Runnable step)
    {
        if (Thread.currentThread() instanceof ReplyThread)
        {
            step.run();
            return;
        }
        try
        {
            replyThreads.execute(step);
        }
        catch (final RejectedExecutionException stopping)
        {
            // An executor that refuses once stopped: answer here rather than never (the node's own reply pool drops
            // instead, as its HTTP server has stopped first and no one is left to answer).
            step.run();
        }
    }

    private static <T> void settle(final CompletableFuture<T> future, final T value, final Throwable failure)
    {
        if (failure != null)
        {
            future.completeExceptionally(failure);
        }
        else
        {
            future.complete(value);
        }
    }

    /** What a continuation does with the value or the failure it follows; may throw. */
    @FunctionalInterface
    private interface Step<T, U>
    {
        U apply(T value, Throwable failure) throws Throwable;
    }

    /** A thread of the reply pool: the only kind that writes the reply of a request answered asynchronously. */
    static final class ReplyThread extends Thread
    {
        ReplyThread(final Runnable task, final String name)
        {
            super(task, name);
            setDaemon(true);
        }
    }
}
