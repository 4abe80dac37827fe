package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscription to a node's event stream ({@code WS /v1/stream?from=S}) on {@link java.net.http.WebSocket}: hands
 * each event, parsed, to a consumer in sequence order, and after a dropped connection reconnects from the last
 * sequence it delivered, so that no event is missed or repeated (a command's events share its sequence: a command
 * cut off mid-way is requested again and its events already delivered are skipped).
 */
public final class EventStream implements AutoCloseable
{
    private static final long RECONNECT_DELAY_MS = 200;

    private final NodeClient client;
    private final Consumer<JsonNode> consumer;
    private final Consumer<String> log;
    private volatile long lastSequence;
    private volatile int deliveredAtLast;
    private volatile int skip;
    private volatile boolean open = true;
    private volatile WebSocket socket;

    /**
     * Subscribes from the event after {@code from}.
     *
     * @param client   the node's client.
     * @param from     the last sequence already known; events above it are delivered.
     * @param consumer receives each event (called on the WebSocket's thread, one event at a time).
     * @param log      receives connection notes.
     */
    public EventStream(final NodeClient client, final long from, final Consumer<JsonNode> consumer,
        final Consumer<String> log)
    {
        this.client = client;
        this.consumer = consumer;
        this.log = log;
        this.lastSequence = from;
        connect();
    }

    /**
     * The sequence of the last event delivered.
     *
     * @return a sequence number.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    private void connect()
    {
        if (!open)
        {
            return;
        }
        final String base = client.base().toString().replaceFirst("^http", "ws");
        final long from = deliveredAtLast == 0 ? lastSequence : lastSequence - 1;
        skip = deliveredAtLast;
        final URI uri = URI.create(base + "/v1/stream?from=" + from);
        client.http().newWebSocketBuilder().buildAsync(uri, new Listener()).whenComplete((ws, failure) ->
        {
            if (failure != null)
            {
                log.accept("event stream: cannot connect (" + failure.getMessage() + "); retrying");
                reconnectLater();
            }
            else
            {
                socket = ws;
                if (!open)
                {
                    ws.abort();
                }
            }
        });
    }

    private void reconnectLater()
    {
        if (open)
        {
            CompletableFuture.delayedExecutor(RECONNECT_DELAY_MS, TimeUnit.MILLISECONDS).execute(this::connect);
        }
    }

    @Override
    public void close()
    {
        open = false;
        final WebSocket ws = socket;
        if (ws != null)
        {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                final String message = text.toString();
                text.setLength(0);
                deliver(message);
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(final String message)
        {
            final JsonNode event;
            try
            {
                event = Json.MAPPER.readTree(message);
            }
            catch (final IOException ex)
            {
                log.accept("event stream: not JSON, skipped: " + message);
                return;
            }
            final long sequence = event.path("sequence").asLong(-1);
            if (sequence < lastSequence)
            {
                return;
            }
            if (sequence == lastSequence && skip > 0)
            {
                skip--;
                return;
            }
            consumer.accept(event);
            if (sequence > lastSequence)
            {
                lastSequence = sequence;
                deliveredAtLast = 1;
            }
            else
            {
                deliveredAtLast++;
            }
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            if (open)
            {
                log.accept("event stream: closed by the node (" + statusCode + " " + reason + "); reconnecting");
                reconnectLater();
            }
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            if (open)
            {
                log.accept("event stream: " + error.getMessage() + "; reconnecting");
                reconnectLater();
            }
        }
    }
}
