package io.novation.node.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who writes a response: Javalin's continuation of a request (registered with {@code thenApply}) runs on a reply
 * thread whether the reply was ready before Javalin registered or completed after.
 */
class ReplyThreadFutureTest
{
    private final AtomicInteger replyThreadNumber = new AtomicInteger();
    private final ExecutorService replyThreads = Executors.newFixedThreadPool(2,
        task -> new ReplyThreadFuture.ReplyThread(task, "reply-" + replyThreadNumber.incrementAndGet()));
    private final AtomicInteger handedTasks = new AtomicInteger();
    private final ExecutorService countedReplyThreads = new java.util.concurrent.AbstractExecutorService()
    {
        @Override
        public void execute(final Runnable command)
        {
            handedTasks.incrementAndGet();
            replyThreads.execute(command);
        }

        @Override
        public void shutdown()
        {
            replyThreads.shutdown();
        }

        @Override
        public java.util.List<Runnable> shutdownNow()
        {
            return replyThreads.shutdownNow();
        }

        @Override
        public boolean isShutdown()
        {
            return replyThreads.isShutdown();
        }

        @Override
        public boolean isTerminated()
        {
            return replyThreads.isTerminated();
        }

        @Override
        public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
        {
            return replyThreads.awaitTermination(timeout, unit);
        }
    };

    @AfterEach
    void stop()
    {
        replyThreads.shutdownNow();
    }

    @Test
    void shouldWriteOnAReplyThreadWhenTheReplyWasReadyBeforeJavalinRegistered() throws Exception
    {
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.completedFuture("reply"), countedReplyThreads);
        assertThat(handed).isDone();

        final CompletableFuture<String> writer = handed.thenApply(value -> Thread.currentThread().getName());

        assertThat(writer.get(5, TimeUnit.SECONDS)).startsWith("reply-");
        assertThat(handedTasks).hasValue(1);
    }

    @Test
    void shouldWriteOnTheReplyThreadThatCompletesTheReplyWithoutAnotherHop() throws Exception
    {
        final CountDownLatch registered = new CountDownLatch(1);
        final CompletableFuture<String> reply = CompletableFuture.supplyAsync(() ->
        {
            await(registered);
            return "reply";
        }, replyThreads);
        final CompletableFuture<String> handed = ReplyThreadFuture.of(reply, countedReplyThreads);

        final CompletableFuture<String> writer = handed.thenApply(value -> Thread.currentThread().getName());
        registered.countDown();

        assertThat(writer.get(5, TimeUnit.SECONDS)).startsWith("reply-");
        assertThat(handedTasks).as("the completing reply thread writes itself").hasValue(0);
    }

    @Test
    void shouldPassTheReplyFailureToTheContinuationsFailureHandler()
    {
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.failedFuture(new IllegalStateException("no reply")), countedReplyThreads);

        final CompletableFuture<String> writer = handed.thenApply(value -> "written");

        assertThatThrownBy(writer::join).isInstanceOf(CompletionException.class)
            .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(handedTasks).hasValue(0);
    }

    @Test
    void shouldFailTheContinuationThatThrows() throws Exception
    {
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.completedFuture("reply"), countedReplyThreads);

        final CompletableFuture<String> writer = handed.thenApply(value ->
        {
            throw new IllegalArgumentException("cannot write");
        });

        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
