package io.novation.cluster;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.cluster.service.Cluster;
import io.novation.core.codec.BinaryWriter;
import io.novation.node.journal.Journal;
import io.novation.node.server.NodeConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A {@link ClearingService} driven in process, without Aeron: log messages are delivered by the calling thread and
 * the egress messages it sends are kept (or only counted), bytes.
 */
final class ServiceHarness implements AutoCloseable
{
    static final long GATEWAY = 77;

    final ClearingService service;
    final List<byte[]> egress = new ArrayList<>();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[0]);
    private final ClientSession session;
    private final Cluster cluster;
    private boolean keepEgress = true;
    private long egressMessages;

    ServiceHarness(final ClearingService service)
    {
        this.service = service;
        cluster = (Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[] {Cluster.class}, (proxy, method, args) -> switch (method.getName())
            {
                case "idleStrategy" -> NoOpIdleStrategy.INSTANCE;
                case "timeUnit" -> TimeUnit.MILLISECONDS;
                case "scheduleTimer" -> true;
                case "hashCode" -> 0;
                default -> method.getReturnType() == boolean.class ? false :
                    method.getReturnType() == long.class ? 0L : method.getReturnType() == int.class ? 0 : null;
            });
        session = new Session();
        service.onStart(cluster, null);
    }

    static ServiceHarness start(final Path dataDir, final boolean reuseDecoded)
    {
        return start(dataDir, reuseDecoded, NodeConfig.defaults().eventRing());
    }

    static ServiceHarness start(final Path dataDir, final boolean reuseDecoded, final int eventRing)
    {
        return new ServiceHarness(new ClearingService(Participants.ENGINE,
            NodeConfig.defaults().withDataDir(dataDir).withEventRing(eventRing), reuseDecoded));
    }

    /** Stops keeping egress messages (a benchmark counts them only, so that the harness allocates nothing). */
    ServiceHarness countEgressOnly()
    {
        keepEgress = false;
        return this;
    }

    long egressMessages()
    {
        return egressMessages;
    }

    static byte[] submit(final long requestId, final List<ClusterProtocol.Entry> entries)
    {
        final BinaryWriter out = new BinaryWriter(256);
        ClusterProtocol.startSubmit(out, GATEWAY, requestId);
        entries.forEach(entry -> ClusterProtocol.putEntry(out, entry));
        ClusterProtocol.finishSubmit(out, entries.size());
        return out.toBytes();
    }

    /**
     * The genesis, then one command per operation in requests of one to three and log messages of one to four, as a
     * gateway would batch them, the grouping drawn from {@code grouping}.
     */
    static List<byte[]> messages(final byte[] genesis, final List<Integer> operations, final Random grouping,
        final IntFunction<ClusterProtocol.Entry> entry)
    {
        final List<byte[]> messages = new ArrayList<>();
        messages.add(genesis);
        long requestId = 2;
        int next = 0;
        while (next < operations.size())
        {
            final List<byte[]> requests = new ArrayList<>();
            final int requestCount = 1 + grouping.nextInt(4);
            for (int r = 0; r < requestCount && next < operations.size(); r++)
            {
                final List<ClusterProtocol.Entry> entries = new ArrayList<>();
                final int commandCount = 1 + grouping.nextInt(3);
                for (int c = 0; c < commandCount && next < operations.size(); c++)
                {
                    entries.add(entry.apply(operations.get(next++)));
                }
                requests.add(submit(requestId + requests.size(), entries));
            }
            messages.add(batch(requests, requestId));
            requestId += requests.size();
        }
        return messages;
    }

    /**
     * A member's journal records, each as its sequence and the hex of its bytes; a journal with none fails the test.
     *
     * @param dataDir the member's data directory.
     * @return the records in order.
     */
    static List<String> journalRecords(final Path dataDir)
    {
        final List<String> records = new ArrayList<>();
        Journal.replay(dataDir.resolve("journal"), 0, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            records.add(sequence + ":" + HexFormat.of().formatHex(buffer, offset, offset + length)));
        if (records.isEmpty())
        {
            throw new AssertionError("no journal record in " + dataDir);
        }
        return records;
    }

    /** Deletes a directory and everything under it, if it exists. */
    static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The requests packed into one BATCH log message, as a gateway packs them. */
    static byte[] batch(final List<byte[]> requests, final long firstRequestId)
    {
        final IngressBatch batch = new IngressBatch(Math.max(1, requests.size()), 1 << 20);
        for (int i = 0; i < requests.size(); i++)
        {
            if (!batch.tryAdd(firstRequestId + i, requests.get(i)))
            {
                throw new IllegalStateException("request " + i + " does not fit");
            }
        }
        final byte[] bytes = new byte[batch.length()];
        batch.finish().getBytes(0, bytes);
        return bytes;
    }

    /**
     * The gateway's session: keeps (or only counts) what the service offers, allocating nothing when it only counts,
     * so that the service thread's allocation counter measures the service alone.
     */
    private final class Session implements ClientSession
    {
        @Override
        public long id()
        {
            return 0;
        }

        @Override
        public int responseStreamId()
        {
            return 0;
        }

        @Override
        public String responseChannel()
        {
            return null;
        }

        @Override
        public byte[] encodedPrincipal()
        {
            return null;
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean isClosing()
        {
            return false;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            egressMessages++;
            if (keepEgress)
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                egress.add(bytes);
            }
            return 1L;
        }

        @Override
        public long offer(final DirectBufferVector[] vectors)
        {
            return 0;
        }

        @Override
        public long tryClaim(final int length, final BufferClaim bufferClaim)
        {
            return 0;
        }
    }

    void deliver(final byte[] bytes, final long time)
    {
        message.wrap(bytes);
        service.onSessionMessage(session, time, message, 0, bytes.length, null);
    }

    @Override
    public void close()
    {
        // As the container stops a member: the event hub (its ring and catch-up threads) first, then the journal;
        // without the first, every harness of a property test keeps its ring alive.
        service.onTerminate(cluster);
        service.close();
    }
}
