package io.novation.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.sequencer.Commands;
import io.novation.node.stream.EventHub;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The clearing engine as an Aeron Cluster service: it applies the commands of the replicated log, in log order, to a
 * {@link ClearingEngine} in trusted signature mode (gateways verify signatures before commands enter the log) and
 * answers on the session's egress (only the leader's answers leave the member).
 * <p>
 * <b>Time.</b> The sequencer time of a command (epoch ms) comes from the log: the cluster timestamp of its message,
 * which the leader stamps and every member reads back identically. A command without a time gets
 * {@code max(log time, last assigned time)}; one with an explicit time keeps it when it is not before the last
 * assigned time ({@code TIME_NOT_MONOTONIC} otherwise) and not more than {@link #MAX_FUTURE_MS} ahead of the log
 * time ({@code TIME_IN_FUTURE}); governance nonces must rise ({@code AUTHORITY_NONCE_REUSED}). These refusals consume
 * no sequence number, as in the embedded sequencer.
 * <p>
 * <b>Exactly once.</b> Each gateway numbers its requests; the service keeps, per gateway, the last request applied
 * and the answers of the last {@link #WINDOW} requests, and answers a repeated request (a gateway resends what was
 * unanswered when a new leader is elected) with the first answer, without applying it again.
 * <p>
 * <b>Snapshots</b> go through Aeron's snapshot mechanism: the governance nonce, the last assigned time, the gateways'
 * windows and the engine's {@link SnapshotCodec} snapshot, cut into messages that fit the snapshot publication, with
 * a CRC32C; {@link #onStart} restores them. The member's leader asks the consensus module for a snapshot every
 * {@code snapshotEvery} commands.
 * <p>
 * Reads from the member's HTTP API run on the service thread between log messages ({@link #query}).
 */
public final class ClearingService implements ClusteredService
{
    /** How far ahead of the log time (ms) an explicit command time may be. */
    public static final long MAX_FUTURE_MS = 60_000;
    /** Answers kept per gateway; a gateway never has more requests than this unanswered. */
    public static final int WINDOW = 1024;
    /** "NVCS". */
    static final int SNAPSHOT_MAGIC = 0x4E564353;
    static final int SNAPSHOT_VERSION = 1;
    private static final int SNAPSHOT_BEGIN = 1;
    private static final int SNAPSHOT_DATA = 2;
    private static final int SNAPSHOT_END = 3;
    private static final int MAX_QUERIES_PER_CYCLE = 64;

    private final EngineConfig engineConfig;
    private final long snapshotEvery;
    private final int eventRing;
    private final Long2ObjectHashMap<GatewayWindow> windows = new Long2ObjectHashMap<>();
    private final Queue<Runnable> queries = new ConcurrentLinkedQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final EventLog events = new EventLog();
    private final BinaryWriter reply = new BinaryWriter(4096);
    private final UnsafeBuffer replyBuffer = new UnsafeBuffer(new byte[0]);
    private final BinaryReader reader = new BinaryReader(new byte[0]);
    private Cluster cluster;
    private ClearingEngine engine;
    private EventHub hub;
    private AtomicCounter controlToggle;
    private long authorityNonce;
    private long lastTime;
    private long lastSnapshotSequence;
    private boolean snapshotRequested;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long appliedSequence;
    private volatile long snapshotsTaken;
    private volatile long restoredSequence = -1;

    /** The requests of one gateway that the service remembers. */
    private static final class GatewayWindow
    {
        private long lastRequestId;
        private final long[] requestIds = new long[WINDOW];
        private final byte[][] answers = new byte[WINDOW][];

        void remember(final long requestId, final byte[] answer)
        {
            final int slot = (int)(requestId % WINDOW);
            requestIds[slot] = requestId;
            answers[slot] = answer;
            lastRequestId = Math.max(lastRequestId, requestId);
        }

        byte[] answerOf(final long requestId)
        {
            final int slot = (int)(requestId % WINDOW);
            return requestIds[slot] == requestId ? answers[slot] : null;
        }
    }

    /**
     * A service.
     *
     * @param engineConfig  the genesis' engine configuration, in trusted signature mode; the same on every member.
     * @param snapshotEvery commands between snapshots that the leader asks for; 0 for none.
     * @param eventRing     events kept in memory for the member's stream subscribers.
     */
    public ClearingService(final EngineConfig engineConfig, final long snapshotEvery, final int eventRing)
    {
        this.engineConfig = engineConfig;
        this.snapshotEvery = snapshotEvery;
        this.eventRing = eventRing;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        engine = snapshotImage == null ? new ClearingEngine(engineConfig, EventSink.NONE) :
            restore(snapshotImage);
        if (snapshotImage == null)
        {
            lastTime = engine.state().time();
        }
        lastSnapshotSequence = engine.state().sequence();
        appliedSequence = engine.state().sequence();
        restoredSequence = snapshotImage == null ? -1 : engine.state().sequence();
        engine.eventSink(events);
        hub = new EventHub(eventRing, (after, upTo, consumer) ->
        {
            throw new IllegalStateException("a cluster member keeps only its most recent events; resume from a " +
                "sequence after " + after);
        }, engine.state().sequence());
        started.countDown();
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final BinaryReader in = reader.wrap(bytes, 0, length);
        final int type;
        final long gatewayId;
        final long requestId;
        try
        {
            type = in.getUnsignedByte();
            gatewayId = in.getLong();
            requestId = in.getLong();
        }
        catch (final CodecException ex)
        {
            return;
        }
        GatewayWindow window = windows.get(gatewayId);
        if (window == null)
        {
            window = new GatewayWindow();
            windows.put(gatewayId, window);
        }
        if (requestId <= window.lastRequestId)
        {
            final byte[] answer = window.answerOf(requestId);
            if (answer != null)
            {
                send(session, answer, answer.length);
            }
            return;
        }
        if (type == ClusterProtocol.SUBMIT)
        {
            final TimeUnit unit = cluster.timeUnit();
            final long logTime = unit == null ? timestamp : unit.toMillis(timestamp);
            final List<ClusterProtocol.Outcome> outcomes = submit(in, logTime);
            ClusterProtocol.writeOutcomes(reply, requestId, outcomes);
        }
        else if (type == ClusterProtocol.ROOT)
        {
            ClusterProtocol.writeRoot(reply, requestId, engine.state().sequence(), engine.state().time(),
                engine.stateRoot());
        }
        else
        {
            return;
        }
        window.remember(requestId, reply.toBytes());
        send(session, reply.buffer(), reply.length());
    }

    private List<ClusterProtocol.Outcome> submit(final BinaryReader in, final long logTime)
    {
        final List<ClusterProtocol.Entry> entries;
        try
        {
            entries = ClusterProtocol.readEntries(in, in.getInt());
        }
        catch (final CodecException | IllegalArgumentException ex)
        {
            return List.of(new ClusterProtocol.Outcome(ClusterProtocol.REFUSED, 400, 0, 0, "INVALID_COMMAND",
                "the request does not decode: " + ex.getMessage()));
        }
        final List<ClusterProtocol.Outcome> outcomes = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++)
        {
            outcomes.add(sequence(entries.get(i), logTime));
        }
        appliedSequence = engine.state().sequence();
        if (!events.events().isEmpty())
        {
            hub.publish(engine.state().sequence(), events.events());
            events.clear();
        }
        return outcomes;
    }

    private ClusterProtocol.Outcome sequence(final ClusterProtocol.Entry entry, final long logTime)
    {
        final Command command = entry.command();
        final long time;
        if (entry.explicitTime())
        {
            time = command.time();
            if (time < lastTime)
            {
                return refused(409, "TIME_NOT_MONOTONIC", "time " + time + " is before the sequencer's time " +
                    lastTime);
            }
            if (time > logTime + MAX_FUTURE_MS)
            {
                return refused(400, "TIME_IN_FUTURE", "time " + time + " is more than " + MAX_FUTURE_MS +
                    " ms ahead of the cluster's clock " + logTime);
            }
        }
        else
        {
            time = Math.max(logTime, lastTime);
        }
        final long nonce = entry.authorityNonce();
        if (nonce != 0 && nonce <= authorityNonce)
        {
            return refused(409, "AUTHORITY_NONCE_REUSED", "authority nonce " + nonce + " is not above the last " +
                authorityNonce);
        }
        final boolean applied = engine.apply(Commands.withTime(command, time));
        lastTime = time;
        if (nonce != 0)
        {
            authorityNonce = nonce;
        }
        final long sequence = engine.state().sequence();
        if (applied)
        {
            return new ClusterProtocol.Outcome(ClusterProtocol.APPLIED, 0, sequence, time, null, null);
        }
        final Event last = events.last();
        String code = null;
        String message = null;
        if (last instanceof Event.Rejected rejected)
        {
            code = rejected.code().code();
            message = rejected.message();
        }
        return new ClusterProtocol.Outcome(ClusterProtocol.REJECTED, 0, sequence, time, code, message);
    }

    private static ClusterProtocol.Outcome refused(final int status, final String code, final String message)
    {
        return new ClusterProtocol.Outcome(ClusterProtocol.REFUSED, status, 0, 0, code, message);
    }

    private void send(final ClientSession session, final byte[] bytes, final int length)
    {
        replyBuffer.wrap(bytes, 0, length);
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        for (int attempt = 0; attempt < 1_000; attempt++)
        {
            final long result = session.offer(replyBuffer, 0, length);
            if (result > 0 || result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return;
            }
            idle.idle();
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication publication)
    {
        final BinaryWriter out = new BinaryWriter(1 << 16);
        out.putInt(SNAPSHOT_MAGIC).putInt(SNAPSHOT_VERSION).putLong(authorityNonce).putLong(lastTime);
        out.putInt(windows.size());
        final Long2ObjectHashMap<GatewayWindow>.KeyIterator keys = windows.keySet().iterator();
        while (keys.hasNext())
        {
            final long gatewayId = keys.nextLong();
            final GatewayWindow window = windows.get(gatewayId);
            out.putLong(gatewayId).putLong(window.lastRequestId);
            int count = 0;
            for (int i = 0; i < WINDOW; i++)
            {
                count += window.answers[i] != null ? 1 : 0;
            }
            out.putInt(count);
            for (int i = 0; i < WINDOW; i++)
            {
                if (window.answers[i] != null)
                {
                    out.putLong(window.requestIds[i]).putInt(window.answers[i].length);
                    out.putBytes(window.answers[i], 0, window.answers[i].length);
                }
            }
        }
        final byte[] engineSnapshot = SnapshotCodec.write(engine);
        out.putInt(engineSnapshot.length).putBytes(engineSnapshot, 0, engineSnapshot.length);
        final CRC32C crc = new CRC32C();
        crc.update(out.buffer(), 0, out.length());
        final UnsafeBuffer message = new UnsafeBuffer(new byte[publication.maxPayloadLength()]);
        message.putByte(0, (byte)SNAPSHOT_BEGIN);
        message.putLong(1, out.length());
        message.putInt(9, (int)crc.getValue());
        offer(publication, message, 13);
        final int chunk = publication.maxPayloadLength() - 1;
        for (int at = 0; at < out.length(); at += chunk)
        {
            final int size = Math.min(chunk, out.length() - at);
            message.putByte(0, (byte)SNAPSHOT_DATA);
            message.putBytes(1, out.buffer(), at, size);
            offer(publication, message, size + 1);
        }
        message.putByte(0, (byte)SNAPSHOT_END);
        offer(publication, message, 1);
        lastSnapshotSequence = engine.state().sequence();
        snapshotRequested = false;
        snapshotsTaken++;
    }

    private void offer(final ExclusivePublication publication, final DirectBuffer buffer, final int length)
    {
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the snapshot publication failed: " + result);
            }
            idle.idle();
        }
    }

    private ClearingEngine restore(final Image image)
    {
        final SnapshotReader snapshot = new SnapshotReader();
        final IdleStrategy idle = cluster.idleStrategy();
        while (!snapshot.done)
        {
            final int fragments = image.poll(snapshot, 16);
            if (fragments == 0)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    throw new IllegalStateException("the snapshot ended before its last message");
                }
                idle.idle();
            }
        }
        final byte[] bytes = snapshot.bytes;
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        if ((int)crc.getValue() != snapshot.crc)
        {
            throw new IllegalStateException("the snapshot's checksum does not hold");
        }
        final BinaryReader in = new BinaryReader(bytes);
        if (in.getInt() != SNAPSHOT_MAGIC || in.getInt() != SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("not a clearing service snapshot of version " + SNAPSHOT_VERSION);
        }
        authorityNonce = in.getLong();
        lastTime = in.getLong();
        final int gateways = in.getInt();
        for (int g = 0; g < gateways; g++)
        {
            final long gatewayId = in.getLong();
            final GatewayWindow window = new GatewayWindow();
            window.lastRequestId = in.getLong();
            final int count = in.getInt();
            for (int i = 0; i < count; i++)
            {
                final long requestId = in.getLong();
                window.remember(requestId, in.getBytes(in.getInt()));
            }
            windows.put(gatewayId, window);
        }
        final byte[] engineSnapshot = in.getBytes(in.getInt());
        return SnapshotCodec.read(engineSnapshot, engineConfig, EventSink.NONE);
    }

    /** Reassembles a snapshot from its messages. */
    private static final class SnapshotReader implements FragmentHandler
    {
        private byte[] bytes;
        private int position;
        private int crc;
        private boolean done;

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type = buffer.getByte(offset);
            if (type == SNAPSHOT_BEGIN)
            {
                final long total = buffer.getLong(offset + 1);
                if (total < 0 || total > Integer.MAX_VALUE - 8)
                {
                    throw new IllegalStateException("snapshot too large: " + total);
                }
                bytes = new byte[(int)total];
                crc = buffer.getInt(offset + 9);
            }
            else if (type == SNAPSHOT_DATA)
            {
                buffer.getBytes(offset + 1, bytes, position, length - 1);
                position += length - 1;
            }
            else if (type == SNAPSHOT_END)
            {
                if (bytes == null || position != bytes.length)
                {
                    throw new IllegalStateException("the snapshot is incomplete");
                }
                done = true;
            }
        }
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        if (hub != null)
        {
            hub.close();
        }
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        int work = 0;
        Runnable query;
        while (work < MAX_QUERIES_PER_CYCLE && (query = queries.poll()) != null)
        {
            query.run();
            work++;
        }
        if (snapshotEvery > 0 && role == Cluster.Role.LEADER && !snapshotRequested &&
            engine.state().sequence() - lastSnapshotSequence >= snapshotEvery)
        {
            if (controlToggle == null)
            {
                controlToggle = ClusterControl.findControlToggle(cluster.aeron().countersReader(),
                    cluster.context().clusterId());
            }
            if (controlToggle != null && ClusterControl.ToggleState.SNAPSHOT.toggle(controlToggle))
            {
                snapshotRequested = true;
                work++;
            }
        }
        return work;
    }

    /**
     * Runs a read of the member's engine on the service thread, between log messages.
     *
     * @param function the read; must not modify the engine or keep its mutable objects.
     * @param <T>      result type.
     * @return the result.
     */
    public <T> CompletableFuture<T> query(final Function<ClearingEngine, T> function)
    {
        final CompletableFuture<T> future = new CompletableFuture<>();
        queries.add(() ->
        {
            try
            {
                future.complete(function.apply(engine));
            }
            catch (final Throwable ex)
            {
                future.completeExceptionally(ex);
            }
        });
        return future;
    }

    /**
     * Waits until the service has started (restored its snapshot, if any).
     *
     * @param timeoutMs how long to wait.
     * @return whether it started.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitStart(final long timeoutMs) throws InterruptedException
    {
        return started.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * The engine; read it only through {@link #query}. Valid once started.
     *
     * @return the engine.
     */
    public ClearingEngine engine()
    {
        return engine;
    }

    /**
     * The stream of this member's applied events. Valid once started.
     *
     * @return the hub.
     */
    public EventHub hub()
    {
        return hub;
    }

    /**
     * The member's role in the cluster.
     *
     * @return leader, follower or candidate.
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * The sequence of the last command this member applied.
     *
     * @return sequence.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * The sequence of the snapshot this member restored at start, or -1 when it started from genesis.
     *
     * @return sequence or -1.
     */
    public long restoredSequence()
    {
        return restoredSequence;
    }

    /**
     * Snapshots this member has taken since it started.
     *
     * @return count.
     */
    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }
}
