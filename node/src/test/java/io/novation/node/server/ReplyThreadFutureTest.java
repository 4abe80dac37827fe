package io.novation.node.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who writes a response: Javalin's continuations of a request (the response's write registered with {@code thenApply},
 * the error response with {@code exceptionally}) run on a reply thread whether the reply was ready before Javalin
 * registered or completed after.
 */
class ReplyThreadFutureTest
{
    private final AtomicInteger replyThreadNumber = new AtomicInteger();
    private final ExecutorService replyThreads = Executors.newFixedThreadPool(2,
        task -> new ReplyThreadFuture.ReplyThread(task, "reply-" + replyThreadNumber.incrementAndGet()));
    private final AtomicInteger handedTasks = new AtomicInteger();
    private final Executor countedReplyThreads = command ->
    {
        handedTasks.incrementAndGet();
        replyThreads.execute(command);
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
    void shouldAnswerAFailedReplyOnAReplyThreadWhenItFailedBeforeJavalinRegistered() throws Exception
    {
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.failedFuture(new IllegalStateException("no reply")), countedReplyThreads);

        // As Javalin chains them: the write, then the error response when the write's stage failed.
        final CompletableFuture<String> answered = handed.thenApply(value -> "written")
            .exceptionally(failure -> Thread.currentThread().getName() + " " + failure.getClass().getSimpleName());

        assertThat(answered.get(5, TimeUnit.SECONDS)).startsWith("reply-").endsWith("IllegalStateException");
        assertThat(handedTasks.get()).isPositive();
    }

    @Test
    void shouldRunTheErrorResponseOfAContinuationThatThrowsOnAReplyThread() throws Exception
    {
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.completedFuture("reply"), countedReplyThreads);

        final CompletableFuture<String> answered = handed.<String>thenApply(value ->
        {
            throw new IllegalArgumentException("cannot write");
        }).exceptionally(failure -> Thread.currentThread().getName());

        assertThat(answered.get(5, TimeUnit.SECONDS)).startsWith("reply-");
    }

    @Test
    void shouldAnswerOnTheCallingThreadRatherThanNeverWhenTheReplyThreadsHaveStopped() throws Exception
    {
        replyThreads.shutdownNow();
        final CompletableFuture<String> handed = ReplyThreadFuture.of(
            CompletableFuture.completedFuture("reply"), countedReplyThreads);

        final CompletableFuture<String> writer = handed.thenApply(value -> value + " written");

        assertThat(writer.get(5, TimeUnit.SECONDS)).isEqualTo("reply written");
    }

    /**
     * Through Javalin itself: a handler whose reply is complete before it returns (the race that let a request thread
     * write). The response body is a stream that names the thread reading it, which is the thread writing the
     * response; with the reply handed to Javalin as a plain future it names a Jetty request thread.
     */
    @Test
    void shouldWriteAnAlreadyCompleteReplyOnAReplyThreadThroughJavalin() throws Exception
    {
        final io.javalin.Javalin app = io.javalin.Javalin.create(config -> config.showJavalinBanner = false)
            .get("/ready", ctx -> ctx.future(() -> ReplyThreadFuture.of(
                CompletableFuture.completedFuture("reply").thenApply(value ->
                {
                    ctx.result(new WriterNamingStream());
                    return value;
                }), replyThreads)))
            .start("127.0.0.1", 0);
        try
        {
            final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < 20; i++)
            {
                final java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + app.port() + "/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).as("the thread that wrote answer %d", i).startsWith("reply-");
            }
        }
        finally
        {
            app.stop();
        }
    }

    /** A response body whose bytes are the name of the first thread that reads it. */
    private static final class WriterNamingStream extends java.io.InputStream
    {
        private byte[] name;
        private int next;

        @Override
        public int read()
        {
            if (name == null)
            {
                name = Thread.currentThread().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return next < name.length ? name[next++] & 0xFF : -1;
        }
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

        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(IllegalArgumentException.class);
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
