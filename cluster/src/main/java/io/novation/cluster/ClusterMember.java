package io.novation.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One member of an Aeron Cluster in this process: a media driver (shared threading mode), an archive that records
 * the replicated log, the consensus module (Raft) and the container of one clustered service. Directories under the
 * member's data directory: {@code archive} (the log's recordings and snapshots) and {@code cluster} (the recording
 * log, the mark files); the media driver's in {@code aeronDir}.
 */
public final class ClusterMember implements AutoCloseable
{
    /** Term length of the replicated log, bytes; the largest message is an eighth of it. */
    public static final int LOG_TERM_LENGTH = 16 << 20;

    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final String aeronDir;

    /**
     * How a member runs.
     *
     * @param members            every member.
     * @param memberId           this member.
     * @param dataDir            where the archive and cluster directories go.
     * @param aeronDir           the media driver's directory.
     * @param idle               the idle strategy of every agent: backoff, sleep or busy.
     * @param fileSync           0, 1 or 2: archive and consensus module file sync level.
     * @param heartbeatTimeoutMs leader heartbeat timeout, ms.
     */
    public record Settings(ClusterMembers members, int memberId, Path dataDir, String aeronDir, String idle,
        int fileSync, long heartbeatTimeoutMs)
    {
    }

    private ClusterMember(final Settings settings, final ClusteredService service, final ErrorHandler errors)
    {
        final ClusterMembers members = settings.members();
        final int id = settings.memberId();
        if (id < 0 || id >= members.size())
        {
            throw new IllegalArgumentException("member id " + id + " is not in [0, " + members.size() + ")");
        }
        if (settings.fileSync() < 0 || settings.fileSync() > 2)
        {
            throw new IllegalArgumentException("file sync is 0, 1 or 2, not " + settings.fileSync());
        }
        final Supplier<IdleStrategy> idle = IdleStrategies.supplier(settings.idle());
        final String host = members.hosts().get(id);
        this.aeronDir = settings.aeronDir();
        final File base = settings.dataDir().toFile();

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.get())
            .termBufferSparseFile(true)
            .ipcTermBufferLength(16 << 20)
            .publicationTermBufferLength(16 << 20)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(base, "archive"))
            .controlChannel("aeron:udp?endpoint=" + members.endpoint(id, ClusterMembers.ARCHIVE))
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .fileSyncLevel(settings.fileSync())
            .catalogFileSyncLevel(settings.fileSync())
            .errorHandler(errors);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final long heartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatTimeoutMs());
        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(members.consensusMembers())
            .clusterDir(new File(base, "cluster"))
            .archiveContext(archiveClient.clone())
            .serviceCount(1)
            .ingressChannel("aeron:udp")
            .logChannel("aeron:udp?term-length=" + LOG_TERM_LENGTH)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .idleStrategySupplier(idle)
            .fileSyncLevel(settings.fileSync())
            .leaderHeartbeatTimeoutNs(heartbeatTimeoutNs)
            .leaderHeartbeatIntervalNs(Math.max(TimeUnit.MILLISECONDS.toNanos(10), heartbeatTimeoutNs / 10))
            .startupCanvassTimeoutNs(Math.max(TimeUnit.SECONDS.toNanos(5), 5 * heartbeatTimeoutNs))
            .errorHandler(errors);

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(new File(base, "cluster"))
            .clusteredService(service)
            .serviceId(0)
            .idleStrategySupplier(idle)
            .errorHandler(errors);

        ClusteredMediaDriver launchedDriver = null;
        try
        {
            launchedDriver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            this.container = ClusteredServiceContainer.launch(serviceContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launchedDriver);
            throw ex;
        }
        this.driver = launchedDriver;
    }

    /**
     * Launches a member.
     *
     * @param settings how it runs.
     * @param service  the clustered service.
     * @param errors   receives errors of every component.
     * @return the running member.
     */
    public static ClusterMember launch(final Settings settings, final ClusteredService service,
        final ErrorHandler errors)
    {
        return new ClusterMember(settings, service, errors);
    }

    /**
     * The media driver's directory, for clients in the same process.
     *
     * @return the directory name.
     */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * Stops the service container, then the consensus module, archive and media driver.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(container, driver);
    }
}
