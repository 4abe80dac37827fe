package io.novation.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.novation.core.account.Address;
import io.novation.core.command.Deposit;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures for docs/benchmarks.md, run only with {@code -Dnovation.bench=true}: the time a member takes to write a
 * {@link ServiceSnapshot} of N funded accounts to a snapshot publication and to load one back into an engine, through
 * Aeron IPC as a member does (writer and reader on two threads), best of five, ms.
 */
@Tag("bench")
class ServiceSnapshotBenchmark
{
    private static final int ROUNDS = 5;
    /** One writing thread for every snapshot, as a member's service thread takes them all. */
    /** The writer's buffers, reused by every snapshot as a member's service reuses its own. */
    private static final ServiceSnapshot.Buffers BUFFERS = new ServiceSnapshot.Buffers();
    private static final java.util.concurrent.ExecutorService WRITER =
        java.util.concurrent.Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "snapshot-writer");
            thread.setDaemon(true);
            return thread;
        });

    @Test
    void shouldMeasureSnapshotWriteAndLoadTimes() throws Exception
    {
        assumeTrue(Boolean.getBoolean("novation.bench"), "run with -Dnovation.bench=true");
        final StringBuilder report = new StringBuilder();
        final Path aeronDir = Files.createTempDirectory(Path.of("/dev/shm").toFile().isDirectory() ?
            Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir")), "novation-snapshot-bench");
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString()).threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            for (final int accounts : new int[] {10_000, 100_000})
            {
                final ClearingEngine engine = funded(accounts);
                final String root = Hex.encode(engine.stateRoot());
                long bestWrite = Long.MAX_VALUE;
                long bestLoad = Long.MAX_VALUE;
                long leastAllocated = Long.MAX_VALUE;
                for (int round = 0; round < ROUNDS; round++)
                {
                    final long[] times = writeAndLoad(aeron, engine, root, round);
                    bestWrite = Math.min(bestWrite, times[0]);
                    bestLoad = Math.min(bestLoad, times[1]);
                    if (round > 0)
                    {
                        leastAllocated = Math.min(leastAllocated, times[2]);
                    }
                }
                report.append(String.format("%d accounts: snapshot of %d bytes written in %.1f ms, loaded in %.1f " +
                    "ms; the writing thread allocated %d bytes per snapshot after the first%n", accounts,
                    engineSnapshotLength(engine), bestWrite / 1e6, bestLoad / 1e6, leastAllocated));
            }
        }
        System.out.print(report);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "novation-snapshot-bench.txt"), report);
    }

    private static long engineSnapshotLength(final ClearingEngine engine)
    {
        return io.novation.core.snapshot.SnapshotCodec.write(engine).length;
    }

    /**
     * Writes on one thread while this one loads; returns {write ns, load ns, bytes the writing thread allocated}.
     */
    private static long[] writeAndLoad(final Aeron aeron, final ClearingEngine engine, final String root,
        final int round) throws Exception
    {
        final String channel = "aeron:ipc?term-length=16m";
        final int stream = 100 + round;
        try (Subscription subscription = aeron.addSubscription(channel, stream);
            ExclusivePublication publication = aeron.addExclusivePublication(channel, stream))
        {
            while (!publication.isConnected() || subscription.imageCount() == 0)
            {
                Thread.onSpinWait();
            }
            final Image image = subscription.imageAtIndex(0);
            final ServiceSnapshot snapshot = new ServiceSnapshot(0, engine.state().time(), engine.state().time(),
                new Long2ObjectHashMap<>(), engine);
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            final long start = System.nanoTime();
            final CompletableFuture<long[]> written = CompletableFuture.supplyAsync(() ->
            {
                final long allocatedBefore = allocatedBytes();
                write(snapshot, publication, idle);
                return new long[] {System.nanoTime() - start, allocatedBytes() - allocatedBefore};
            }, WRITER);
            final ServiceSnapshot loaded = ServiceSnapshot.read(image, Participants.ENGINE,
                new BackoffIdleStrategy());
            final long load = System.nanoTime() - start;
            assertThat(Hex.encode(loaded.engine().stateRoot())).isEqualTo(root);
            final long[] writing = written.get(60, TimeUnit.SECONDS);
            return new long[] {writing[0], load, writing[1]};
        }
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean())
            .getCurrentThreadAllocatedBytes();
    }

    private static void write(final ServiceSnapshot snapshot, final ExclusivePublication publication,
        final BackoffIdleStrategy idle)
    {
        snapshot.write(publication, idle, BUFFERS);
    }

    private static ClearingEngine funded(final int accounts)
    {
        final ClearingEngine engine = new ClearingEngine(Participants.ENGINE, EventSink.NONE);
        final byte[] address = new byte[Address.LENGTH];
        for (int i = 0; i < accounts; i++)
        {
            address[0] = 0x42;
            address[16] = (byte)(i >>> 24);
            address[17] = (byte)(i >>> 16);
            address[18] = (byte)(i >>> 8);
            address[19] = (byte)i;
            final boolean applied = engine.apply(new Deposit(1_700_000_000_000L, Address.of(address), 0, 0,
                1_000 * Participants.USDC, i + 1));
            assertThat(applied).as("deposit %d", i).isTrue();
        }
        return engine;
    }
}
