package io.novation.node.server;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.novation.node.stream.EventHub;
import io.novation.node.stream.EventSubscriber;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket route {@code /v1/stream}: each connection subscribes to the durable events after the sequence in its
 * {@code from} query parameter (the latest by default) and receives them in sequence order, one JSON text each.
 */
final class EventStream
{
    private final EngineHost host;
    private final Map<WsContext, EventSubscriber> subscribers = new ConcurrentHashMap<>();

    EventStream(final EngineHost host)
    {
        this.host = host;
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
        final EventSubscriber subscriber = new EventSubscriber()
        {
            @Override
            public void send(final String json) throws Exception
            {
                ctx.session.getRemote().sendString(json);
            }

            @Override
            public void close(final String code, final String message)
            {
                ctx.closeSession(1001, code + ": " + message);
            }

            @Override
            public boolean isOpen()
            {
                return ctx.session.isOpen();
            }
        };
        subscribers.put(ctx, subscriber);
        hub.subscribe(subscriber, after);
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
