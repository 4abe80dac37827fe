package io.novation.node.server;

import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.novation.node.feed.FeedCommand;
import io.novation.node.feed.FeedFormatException;
import io.novation.node.feed.FeedFrameReader;
import io.novation.node.feed.FeedReplies;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket route {@code /v1/feed} (docs/protocol.md, "Binary feed"): each binary frame is a batch of SBE command
 * messages with the semantics of {@code POST /v1/commands/batch}, read whole by a {@link FeedFrameReader}, admitted,
 * verified and sequenced through the {@link SubmissionPipeline}, in the connection's frame order; the node answers
 * each frame with one {@code Acks} message once its commands are durable (or refused). A frame it cannot read
 * (truncated, too large, an unknown template or schema version, a text frame) is answered with a {@code FeedError}
 * naming the byte offset of the fault, nothing of it is applied, and the connection is closed (status 1003 or 1009);
 * the node carries on. A connection idle for the HTTP idle timeout (no frame either way, pings included) is closed.
 */
final class BinaryFeed
{
    /** Close status after an error message: the data could not be read. */
    static final int UNSUPPORTED_DATA = 1003;
    /** Close status after an error message: a frame over the size limit. */
    static final int MESSAGE_TOO_BIG = 1009;

    private final EngineHost host;
    private final SubmissionPipeline pipeline;
    private final int maxBytes;
    private final int maxCommands;
    private final Duration idleTimeout;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();

    BinaryFeed(final EngineHost host, final SubmissionPipeline pipeline, final int maxBytes, final int maxCommands,
        final long idleTimeoutMs)
    {
        this.host = host;
        this.pipeline = pipeline;
        this.maxBytes = maxBytes;
        this.maxCommands = maxCommands;
        this.idleTimeout = Duration.ofMillis(idleTimeoutMs);
        host.metrics().gauge("novation_feed_connections", () -> connections.size());
        host.metrics().gauge("novation_feed_frames", frames::get);
        host.metrics().gauge("novation_feed_faults", faults::get);
    }

    /**
     * Wires a WebSocket route's handlers to the feed.
     *
     * @param ws the route's configuration.
     */
    void configure(final WsConfig ws)
    {
        ws.onConnect(ctx ->
        {
            // Frames up to twice the limit reach the reader, which answers the ones over the limit with an error
            // message; beyond that the WebSocket layer closes the connection itself (status 1009).
            ctx.session.setMaxBinaryMessageSize(2L * maxBytes);
            ctx.session.setMaxTextMessageSize(1024);
            // A connection with no frame either way (data, ping or pong) for the HTTP idle timeout is closed; a
            // client that keeps a quiet connection open pings within it.
            ctx.session.setIdleTimeout(idleTimeout);
            connections.put(ctx.sessionId(), new Connection(new FeedFrameReader(maxBytes, maxCommands),
                client(ctx.session.getRemoteAddress())));
        });
        ws.onBinaryMessage(this::frame);
        ws.onMessage(ctx -> fail(ctx, connections.get(ctx.sessionId()), new FeedFormatException(0, "TEXT_FRAME",
            "the feed reads binary frames only"), UNSUPPORTED_DATA));
        ws.onClose(ctx -> connections.remove(ctx.sessionId()));
        ws.onError(ctx -> connections.remove(ctx.sessionId()));
    }

    private void frame(final WsBinaryMessageContext ctx)
    {
        final long arrival = System.nanoTime();
        final Connection connection = connections.get(ctx.sessionId());
        if (connection == null || connection.closed)
        {
            return;
        }
        frames.incrementAndGet();
        final List<FeedCommand> commands;
        try
        {
            commands = connection.reader.read(ctx.data(), ctx.offset(), ctx.length());
        }
        catch (final FeedFormatException fault)
        {
            fail(ctx, connection, fault, "FRAME_TOO_LARGE".equals(fault.code()) ? MESSAGE_TOO_BIG : UNSUPPORTED_DATA);
            return;
        }
        final CompletableFuture<Void> handed = new CompletableFuture<>();
        final CompletableFuture<List<CommandOutcome>> outcomes = pipeline.submitFeed(connection.client, commands,
            arrival, connection.handed, handed);
        connection.handed = handed;
        // Acknowledgements leave in the order of the frames, each once its frame is durable.
        connection.acked = connection.acked.thenCompose(previous -> outcomes.handle((done, failure) ->
        {
            send(ctx, connection, reply(commands, done, failure));
            return null;
        }));
    }

    private byte[] reply(final List<FeedCommand> commands, final List<CommandOutcome> outcomes,
        final Throwable failure)
    {
        if (failure == null)
        {
            long durable = host.durableSequence();
            for (final CommandOutcome outcome : outcomes)
            {
                durable = Math.max(durable, outcome.sequence());
            }
            return FeedReplies.acks(commands, outcomes, durable);
        }
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ?
            failure.getCause() : failure;
        if (cause instanceof Refusal refusal)
        {
            return FeedReplies.refused(commands, refusal.code(), refusal.getMessage(), host.durableSequence());
        }
        return FeedReplies.refused(commands, "INTERNAL_ERROR", "the frame was not sequenced: " +
            cause.getClass().getSimpleName(), host.durableSequence());
    }

    private void fail(final WsContext ctx, final Connection connection, final FeedFormatException fault,
        final int status)
    {
        faults.incrementAndGet();
        if (connection != null)
        {
            connection.closed = true;
        }
        // Frames already admitted are still acknowledged before the error message and the close.
        final CompletableFuture<Void> before = connection == null ? CompletableFuture.completedFuture(null) :
            connection.acked;
        before.handle((done, failure) ->
        {
            send(ctx, connection, FeedReplies.error(fault));
            ctx.closeSession(status, fault.code());
            return null;
        });
    }

    private static void send(final WsContext ctx, final Connection connection, final byte[] message)
    {
        final Object lock = connection == null ? ctx : connection;
        synchronized (lock)
        {
            try
            {
                ctx.send(ByteBuffer.wrap(message));
            }
            catch (final RuntimeException ex)
            {
                // The client went away: its outcomes are durable all the same, and it reads them from the journal.
            }
        }
    }

    private static String client(final SocketAddress address)
    {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null)
        {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** One connection's reader and the tails of its chains of frames. */
    private static final class Connection
    {
        private final FeedFrameReader reader;
        private final String client;
        private volatile boolean closed;
        /** Completes when the last frame read was handed to the sequencer (touched on the connection's thread). */
        private volatile CompletableFuture<?> handed = CompletableFuture.completedFuture(null);
        /** Completes when the last frame read was acknowledged (touched on the connection's thread). */
        private volatile CompletableFuture<Void> acked = CompletableFuture.completedFuture(null);

        Connection(final FeedFrameReader reader, final String client)
        {
            this.reader = reader;
            this.client = client;
        }
    }
}
