package io.novation.client.feed;

import io.novation.client.feed.sbe.AckStatus;
import io.novation.client.feed.sbe.AcksDecoder;
import io.novation.client.feed.sbe.FeedErrorDecoder;
import io.novation.client.feed.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a node's binary feed ({@code /v1/feed}): sends {@link FeedBatch} frames and completes each frame's
 * future with its acknowledgements, in frame order, once the node reports them durable. When the node answers a
 * frame with an error message (byte offset and reason) it closes the connection, and this client fails that frame
 * and every later one with a {@link FeedException}. It pings the node every ping interval, so that a connection
 * with no frames for longer than the node's idle timeout stays open. Thread-safe: frames from several threads are
 * sent one at a time.
 */
public final class FeedClient implements AutoCloseable
{
    /** The default interval between pings: below the node's default idle timeout of 10 s. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(4);

    private static final ScheduledExecutorService PINGS = Executors.newSingleThreadScheduledExecutor(task ->
    {
        final Thread thread = new Thread(task, "novation-feed-pings");
        thread.setDaemon(true);
        return thread;
    });

    private final WebSocket socket;
    private final ScheduledFuture<?> pinging;
    private final ArrayDeque<CompletableFuture<List<FeedAck>>> pending = new ArrayDeque<>();
    private final CompletableFuture<FeedException> failed = new CompletableFuture<>();
    private CompletableFuture<WebSocket> lastSend;

    private FeedClient(final URI feed, final Duration pingInterval) throws InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try
        {
            this.socket = http.newWebSocketBuilder().buildAsync(feed, new Reader()).get(30, TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
        {
            throw new IllegalStateException("cannot open the feed at " + feed + ": " + ex.getMessage(), ex);
        }
        this.lastSend = CompletableFuture.completedFuture(socket);
        final long every = pingInterval.toMillis();
        this.pinging = every > 0 ? PINGS.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS) : null;
    }

    /**
     * Connects to a node's feed.
     *
     * @param baseUri the node's HTTP base, such as {@code http://127.0.0.1:8080}.
     * @return the connection.
     * @throws InterruptedException when interrupted while connecting.
     */
    public static FeedClient connect(final URI baseUri) throws InterruptedException
    {
        return connect(baseUri, DEFAULT_PING_INTERVAL);
    }

    /**
     * Connects to a node's feed with a given interval between pings.
     *
     * @param baseUri      the node's HTTP base, such as {@code http://127.0.0.1:8080}.
     * @param pingInterval the interval between pings, below the node's idle timeout; zero sends none (the node then
     *                     closes the connection once it has carried no frame for its idle timeout).
     * @return the connection.
     * @throws InterruptedException when interrupted while connecting.
     */
    public static FeedClient connect(final URI baseUri, final Duration pingInterval) throws InterruptedException
    {
        if (pingInterval.isNegative())
        {
            throw new IllegalArgumentException("the ping interval must not be negative: " + pingInterval);
        }
        final String base = baseUri.toString().replaceFirst("^http", "ws").replaceAll("/+$", "");
        return new FeedClient(URI.create(base + "/v1/feed"), pingInterval);
    }

    /**
     * Sends a batch as one frame.
     *
     * @param batch the batch.
     * @return its acknowledgements, in the batch's order, once durable; fails with a {@link FeedException} when the
     *     node answers with an error message or the connection closes first.
     */
    public CompletableFuture<List<FeedAck>> send(final FeedBatch batch)
    {
        return send(batch.toBytes());
    }

    /**
     * Sends any bytes as one binary frame (a batch's, or bytes of a test of the node's reading).
     *
     * @param frame the frame.
     * @return the frame's acknowledgements, as {@link #send(FeedBatch)}.
     */
    public synchronized CompletableFuture<List<FeedAck>> send(final byte[] frame)
    {
        final CompletableFuture<List<FeedAck>> acks = new CompletableFuture<>();
        if (failed.isDone())
        {
            acks.completeExceptionally(failed.join());
            return acks;
        }
        pending.addLast(acks);
        lastSend = lastSend.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(frame), true));
        lastSend.exceptionally(failure ->
        {
            fail(new FeedException(-1, "SEND_FAILED", String.valueOf(failure.getMessage())));
            return null;
        });
        return acks;
    }

    private synchronized void ping()
    {
        if (failed.isDone())
        {
            return;
        }
        // Queued behind the frames being sent, as the WebSocket sends one message at a time.
        lastSend = lastSend.thenCompose(ws -> ws.sendPing(ByteBuffer.allocate(0)));
        lastSend.exceptionally(failure ->
        {
            fail(new FeedException(-1, "SEND_FAILED", String.valueOf(failure.getMessage())));
            return null;
        });
    }

    /**
     * The error that ended the connection, when it ended.
     *
     * @return completes with the node's error (or the closing) when the connection ends.
     */
    public CompletableFuture<FeedException> closed()
    {
        return failed;
    }

    private synchronized void acknowledged(final List<FeedAck> acks)
    {
        final CompletableFuture<List<FeedAck>> next = pending.pollFirst();
        if (next != null)
        {
            next.complete(acks);
        }
    }

    private synchronized void fail(final FeedException error)
    {
        failed.complete(error);
        if (pinging != null)
        {
            pinging.cancel(false);
        }
        CompletableFuture<List<FeedAck>> next;
        while ((next = pending.pollFirst()) != null)
        {
            next.completeExceptionally(error);
        }
    }

    private void message(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        if (header.templateId() == AcksDecoder.TEMPLATE_ID)
        {
            final AcksDecoder acks = new AcksDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version());
            final long durable = acks.durableSequence();
            final List<FeedAck> list = new ArrayList<>();
            for (final AcksDecoder.OutcomesDecoder each : acks.outcomes())
            {
                final FeedAck.Status status = each.status() == AckStatus.APPLIED ? FeedAck.Status.APPLIED :
                    each.status() == AckStatus.REJECTED ? FeedAck.Status.REJECTED : FeedAck.Status.REFUSED;
                final long correlationId = each.correlationId();
                final long sequence = each.sequence();
                final long time = each.time();
                final String code = each.code();
                final String message = each.message();
                list.add(new FeedAck(correlationId, status, sequence, time, code, message, durable));
            }
            acknowledged(list);
        }
        else if (header.templateId() == FeedErrorDecoder.TEMPLATE_ID)
        {
            final FeedErrorDecoder error = new FeedErrorDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version());
            final int offset = (int)error.byteOffset();
            final String code = error.code();
            fail(new FeedException(offset, code, error.message()));
        }
    }

    @Override
    public void close()
    {
        if (pinging != null)
        {
            pinging.cancel(false);
        }
        try
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            socket.abort();
        }
        fail(new FeedException(-1, "CLOSED", "the client closed the connection"));
    }

    /** Collects each binary message from its parts and hands it on. */
    private final class Reader implements WebSocket.Listener
    {
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            final byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            parts.writeBytes(chunk);
            if (last)
            {
                final byte[] whole = parts.toByteArray();
                parts.reset();
                message(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            fail(new FeedException(-1, reason == null || reason.isEmpty() ? "CLOSED" : reason,
                "the node closed the connection with status " + statusCode));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            fail(new FeedException(-1, "CONNECTION_FAILED", String.valueOf(error.getMessage())));
        }
    }
}
