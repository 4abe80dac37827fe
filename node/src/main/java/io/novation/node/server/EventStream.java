package io.novation.node.server;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.novation.core.account.Address;
import io.novation.node.stream.EventHub;
import io.novation.node.stream.EventSubscriber;
import io.novation.node.stream.HeartbeatSubscriber;
import io.novation.node.stream.PrivateSubscriber;
import io.novation.node.stream.SubscriberQueue;
import io.novation.node.warning.MarginWarning;
import io.novation.node.warning.MarginWatch;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.internal.WebSocketCoreSession;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The WebSocket route {@code /v1/stream}: each connection subscribes to the durable events after the sequence in its
 * {@code from} query parameter (the latest by default) and receives them in sequence order, one JSON text each. Each
 * connection has its own bounded queue ({@link #QUEUE_EVENTS} events) written by asynchronous sends, and a bounded
 * socket send buffer ({@link #SOCKET_SEND_BUFFER_BYTES}), so a client that does not read holds only its own queue;
 * one whose oldest unwritten event waits {@link #STALL_MILLIS} ms, or whose queue overflows, is closed with status
 * 1013 and the reason {@code SLOW_CONSUMER: ...; resume with from=N}.
 * <p>
 * With {@code account=0x…} the connection is the account's private stream ({@link PrivateSubscriber}): only the
 * events that name the account, each with its {@code sequence} and {@code index} within its command, resumable
 * exactly with {@code from=S:I} (after event I of command S) or {@code from=S} (after command S), a heartbeat every
 * {@link EventHub#HEARTBEAT_MILLIS} ms, and the account's {@code MarginWarning}s ({@link MarginWatch}). A malformed
 * account closes the connection with status 1008 and {@code INVALID_FIELD: account ...}. The public stream sends
 * heartbeats only when asked ({@code heartbeat=true}), so existing clients see no new message type.
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
    private final Map<Address, Set<PrivateSubscriber>> accounts = new ConcurrentHashMap<>();
    private final MarginWatch watch = new MarginWatch();
    private final AtomicLong watchFailures = new AtomicLong();
    private final ExecutorService warnings = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "novation-margin-warnings");
        thread.setDaemon(true);
        return thread;
    });

    EventStream(final EngineHost host)
    {
        this.host = host;
        host.metrics().gauge("novation_stream_subscribers", () -> host.hub().subscriberCount());
        host.hub().observeLog(events ->
        {
            try
            {
                deliver(watch.onDurable(host.engine(), events));
            }
            catch (final RuntimeException ex)
            {
                // A notification must never stop the sequencer that publishes: the warnings of this group are lost.
                watchFailures.incrementAndGet();
            }
        });
        host.metrics().gauge("novation_margin_watch_failures", watchFailures::get);
        host.metrics().gauge("novation_margin_watch_tracked_subaccounts", watch::trackedCount);
        host.metrics().gauge("novation_margin_watch_reads_last_group", watch::readsInLastGroup);
        host.query(engine ->
        {
            deliver(watch.readAll(engine));
            return null;
        });
    }

    /** Hands the warnings to the warning thread, which queues each to its account's private subscribers. */
    private void deliver(final List<MarginWarning> found)
    {
        if (found.isEmpty())
        {
            return;
        }
        warnings.execute(() ->
        {
            for (final MarginWarning warning : found)
            {
                for (final PrivateSubscriber subscriber : accounts.getOrDefault(warning.owner(), Set.of()))
                {
                    subscriber.offer(warning.sequence(), warning.json());
                }
            }
        });
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
        final String accountText = ctx.queryParam("account");
        Address account = null;
        if (accountText != null)
        {
            try
            {
                account = Address.parse(accountText);
            }
            catch (final IllegalArgumentException ex)
            {
                ctx.closeSession(1008, "INVALID_FIELD: account must be 0x and 40 hex digits");
                return;
            }
        }
        long after;
        int afterIndex = Integer.MAX_VALUE;
        try
        {
            final int colon = from == null ? -1 : from.indexOf(':');
            if (colon >= 0 && account == null)
            {
                throw new NumberFormatException("an event index needs a private stream");
            }
            after = from == null ? hub.lastSequence() : Long.parseLong(colon < 0 ? from : from.substring(0, colon));
            if (colon >= 0)
            {
                afterIndex = Integer.parseInt(from.substring(colon + 1));
                if (afterIndex < 0)
                {
                    throw new NumberFormatException("negative index");
                }
            }
        }
        catch (final NumberFormatException ex)
        {
            ctx.closeSession(1008, "INVALID_FIELD: from must be a sequence number" +
                (account == null ? "" : ", or sequence:index"));
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
        if (account != null)
        {
            final PrivateSubscriber mine = new PrivateSubscriber(subscriber, account, after, afterIndex);
            subscribers.put(ctx, mine);
            accounts.computeIfAbsent(account, a -> ConcurrentHashMap.newKeySet()).add(mine);
            // After event I of S, the rest of S is due: the hub serves whole commands, the subscriber skips the seen.
            hub.subscribe(mine, afterIndex == Integer.MAX_VALUE ? after : after - 1);
            return;
        }
        final boolean beats = "true".equals(ctx.queryParam("heartbeat"));
        final EventSubscriber publicSubscriber = beats ? new HeartbeatSubscriber(subscriber) : subscriber;
        subscribers.put(ctx, publicSubscriber);
        hub.subscribe(publicSubscriber, after);
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
        if (subscriber instanceof PrivateSubscriber mine)
        {
            final Set<PrivateSubscriber> same = accounts.get(mine.account());
            if (same != null)
            {
                same.remove(mine);
            }
        }
        if (subscriber != null)
        {
            host.hub().unsubscribe(subscriber);
        }
    }
}
