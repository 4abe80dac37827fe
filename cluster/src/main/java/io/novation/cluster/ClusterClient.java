package io.novation.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A standalone client of the cluster, for programs outside a member (load generators, tests): an embedded media
 * driver (shared threading mode, backoff idling) and a {@link ClusterGateway}.
 */
public final class ClusterClient implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ClusterGateway gateway;

    /**
     * Starts a client.
     *
     * @param members  the cluster's members.
     * @param host     the address the cluster answers to (the egress endpoint's host).
     * @param aeronDir a directory of the client's own for its media driver.
     */
    public ClusterClient(final ClusterMembers members, final String host, final String aeronDir)
    {
        this(members, host, aeronDir, ClusterGateway.DEFAULT_BATCH_REQUESTS, ClusterGateway.DEFAULT_BATCH_BYTES);
    }

    /**
     * Starts a client with its own ingress batching bounds ({@link ClusterGateway}).
     *
     * @param members       the cluster's members.
     * @param host          the address the cluster answers to (the egress endpoint's host).
     * @param aeronDir      a directory of the client's own for its media driver.
     * @param batchRequests requests per cluster message at most; 1 sends each request alone.
     * @param batchBytes    bytes per cluster message at most.
     */
    public ClusterClient(final ClusterMembers members, final String host, final String aeronDir,
        final int batchRequests, final int batchBytes)
    {
        MediaDriver startedDriver = null;
        Aeron startedAeron = null;
        try
        {
            startedDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(IdleStrategies.supplier("backoff").get())
                .termBufferSparseFile(true)
                .publicationTermBufferLength(16 << 20)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            startedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(startedDriver.aeronDirectoryName()));
            this.gateway = new ClusterGateway(startedAeron, members.ingressEndpoints(),
                "aeron:udp?endpoint=" + host + ":0", TimeUnit.SECONDS.toNanos(5),
                new BackoffIdleStrategy(10, 20, 1_000, 1_000_000), batchRequests, batchBytes);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(startedAeron, startedDriver);
            throw ex;
        }
        this.driver = startedDriver;
        this.aeron = startedAeron;
    }

    /**
     * The client's gateway.
     *
     * @return the gateway.
     */
    public ClusterGateway gateway()
    {
        return gateway;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(gateway, aeron, driver);
    }
}
