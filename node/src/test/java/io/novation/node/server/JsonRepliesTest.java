package io.novation.node.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The reply threads at shutdown: the HTTP server stops before the sequencer, so the sequencer may still complete the
 * work of requests no one can be answered for; handing their replies to the closed pool must not fail the thread that
 * completes them (the sequencer's, which would then stop without its shutdown snapshot).
 */
class JsonRepliesTest
{
    @Test
    void shouldDropRatherThanThrowAReplyHandedToTheClosedReplyThreads()
    {
        final JsonReplies replies = new JsonReplies(null, null);
        replies.close();
        final CompletableFuture<String> work = new CompletableFuture<>();
        final CompletableFuture<String> reply = work.thenApplyAsync(outcome -> outcome + " answered",
            replies.replyThreads());

        assertThatCode(() -> work.complete("durable")).as("the sequencer completes the work")
            .doesNotThrowAnyException();
        assertThat(work).isCompletedWithValue("durable");
        assertThat(reply).as("no reply is written once the server stopped").isNotDone();
    }

    @Test
    void shouldWriteRepliesOnReplyThreadsWhileOpen() throws Exception
    {
        try (JsonReplies replies = new JsonReplies(null, null))
        {
            final String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
                replies.replyThreads()).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(thread).startsWith("novation-reply-");
        }
    }
}
