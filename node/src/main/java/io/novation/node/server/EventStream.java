package io.novation.node.server;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.novation.node.stream.EventHub;
import io.novation.node.stream.EventSubscriber;
import io.novation.node.stream.SubscriberQueue;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.internal.WebSocketCoreSession;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The WebSocket route {@code /v1/stream}: each connection subscribes to the durable events after the sequence in its
 * {@code from} query parameter (the latest by default) and receives them in sequence order, one JSON text each. Each
 * connection has its own bounded queue ({@link #QUEUE_EVENTS} events) written by asynchronous sends, and a bounded
 * socket send buffer ({@link #SOCKET_SEND_BUFFER_BYTES}), so a client that does not read holds only its own queue;
 * one whose oldest unwritten event waits {@link #STALL_MILLIS} ms, or whose queue overflows, is closed with status
 * 1013 and the reason {@code SLOW_CONSUMER: ...; resume with from=N}.
 */
final class EventStream
{
    /** Events a connection's queue holds at most. */
    static final int QUEUE_EVENTS = 8192;
    /** Milliseconds the oldest unwritten event of a connection may wait before the connection is closed. */
    static final long STALL_MILLIS = 5_000;

    /** Bytes of the kernel's send buffer of each stream connection. */
    static final int SOCKET_SEND_BUFFER_BYTES = 128 * 1024;

    private static final int GOING_AWAY = 1001;
    private static final int TRY_AGAIN_LATER = 1013;

    private final EngineHost host;
    private final Map<WsContext, EventSubscriber> subscribers = new ConcurrentHashMap<>();

    EventStream(final EngineHost host)
    {
        this.host = host;
        host.metrics().gauge("novation_stream_subscribers", () -> host.hub().subscriberCount());
    }

    /**
     * Wires a WebSocket route's handlers to this stream.
     *
     * @param ws the route's configuration.
     */
    void configure(final WsConfig ws)
    {
        ws.onConnect(this::subscribe);
        ws.onClose(this::unsubscribe);
        ws.onError(this::unsubscribe);
    }

    private void subscribe(final WsContext ctx)
    {
        final EventHub hub = host.hub();
        final String from = ctx.queryParam("from");
        final long after;
        try
        {
            after = from == null ? hub.lastSequence() : Long.parseLong(from);
        }
        catch (final NumberFormatException ex)
        {
            ctx.closeSession(1008, "INVALID_FIELD: from must be a sequence number");
            return;
        }
        if (after < 0 || after > hub.lastSequence())
        {
            ctx.closeSession(1008, "INVALID_FIELD: from must be in [0, " + hub.lastSequence() + "]");
            return;
        }
        final EventSubscriber subscriber = new SubscriberQueue(new SubscriberQueue.Transport()
        {
            @Override
            public void send(final String json, final Consumer<Throwable> written)
            {
                ctx.session.getRemote().sendString(json, new WriteCallback()
                {
                    @Override
                    public void writeSuccess()
                    {
                        written.accept(null);
                    }

                    @Override
                    public void writeFailed(final Throwable failure)
                    {
                        written.accept(failure);
                    }
                });
            }

            @Override
            public void close(final String reason)
            {
                ctx.closeSession(reason.startsWith(SubscriberQueue.SLOW_CONSUMER) ? TRY_AGAIN_LATER : GOING_AWAY,
                    reason);
            }

            @Override
            public boolean isOpen()
            {
                return ctx.session.isOpen();
            }
        }, QUEUE_EVENTS, STALL_MILLIS);
        boundSendBuffer(ctx);
        subscribers.put(ctx, subscriber);
        hub.subscribe(subscriber, after);
    }

    /**
     * Bounds the kernel's send buffer of the connection (which otherwise grows to megabytes on its own), so what a
     * client that does not read holds is its queue plus this buffer.
     */
    private static void boundSendBuffer(final WsContext ctx)
    {
        if (ctx.session instanceof WebSocketSession session &&
            session.getCoreSession() instanceof WebSocketCoreSession core && core.getConnection() != null &&
            core.getConnection().getEndPoint().getTransport() instanceof NetworkChannel channel)
        {
            try
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_SEND_BUFFER_BYTES);
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                // The kernel's own sizing stays; the queue and the stall bound still hold.
            }
        }
    }

    private void unsubscribe(final WsContext ctx)
    {
        final EventSubscriber subscriber = subscribers.remove(ctx);
        if (subscriber != null)
        {
            host.hub().unsubscribe(subscriber);
        }
    }
}
