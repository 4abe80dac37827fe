package io.novation.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.governance.ScheduledChange;
import io.novation.node.batch.BatchStore;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.BatchSchedule;
import io.novation.node.sequencer.SequencedOutcome;
import io.novation.node.sequencer.SequencedEngine;
import io.novation.node.sequencer.SequencingPolicy;
import io.novation.node.server.NodeConfig;
import io.novation.node.stream.EventHub;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The clearing engine as an Aeron Cluster service: it applies the commands of the replicated log, in log order, to a
 * {@link ClearingEngine} in trusted signature mode (gateways verify signatures before commands enter the log) and
 * answers on the session's egress (only the leader's answers leave the member).
 * <p>
 * <b>Sequencing</b> follows the {@link SequencingPolicy} shared with the embedded node (docs/protocol.md §15), with the
 * log as its time source: the cluster timestamp of the message being applied (epoch ms), which the leader stamps and
 * every member reads back identically. Its refusals consume no sequence number.
 * <p>
 * <b>Batches</b> are sealed on every member at the same place in the log: the policy's {@link BatchSchedule} decides
 * from the log alone (commands applied and their times), and an idle batch falls due through a cluster timer, whose
 * firing is itself a log message. A scheduled risk parameter change falls due the same way: before the next command
 * stamped at or after its effective time, or, when no command comes, on a second cluster timer set to the earliest
 * pending change's effective time; its firing, a log message, applies every change then due as its own
 * {@code applyRiskParameters} command at the same place in the log on every member. Each member journals what it
 * applies in its data directory ({@code journal}, the node's format, seals included) and keeps its sealed batches
 * ({@code batches}), so that batches, proofs and {@code novation audit} work on any member. Every member must run
 * with the same sealing settings and future bound, as it runs the same genesis.
 * <p>
 * <b>Exactly once.</b> Each gateway numbers its requests; the service keeps, per gateway, the last request applied
 * and the answers of the last {@link #WINDOW} requests, and answers a repeated request (a gateway resends what was
 * unanswered when a new leader is elected) with the first answer, without applying it again. The requests of a
 * {@link ClusterProtocol#BATCH} are applied one by one exactly as if each had come alone; the journal is committed
 * once per log message and the answers leave together, after it, in {@link ClusterProtocol#ANSWERS} messages.
 * <p>
 * <b>Snapshots</b> go through Aeron's snapshot mechanism ({@link ServiceSnapshot}); the journal is committed first,
 * so that a member restored from a snapshot finds the open batch's records in it. The member's leader asks the
 * consensus module for a snapshot every {@code snapshotEvery} commands.
 * <p>
 * Reads from the member's HTTP API run on the service thread between log messages ({@link #query}).
 */
public final class ClearingService implements ClusteredService, AutoCloseable
{
    /** Answers kept per gateway; a gateway never has more requests than this unanswered. */
    public static final int WINDOW = 1024;
    private static final int MAX_QUERIES_PER_CYCLE = 64;
    private static final long SEAL_TIMER = 1;
    private static final long GOVERNANCE_TIMER = 2;
    /** Looked up once: each look-up builds streams, which would count in the allocation it reads. */
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final EngineConfig engineConfig;
    private final NodeConfig config;
    private final Long2ObjectHashMap<GatewayWindow> windows = new Long2ObjectHashMap<>();
    private final Queue<Runnable> queries = new ConcurrentLinkedQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final EventLog events = new EventLog();
    private final BinaryWriter reply = new BinaryWriter(4096);
    private final UnsafeBuffer replyBuffer = new UnsafeBuffer(new byte[0]);
    private final BinaryReader reader = new BinaryReader(new byte[0]);
    private final BinaryWriter answerBatch = new BinaryWriter(ClusterProtocol.MAX_ANSWERS_LENGTH);
    private final SubmitDecoder decoder;
    private GatewayWindow[] answerWindows = new GatewayWindow[256];
    private int[] answerSlots = new int[256];
    private int answerCount;
    private GatewayWindow answerWindow;
    private byte[] received = new byte[64 * 1024];
    private boolean dirty;
    private final List<SealedBatch> sealedUnstored = new ArrayList<>();
    private Cluster cluster;
    private ClearingEngine engine;
    private SequencedEngine sequenced;
    private Journal journal;
    private BatchStore batches;
    private EventHub hub;
    private AtomicCounter controlToggle;
    private long logTime;
    private long timerDeadline = Long.MAX_VALUE;
    private long governanceDeadline = Long.MAX_VALUE;
    private long lastSnapshotSequence;
    /** The snapshot writer's buffers, kept from snapshot to snapshot (used on the service thread only). */
    private final ServiceSnapshot.Buffers snapshotBuffers = new ServiceSnapshot.Buffers();
    private boolean snapshotRequested;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long appliedSequence;
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> appliedWaiters =
        new ConcurrentSkipListMap<>();
    private volatile long snapshotsTaken;
    private volatile long restoredSequence = -1;
    private volatile long serviceThreadId = -1;
    private volatile long restoreNanos = -1;
    private volatile long lastSnapshotNanos = -1;

    /**
     * A service.
     *
     * @param engineConfig the genesis' engine configuration, in trusted signature mode; the same on every member.
     * @param config       the member's configuration: data directory, snapshot interval, event ring, future bound
     *                     and sealing settings (the last two the same on every member).
     */
    public ClearingService(final EngineConfig engineConfig, final NodeConfig config)
    {
        this(engineConfig, config, true);
    }

    /**
     * A service that may decode every command afresh, for tests that compare the two paths.
     *
     * @param engineConfig the genesis' engine configuration.
     * @param config       the member's configuration.
     * @param reuseDecoded whether orders decoded before from equal bytes are reused and fills held in place, not
     *                     decoded into records (what a member does).
     */
    ClearingService(final EngineConfig engineConfig, final NodeConfig config, final boolean reuseDecoded)
    {
        this.engineConfig = engineConfig;
        this.config = config;
        this.decoder = new SubmitDecoder(reuseDecoded);
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        MemberSettings.pin(config);
        serviceThreadId = Thread.currentThread().getId();
        final long restoreStart = System.nanoTime();
        final ServiceSnapshot snapshot = snapshotImage == null ? null :
            ServiceSnapshot.read(snapshotImage, engineConfig, cluster.idleStrategy());
        restoreNanos = snapshot == null ? -1 : System.nanoTime() - restoreStart;
        engine = snapshot == null ? new ClearingEngine(engineConfig, EventSink.NONE) : snapshot.engine();
        if (snapshot != null)
        {
            windows.putAll(snapshot.windows());
        }
        final long sequence = engine.state().sequence();
        // A copy of the replicated log, which is what is durable: written after each log message, forced to disk
        // before each snapshot (a restored member must find the open batch's records) and at close.
        journal = Journal.open(config.dataDir().resolve("journal"), Journal.DEFAULT_SEGMENT_SIZE, false);
        if (journal.lastSequence() < sequence)
        {
            throw new IllegalStateException("the member's journal ends at " + journal.lastSequence() +
                " before its snapshot at " + sequence + "; start the member with an empty data directory");
        }
        batches = new BatchStore(config.dataDir().resolve("batches"));
        final long lastTime = snapshot == null ? engine.state().time() : snapshot.lastTime();
        final boolean sealing = config.sealEveryCommands() > 0 || config.sealEveryMs() > 0;
        final BatchSchedule schedule = sealing ? new BatchSchedule(config.sealEveryCommands(), config.sealEveryMs(),
            snapshot == null ? engine.state().time() : snapshot.lastSealTime()) : BatchSchedule.never();
        schedule.resume(journal, engine.state().lastBatchSequence(), sequence);
        final SequencingPolicy policy = new SequencingPolicy(() -> logTime, config.maxFutureMs(), schedule, lastTime,
            snapshot == null ? 0 : snapshot.authorityNonce());
        sequenced = new SequencedEngine(engine, events, policy, journal);
        lastSnapshotSequence = sequence;
        appliedSequence = sequence;
        restoredSequence = snapshot == null ? -1 : sequence;
        engine.eventSink(events);
        hub = new EventHub(config.eventRing(), (after, upTo, consumer) ->
        {
            throw new IllegalStateException("a cluster member keeps only its most recent events; resume from a " +
                "sequence after " + after);
        }, sequence);
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
        if (received.length < length)
        {
            received = new byte[Math.max(length, received.length * 2)];
        }
        buffer.getBytes(offset, received, 0, length);
        if (length >= ClusterProtocol.BATCH_HEADER_LENGTH && (received[0] & 0xFF) == ClusterProtocol.BATCH)
        {
            applyBatch(session, length, timestamp);
            return;
        }
        final int slot = apply(0, length, timestamp);
        if (dirty)
        {
            commit();
        }
        if (slot >= 0)
        {
            send(session, answerWindow.answers[slot], answerWindow.lengths[slot]);
        }
    }

    /**
     * Applies the requests of a BATCH in order, each as if it had come alone, commits once, then answers them in
     * ANSWERS messages of at most {@link ClusterProtocol#MAX_ANSWERS_LENGTH} bytes.
     */
    private void applyBatch(final ClientSession session, final int length, final long timestamp)
    {
        final int count = BinaryReader.getIntAt(received, 1);
        int at = ClusterProtocol.BATCH_HEADER_LENGTH;
        answerCount = 0;
        for (int i = 0; i < count && at + ClusterProtocol.BATCH_ENTRY_OVERHEAD <= length; i++)
        {
            final int requestLength = BinaryReader.getIntAt(received, at);
            at += ClusterProtocol.BATCH_ENTRY_OVERHEAD;
            if (requestLength < 0 || at + requestLength > length)
            {
                break;
            }
            final int slot = apply(at, requestLength, timestamp);
            at += requestLength;
            if (slot >= 0)
            {
                if (answerCount == answerSlots.length)
                {
                    answerSlots = Arrays.copyOf(answerSlots, answerSlots.length * 2);
                    answerWindows = Arrays.copyOf(answerWindows, answerSlots.length);
                }
                answerWindows[answerCount] = answerWindow;
                answerSlots[answerCount++] = slot;
            }
        }
        if (dirty)
        {
            commit();
        }
        answerBatch.reset();
        answerBatch.putByte(ClusterProtocol.ANSWERS).putInt(0);
        int inMessage = 0;
        for (int i = 0; i < answerCount; i++)
        {
            final GatewayWindow window = answerWindows[i];
            answerWindows[i] = null;
            final byte[] answer = window.answers[answerSlots[i]];
            final int answerLength = window.lengths[answerSlots[i]];
            if (inMessage > 0 && answerBatch.length() + ClusterProtocol.BATCH_ENTRY_OVERHEAD + answerLength >
                ClusterProtocol.MAX_ANSWERS_LENGTH)
            {
                sendAnswers(session, inMessage);
                inMessage = 0;
            }
            answerBatch.putInt(answerLength).putBytes(answer, 0, answerLength);
            inMessage++;
        }
        if (inMessage > 0)
        {
            sendAnswers(session, inMessage);
        }
    }

    private void sendAnswers(final ClientSession session, final int count)
    {
        BinaryWriter.putIntAt(answerBatch.buffer(), 1, count);
        send(session, answerBatch.buffer(), answerBatch.length());
        answerBatch.reset();
        answerBatch.putByte(ClusterProtocol.ANSWERS).putInt(0);
    }

    /**
     * Applies one request of {@link #received} (a SUBMIT or a ROOT) unless already applied; marks the member dirty
     * when it sequenced anything, to be committed before any answer leaves.
     *
     * @return the slot of its answer (the first one, for a repeated request) in {@link #answerWindow}, its gateway's
     *     window; -1 for a malformed or unknown message, or a repeated request whose answer is no longer kept.
     */
    private int apply(final int offset, final int length, final long timestamp)
    {
        final BinaryReader in = reader.wrap(received, offset, length);
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
            return -1;
        }
        GatewayWindow window = windows.get(gatewayId);
        if (window == null)
        {
            window = new GatewayWindow();
            windows.put(gatewayId, window);
        }
        answerWindow = window;
        if (requestId <= window.lastRequestId)
        {
            return window.slotOf(requestId);
        }
        if (type == ClusterProtocol.SUBMIT)
        {
            submit(in, requestId, timestamp);
        }
        else if (type == ClusterProtocol.ROOT)
        {
            if (dirty)
            {
                commit();
            }
            ClusterProtocol.writeRoot(reply, requestId, engine.state().sequence(), engine.state().time(),
                engine.stateRoot());
        }
        else
        {
            return -1;
        }
        return window.remember(requestId, reply.buffer(), 0, reply.length());
    }

    /**
     * Decodes every command of a SUBMIT first ({@link SubmitDecoder}: a malformed request is refused whole, nothing
     * applied; fills held in place, without a record), then sequences them one by one, writing each outcome straight
     * into the reply. Either way each command sequenced is the same value as a fresh decode stamped by the policy.
     */
    private void submit(final BinaryReader in, final long requestId, final long timestamp)
    {
        logTime = toMillis(timestamp);
        final int count;
        try
        {
            count = decoder.decode(in, Math.max(logTime, sequenced.policy().lastTime()));
        }
        catch (final CodecException | IllegalArgumentException ex)
        {
            ClusterProtocol.startOutcomes(reply, requestId, 1);
            ClusterProtocol.putOutcome(reply, ClusterProtocol.REFUSED, 400, 0, 0, "INVALID_COMMAND",
                "the request does not decode: " + ex.getMessage());
            return;
        }
        ClusterProtocol.startOutcomes(reply, requestId, count);
        for (int i = 0; i < count; i++)
        {
            final SequencedOutcome outcome = decoder.isFill(i) ?
                sequenced.sequenceFillInPlace(decoder.fill(i), decoder.explicitTime(i), decoder.nonce(i)) :
                sequenced.sequenceInPlace(decoder.command(i), decoder.explicitTime(i), decoder.nonce(i));
            if (outcome.refusal() != null)
            {
                ClusterProtocol.putOutcome(reply, ClusterProtocol.REFUSED, outcome.refusal().status(), 0, 0,
                    outcome.code(), outcome.message());
            }
            else
            {
                ClusterProtocol.putOutcome(reply, outcome.applied() ? ClusterProtocol.APPLIED :
                    ClusterProtocol.REJECTED, 0, outcome.sequence(), outcome.time(), outcome.code(),
                    outcome.message());
            }
            if (outcome.sequence() != 0 && sequenced.policy().sealDueAfterCommand())
            {
                sealedUnstored.add(sequenced.seal());
            }
        }
        decoder.clear();
        dirty = true;
    }

    /**
     * Makes what the last log message applied visible: commits the journal, stores the batches it sealed, publishes
     * its events and moves the seal timer to the open batch's deadline.
     */
    private void commit()
    {
        dirty = false;
        journal.commit();
        for (int i = 0; i < sealedUnstored.size(); i++)
        {
            batches.add(sealedUnstored.get(i));
        }
        sealedUnstored.clear();
        if (events.size() > 0)
        {
            // Published (and the live definitions rebuilt) before the sequence is marked applied, so that a client
            // answered once its command is applied here decodes its next command against what it changed.
            hub.publish(engine.state().sequence(), events);
            events.clear();
        }
        appliedSequence = engine.state().sequence();
        releaseWaiters(appliedSequence);
        final long deadline = sequenced.policy().schedule().deadline();
        if (deadline != Long.MAX_VALUE && deadline != timerDeadline && schedule(SEAL_TIMER, deadline))
        {
            timerDeadline = deadline;
        }
        final ScheduledChange next = engine.nextDueRiskParameters();
        final long due = next == null ? Long.MAX_VALUE : next.effectiveTime();
        if (due != Long.MAX_VALUE && due != governanceDeadline && schedule(GOVERNANCE_TIMER, due))
        {
            governanceDeadline = due;
        }
    }

    /** Sets (or moves) a cluster timer to a deadline in epoch ms. */
    private boolean schedule(final long correlationId, final long deadlineMs)
    {
        final TimeUnit unit = cluster.timeUnit();
        return cluster.scheduleTimer(correlationId, unit == null ? deadlineMs :
            unit.convert(deadlineMs, TimeUnit.MILLISECONDS));
    }

    private long toMillis(final long timestamp)
    {
        final TimeUnit unit = cluster.timeUnit();
        return unit == null ? timestamp : unit.toMillis(timestamp);
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

    /**
     * A timer fired, as a log message. The seal timer seals the open batch if it is due at the log's time; the
     * governance timer applies the scheduled risk parameter changes due at the log's time (each journaled and added
     * to the open batch like a command, which a count-based seal then follows).
     */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId != SEAL_TIMER && correlationId != GOVERNANCE_TIMER)
        {
            return;
        }
        logTime = toMillis(timestamp);
        final SequencingPolicy policy = sequenced.policy();
        if (correlationId == SEAL_TIMER)
        {
            timerDeadline = Long.MAX_VALUE;
            if (policy.schedule().dueAt(Math.max(logTime, policy.lastTime())))
            {
                sealedUnstored.add(sequenced.seal());
            }
        }
        else
        {
            governanceDeadline = Long.MAX_VALUE;
            if (sequenced.applyDueChangesWhenIdle() > 0 && policy.sealDueAfterCommand())
            {
                sealedUnstored.add(sequenced.seal());
            }
        }
        commit();
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication publication)
    {
        journal.commitAndForce();
        final long snapshotStart = System.nanoTime();
        final SequencingPolicy policy = sequenced.policy();
        new ServiceSnapshot(policy.authorityNonce(), policy.lastTime(), policy.schedule().lastSealTime(), windows,
            engine).write(publication, cluster.idleStrategy(), snapshotBuffers);
        lastSnapshotNanos = System.nanoTime() - snapshotStart;
        lastSnapshotSequence = engine.state().sequence();
        snapshotRequested = false;
        snapshotsTaken++;
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
        if (config.snapshotEvery() > 0 && role == Cluster.Role.LEADER && !snapshotRequested &&
            engine.state().sequence() - lastSnapshotSequence >= config.snapshotEvery())
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
     * Completes once this member has applied and published a sequence: what a host waits for before answering a
     * client, so that the client's next request to this member sees what its command changed.
     *
     * @param sequence the engine sequence.
     * @return completes on the service thread after the sequence is applied here (at once when it already is).
     */
    public CompletableFuture<Void> awaitApplied(final long sequence)
    {
        if (appliedSequence >= sequence)
        {
            return CompletableFuture.completedFuture(null);
        }
        final CompletableFuture<Void> applied = appliedWaiters.computeIfAbsent(sequence,
            ignored -> new CompletableFuture<>());
        if (appliedSequence >= sequence)
        {
            releaseWaiters(appliedSequence);
        }
        return applied;
    }

    private void releaseWaiters(final long applied)
    {
        while (!appliedWaiters.isEmpty() && appliedWaiters.firstKey() <= applied)
        {
            final Map.Entry<Long, CompletableFuture<Void>> first = appliedWaiters.pollFirstEntry();
            if (first != null)
            {
                first.getValue().complete(null);
            }
        }
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
     * How long reading the snapshot this member restored at start took (from the snapshot image to an engine), ns;
     * -1 when it started from genesis.
     *
     * @return ns or -1.
     */
    public long restoreNanos()
    {
        return restoreNanos;
    }

    /**
     * How long writing the last snapshot took (engine and windows to the snapshot publication), ns; -1 before one.
     *
     * @return ns or -1.
     */
    public long lastSnapshotNanos()
    {
        return lastSnapshotNanos;
    }

    /**
     * Bytes the service thread has allocated since it started (HotSpot's per-thread allocation counter), for the
     * allocation per command of the service path; -1 when the JVM does not count.
     *
     * @return bytes or -1.
     */
    public long serviceAllocatedBytes()
    {
        if (serviceThreadId < 0 || !(THREADS instanceof com.sun.management.ThreadMXBean counting))
        {
            return -1;
        }
        return counting.getThreadAllocatedBytes(serviceThreadId);
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

    /**
     * The sealed batches this member keeps. Valid once started.
     *
     * @return the store.
     */
    public BatchStore batches()
    {
        return batches;
    }

    /**
     * Closes the member's journal; call once the service container has stopped.
     */
    @Override
    public void close()
    {
        if (journal != null)
        {
            journal.commitAndForce();
            journal.close();
        }
    }
}
