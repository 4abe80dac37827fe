package io.novation.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.node.sequencer.Refusal;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the clustered engine: it numbers requests, sends them on the cluster's ingress from its own thread,
 * matches the answers that come back on the egress, and when the cluster elects a new leader (or its session is
 * lost and it reconnects) it sends again, in order, every request not yet answered; the service applies each request
 * once ({@link ClearingService}), so an answered command is applied exactly once. At most
 * {@link ClearingService#WINDOW} requests are in flight. Thread-safe.
 */
public final class ClusterGateway implements AutoCloseable
{
    private static final long RECONNECT_PAUSE_MS = 200;
    /** Requests that may wait for room in the window (or for a leader) before new ones are refused. */
    public static final int MAX_WAITING = 65_536;
    /** Requests packed into one cluster message at most, by default. */
    public static final int DEFAULT_BATCH_REQUESTS = 64;
    /** Bytes of one cluster message at most, by default (less when the ingress publication carries less). */
    public static final int DEFAULT_BATCH_BYTES = 64 * 1024;

    private final Aeron aeron;
    private final String ingressEndpoints;
    private final String egressChannel;
    private final long messageTimeoutNs;
    private final IdleStrategy idle;
    private final long gatewayId;
    private final Queue<Request> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final TreeMap<Long, Request> pending = new TreeMap<>();
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[0]);
    private final BinaryReader reader = new BinaryReader(new byte[0]);
    private final IngressBatch batch;
    private byte[] received = new byte[4096];
    private final Thread thread;
    private AeronCluster cluster;
    private long nextRequestId = 1;
    private long sendFrom = Long.MAX_VALUE;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile int leaderMemberId = -1;
    private volatile long leaderChanges;
    private volatile long resent;
    private volatile long messagesSent;

    /** A request and its answer. */
    private static final class Request
    {
        private final byte[] message;
        private final CompletableFuture<Object> answer = new CompletableFuture<>();
        private long requestId;

        Request(final byte[] message)
        {
            this.message = message;
        }
    }

    /**
     * The answer to a state root request.
     *
     * @param sequence the engine's sequence at that point of the log.
     * @param time     the engine's time, epoch ms.
     * @param root     32 bytes.
     */
    public record RootAnswer(long sequence, long time, byte[] root)
    {
    }

    /**
     * A gateway; starts its thread, which connects (and reconnects) to the cluster.
     *
     * @param aeron            an Aeron client of a running media driver.
     * @param ingressEndpoints the members' ingress endpoints, {@code 0=host:port,1=host:port,...}.
     * @param egressChannel    where answers come back, e.g. {@code aeron:udp?endpoint=127.0.0.1:0}.
     * @param messageTimeoutNs how long a connection attempt waits for the cluster.
     * @param idle             the thread's idle strategy.
     */
    public ClusterGateway(final Aeron aeron, final String ingressEndpoints, final String egressChannel,
        final long messageTimeoutNs, final IdleStrategy idle)
    {
        this(aeron, ingressEndpoints, egressChannel, messageTimeoutNs, idle, DEFAULT_BATCH_REQUESTS,
            DEFAULT_BATCH_BYTES);
    }

    /**
     * A gateway with its own ingress batching bounds: the requests waiting when the gateway's thread comes round are
     * packed into cluster messages of at most {@code batchRequests} requests and {@code batchBytes} bytes (flushed
     * when full, and when no more requests wait), each request still applied and answered on its own.
     *
     * @param aeron            an Aeron client of a running media driver.
     * @param ingressEndpoints the members' ingress endpoints, {@code 0=host:port,1=host:port,...}.
     * @param egressChannel    where answers come back, e.g. {@code aeron:udp?endpoint=127.0.0.1:0}.
     * @param messageTimeoutNs how long a connection attempt waits for the cluster.
     * @param idle             the thread's idle strategy.
     * @param batchRequests    requests per cluster message at most; 1 sends each request alone.
     * @param batchBytes       bytes per cluster message at most.
     */
    public ClusterGateway(final Aeron aeron, final String ingressEndpoints, final String egressChannel,
        final long messageTimeoutNs, final IdleStrategy idle, final int batchRequests, final int batchBytes)
    {
        this.batch = new IngressBatch(batchRequests, batchBytes);
        this.aeron = aeron;
        this.ingressEndpoints = ingressEndpoints;
        this.egressChannel = egressChannel;
        this.messageTimeoutNs = messageTimeoutNs;
        this.idle = idle;
        this.gatewayId = new SecureRandom().nextLong() & Long.MAX_VALUE;
        this.thread = new Thread(this::run, "novation-gateway");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Sends commands, verified by the caller, to be applied consecutively.
     *
     * @param entries the commands.
     * @return their outcomes, once the cluster has committed and applied them.
     */
    public CompletableFuture<List<ClusterProtocol.Outcome>> submit(final List<ClusterProtocol.Entry> entries)
    {
        final BinaryWriter out = new BinaryWriter(256 * entries.size() + 64);
        ClusterProtocol.startSubmit(out, gatewayId, 0);
        for (int i = 0; i < entries.size(); i++)
        {
            ClusterProtocol.putEntry(out, entries.get(i));
        }
        ClusterProtocol.finishSubmit(out, entries.size());
        return enqueue(out.toBytes()).thenApply(answer ->
        {
            @SuppressWarnings("unchecked")
            final List<ClusterProtocol.Outcome> outcomes = (List<ClusterProtocol.Outcome>)answer;
            return outcomes;
        });
    }

    /**
     * Asks for the state root at the current end of the log (it passes through the log like a command).
     *
     * @return the sequence, time and root.
     */
    public CompletableFuture<RootAnswer> root()
    {
        final BinaryWriter out = new BinaryWriter(32);
        ClusterProtocol.writeRootRequest(out, gatewayId, 0);
        return enqueue(out.toBytes()).thenApply(answer -> (RootAnswer)answer);
    }

    private CompletableFuture<Object> enqueue(final byte[] message)
    {
        final Request request = new Request(message);
        if (!running)
        {
            request.answer.completeExceptionally(new Refusal(503, "UNAVAILABLE", "the gateway is closed"));
        }
        else if (waitingCount.incrementAndGet() > MAX_WAITING)
        {
            waitingCount.decrementAndGet();
            request.answer.completeExceptionally(new Refusal(503, "OVERLOADED", MAX_WAITING +
                " requests already wait for the cluster; retry"));
        }
        else
        {
            submitted.add(request);
        }
        return request.answer;
    }

    /**
     * Whether the gateway has a session with the cluster.
     *
     * @return connected.
     */
    public boolean isConnected()
    {
        return connected;
    }

    /**
     * The member id of the leader the gateway sends to, or -1.
     *
     * @return member id.
     */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * How many times the gateway learned of a new leader or reconnected.
     *
     * @return count.
     */
    public long leaderChanges()
    {
        return leaderChanges;
    }

    /**
     * Requests sent again after a leader change or a reconnection.
     *
     * @return count.
     */
    public long resent()
    {
        return resent;
    }

    /**
     * Cluster messages sent on the ingress (a batch counts once; resends count again).
     *
     * @return count.
     */
    public long messagesSent()
    {
        return messagesSent;
    }

    /**
     * This gateway's id in the service's windows.
     *
     * @return id.
     */
    public long gatewayId()
    {
        return gatewayId;
    }

    private void run()
    {
        final Listener listener = new Listener();
        while (running)
        {
            if (cluster == null || cluster.isClosed())
            {
                connected = false;
                CloseHelper.quietClose(cluster);
                cluster = null;
                admit();
                cluster = connect(listener);
                if (cluster == null)
                {
                    pause();
                    continue;
                }
                leaderMemberId = cluster.leaderMemberId();
                leaderChanges++;
                connected = true;
                sendFrom = pending.isEmpty() ? Long.MAX_VALUE : pending.firstKey();
                resent += pending.size();
            }
            int work = admit();
            work += send();
            work += cluster.pollEgress();
            idle.idle(work);
        }
        CloseHelper.quietClose(cluster);
        final IllegalStateException closed = new IllegalStateException("the gateway is closed");
        pending.values().forEach(request -> request.answer.completeExceptionally(closed));
        waiting.forEach(request -> request.answer.completeExceptionally(closed));
        Request request;
        while ((request = submitted.poll()) != null)
        {
            request.answer.completeExceptionally(closed);
        }
    }

    private AeronCluster connect(final Listener listener)
    {
        try
        {
            return AeronCluster.connect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(ingressEndpoints)
                .egressChannel(egressChannel)
                .messageTimeoutNs(messageTimeoutNs)
                .egressListener(listener));
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private void pause()
    {
        try
        {
            Thread.sleep(RECONNECT_PAUSE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Numbers new requests, in arrival order, while the window has room. */
    private int admit()
    {
        int work = 0;
        Request request;
        while ((request = submitted.poll()) != null)
        {
            waiting.add(request);
        }
        while (!waiting.isEmpty() &&
            (pending.isEmpty() || nextRequestId - pending.firstKey() < ClearingService.WINDOW))
        {
            request = waiting.poll();
            waitingCount.decrementAndGet();
            request.requestId = nextRequestId++;
            BinaryWriter.putLongAt(request.message, 9, request.requestId);
            pending.put(request.requestId, request);
            sendFrom = Math.min(sendFrom, request.requestId);
            work++;
        }
        return work;
    }

    /**
     * Sends pending requests from {@code sendFrom} on, in request order, packed into batches, until the ingress
     * pushes back; the last batch goes when no more requests wait (smart batching: the batch is as large as the
     * queue was while the previous one was being sent).
     */
    private int send()
    {
        int work = 0;
        if (sendFrom == Long.MAX_VALUE)
        {
            return 0;
        }
        batch.limitTo(cluster.ingressPublication().maxMessageLength());
        batch.clear();
        final Iterator<Map.Entry<Long, Request>> it = pending.tailMap(sendFrom, true).entrySet().iterator();
        while (it.hasNext())
        {
            final Request request = it.next().getValue();
            if (batch.tryAdd(request.requestId, request.message))
            {
                continue;
            }
            if (batch.count() > 0)
            {
                if (!flush())
                {
                    return work;
                }
                work++;
                if (batch.tryAdd(request.requestId, request.message))
                {
                    continue;
                }
            }
            // Longer than any batch: alone, as it is.
            if (!offer(request.message))
            {
                sendFrom = request.requestId;
                return work;
            }
            work++;
        }
        if (batch.count() > 0)
        {
            if (!flush())
            {
                return work;
            }
            work++;
        }
        sendFrom = Long.MAX_VALUE;
        return work;
    }

    /** Sends the batch and empties it; when the ingress pushes back, sending resumes from its first request. */
    private boolean flush()
    {
        final boolean sent = batch.count() == 1 ? offer(batch.single()) :
            offer(batch.finish(), batch.length());
        if (!sent)
        {
            sendFrom = batch.firstRequestId();
        }
        batch.clear();
        return sent;
    }

    private boolean offer(final byte[] message)
    {
        sendBuffer.wrap(message);
        return offer(sendBuffer, message.length);
    }

    private boolean offer(final DirectBuffer buffer, final int length)
    {
        if (cluster.offer(buffer, 0, length) < 0)
        {
            return false;
        }
        messagesSent++;
        return true;
    }

    /** Answers and leader changes, on the gateway's thread. */
    private final class Listener implements EgressListener
    {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            if (received.length < length)
            {
                received = new byte[Math.max(length, received.length * 2)];
            }
            buffer.getBytes(offset, received, 0, length);
            if (length >= ClusterProtocol.BATCH_HEADER_LENGTH && (received[0] & 0xFF) == ClusterProtocol.ANSWERS)
            {
                final int count = BinaryReader.getIntAt(received, 1);
                int at = ClusterProtocol.BATCH_HEADER_LENGTH;
                for (int i = 0; i < count && at + ClusterProtocol.BATCH_ENTRY_OVERHEAD <= length; i++)
                {
                    final int answerLength = BinaryReader.getIntAt(received, at);
                    at += ClusterProtocol.BATCH_ENTRY_OVERHEAD;
                    if (answerLength < 0 || at + answerLength > length)
                    {
                        return;
                    }
                    answer(at, answerLength);
                    at += answerLength;
                }
                return;
            }
            answer(0, length);
        }

        private void answer(final int offset, final int length)
        {
            final BinaryReader in = reader.wrap(received, offset, length);
            final int type = in.getUnsignedByte();
            final long requestId = in.getLong();
            final Request request = pending.remove(requestId);
            if (request == null)
            {
                return;
            }
            try
            {
                if (type == ClusterProtocol.OUTCOMES)
                {
                    request.answer.complete(ClusterProtocol.readOutcomes(in));
                }
                else if (type == ClusterProtocol.ROOT)
                {
                    request.answer.complete(new RootAnswer(in.getLong(), in.getLong(), in.getBytes(32)));
                }
                else
                {
                    request.answer.completeExceptionally(new IllegalStateException("unknown answer type " + type));
                }
            }
            catch (final RuntimeException ex)
            {
                request.answer.completeExceptionally(ex);
            }
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            ClusterGateway.this.leaderMemberId = leaderMemberId;
            leaderChanges++;
            if (!pending.isEmpty())
            {
                sendFrom = pending.firstKey();
                resent += pending.size();
            }
        }
    }

    /**
     * Stops the thread; unanswered requests fail.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
