package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscription to a node's event stream ({@code WS /v1/stream}, {@code docs/operations.md} §10 and §15), public or
 * one account's ({@code ?account=}), on {@link WebSocket}: hands each event, parsed, to a consumer in order, and
 * after a dropped or stale connection reconnects from the place of the last event it delivered, so that no event is
 * missed or repeated. A private stream resumes with {@code from=S:I} (command {@code S}, event index {@code I}) and
 * advances its place on each heartbeat; the public stream, whose events carry no index, resumes from the command
 * before and skips the events of it already delivered. Heartbeats (every 2 s on a private stream, asked for on the
 * public one) are not delivered as events: a connection silent for {@link #STALE_AFTER_MS} is dropped and resumed.
 * Margin warnings are delivered but, being notifications, not resumed.
 */
public final class StreamClient implements AutoCloseable
{
    /** A connection with no message for this long (three heartbeat periods and a half) is stale, ms. */
    public static final long STALE_AFTER_MS = 7_000;

    private static final long RECONNECT_DELAY_MS = 200;
    private static final int WHOLE_COMMAND = Integer.MAX_VALUE;

    private final NovationClient client;
    private final String account;
    private final boolean heartbeats;
    private final Consumer<JsonNode> consumer;
    private final Consumer<String> log;
    private volatile long lastSequence;
    private volatile int lastIndex = WHOLE_COMMAND;
    private volatile int deliveredAtLast;
    private volatile int skip;
    private volatile long latest = -1;
    private volatile long confirmed = -1;
    private volatile long lastMessageAt;
    private volatile int connections;
    private volatile boolean open = true;
    private volatile Listener current;
    /** Held while an event is handed over: a resumed connection waits for the one still delivering. */
    private final Object delivery = new Object();

    private StreamClient(final NovationClient client, final String account, final boolean heartbeats, final long from,
        final Consumer<JsonNode> consumer, final Consumer<String> log)
    {
        this.client = client;
        this.account = account;
        this.heartbeats = heartbeats;
        this.consumer = consumer;
        this.log = log;
        this.lastSequence = from;
        connect();
        if (heartbeats)
        {
            watch();
        }
    }

    /**
     * The public stream from the event after command {@code from}; heartbeats asked for when {@code heartbeats}.
     *
     * @param client     the node's client.
     * @param from       the last sequence already known; events of later commands are delivered.
     * @param heartbeats whether to ask for heartbeats and drop a connection that falls silent.
     * @param consumer   receives each event (on the WebSocket's thread, one event at a time).
     * @param log        receives connection notes.
     * @return the open subscription.
     */
    public static StreamClient publicStream(final NovationClient client, final long from, final boolean heartbeats,
        final Consumer<JsonNode> consumer, final Consumer<String> log)
    {
        return new StreamClient(client, null, heartbeats, from, consumer, log);
    }

    /**
     * One account's stream from the event after command {@code from}.
     *
     * @param client   the node's client.
     * @param account  the account's address, {@code 0x} and 40 hex digits.
     * @param from     the last sequence already known; the account's events of later commands are delivered.
     * @param consumer receives each event and margin warning (on the WebSocket's thread, one at a time).
     * @param log      receives connection notes.
     * @return the open subscription.
     */
    public static StreamClient accountStream(final NovationClient client, final String account, final long from,
        final Consumer<JsonNode> consumer, final Consumer<String> log)
    {
        return new StreamClient(client, account, true, from, consumer, log);
    }

    /**
     * The sequence of the last event delivered (or, on a private stream, of the last heartbeat's safe place).
     *
     * @return a sequence number.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * The latest durable sequence of the node, as the last heartbeat told it.
     *
     * @return a sequence, or -1 before the first heartbeat.
     */
    public long latestSequence()
    {
        return latest;
    }

    /**
     * The sequence of the last heartbeat: every event up to it has been delivered.
     *
     * @return a sequence, or -1 before the first heartbeat.
     */
    public long confirmedSequence()
    {
        return confirmed;
    }

    /**
     * How many connections were opened (one plus the resumptions).
     *
     * @return a count.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * Drops the current connection as a network failure would; the subscription resumes by itself.
     */
    public void disconnect()
    {
        final Listener listener = current;
        if (listener != null && listener.retire())
        {
            reconnectLater();
        }
    }

    private String place()
    {
        if (account != null)
        {
            return lastIndex == WHOLE_COMMAND ? Long.toString(lastSequence) : lastSequence + ":" + lastIndex;
        }
        skip = deliveredAtLast;
        return Long.toString(deliveredAtLast == 0 ? lastSequence : lastSequence - 1);
    }

    private synchronized void connect()
    {
        if (!open)
        {
            return;
        }
        final String base = client.base().toString().replaceFirst("^http", "ws");
        final String place;
        synchronized (delivery)
        {
            place = place();
        }
        final StringBuilder query = new StringBuilder("/v1/stream?from=").append(place);
        if (account != null)
        {
            query.append("&account=").append(account);
        }
        else if (heartbeats)
        {
            query.append("&heartbeat=true");
        }
        lastMessageAt = System.currentTimeMillis();
        connections++;
        final Listener listener = new Listener();
        current = listener;
        client.http().newWebSocketBuilder().buildAsync(URI.create(base + query), listener)
            .whenComplete((ws, failure) ->
            {
                if (failure != null)
                {
                    log.accept("event stream: cannot connect (" + failure.getMessage() + "); retrying");
                    if (listener.retire())
                    {
                        reconnectLater();
                    }
                }
                else if (!open)
                {
                    ws.abort();
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

    private void watch()
    {
        if (!open)
        {
            return;
        }
        final Listener listener = current;
        if (listener != null && System.currentTimeMillis() - lastMessageAt > STALE_AFTER_MS && listener.retire())
        {
            log.accept("event stream: no heartbeat for " + STALE_AFTER_MS + " ms; resuming");
            reconnectLater();
        }
        CompletableFuture.delayedExecutor(1_000, TimeUnit.MILLISECONDS).execute(this::watch);
    }

    @Override
    public void close()
    {
        open = false;
        final Listener listener = current;
        if (listener != null)
        {
            listener.retire();
        }
    }

    private void deliver(final String message)
    {
        final JsonNode event;
        try
        {
            event = ClientJson.MAPPER.readTree(message);
        }
        catch (final IOException ex)
        {
            log.accept("event stream: not JSON, skipped: " + message);
            return;
        }
        final String type = event.path("type").asText("");
        final long sequence = event.path("sequence").asLong(-1);
        if ("Heartbeat".equals(type))
        {
            latest = event.path("latest").asLong(-1);
            confirmed = Math.max(confirmed, sequence);
            if (account != null && sequence > lastSequence)
            {
                lastSequence = sequence;
                lastIndex = WHOLE_COMMAND;
            }
            return;
        }
        if ("MarginWarning".equals(type))
        {
            consumer.accept(event);
            return;
        }
        if (account != null)
        {
            deliverPrivate(event, sequence);
        }
        else
        {
            deliverPublic(event, sequence);
        }
    }

    private void deliverPrivate(final JsonNode event, final long sequence)
    {
        final int index = event.path("index").asInt(0);
        if (sequence < lastSequence || sequence == lastSequence && (lastIndex == WHOLE_COMMAND || index <= lastIndex))
        {
            return;
        }
        consumer.accept(event);
        lastSequence = sequence;
        lastIndex = index;
    }

    private void deliverPublic(final JsonNode event, final long sequence)
    {
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

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();
        private volatile WebSocket webSocket;
        private boolean retired;

        /** Stops taking this connection's messages and aborts it; true the first time only. */
        synchronized boolean retire()
        {
            if (retired)
            {
                return false;
            }
            retired = true;
            final WebSocket ws = webSocket;
            if (ws != null)
            {
                ws.abort();
            }
            return true;
        }

        private synchronized boolean live()
        {
            return !retired;
        }

        @Override
        public void onOpen(final WebSocket webSocket)
        {
            synchronized (this)
            {
                this.webSocket = webSocket;
                if (retired)
                {
                    webSocket.abort();
                    return;
                }
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            if (!live())
            {
                return null;
            }
            lastMessageAt = System.currentTimeMillis();
            text.append(data);
            if (last)
            {
                final String message = text.toString();
                text.setLength(0);
                synchronized (delivery)
                {
                    if (live())
                    {
                        deliver(message);
                    }
                }
                // A consumer's own time is not the connection's silence.
                lastMessageAt = System.currentTimeMillis();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            if (open && retire())
            {
                log.accept("event stream: closed by the node (" + statusCode + " " + reason + "); reconnecting");
                reconnectLater();
            }
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            if (open && retire())
            {
                log.accept("event stream: " + error.getMessage() + "; reconnecting");
                reconnectLater();
            }
        }
    }
}
