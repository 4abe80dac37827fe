package io.novation.bench;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.node.journal.Journal;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.ReplayedRecord;
import io.novation.node.sequencer.JournalPayload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Journal throughput in commands per second, with real journal records: the payload of a signed {@code settleTrade}
 * (format byte, governance nonce, binary command with both orders and their signatures, 299 bytes; 315 with the
 * record header). {@code appendGroupOfN} stages N records and commits them with one fsync, as the sequencer does
 * with a group; {@code replay} reads a journal of {@link #REPLAY_RECORDS} records back, checking every length,
 * CRC32C and sequence and decoding every command with the node's {@link JournalReplayer} (decoding only), as
 * recovery does before it applies them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class JournalBenchmark
{
    /** Records in the journal that {@code replay} reads. */
    public static final int REPLAY_RECORDS = 1_000_000;

    private Path directory;
    private Path replayDirectory;
    private Journal journal;
    private byte[] payload;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final byte[] domain = EngineConfig.defaults().domainSeparator();
        final byte[] makerKey = Keccak256.hash("maker".getBytes(StandardCharsets.UTF_8));
        final byte[] takerKey = Keccak256.hash("taker".getBytes(StandardCharsets.UTF_8));
        final Order maker = sign(Order.of(Address.of(Secp256k1.addressOf(makerKey)), 0, 0, true, 400_000_000L,
            6_000_000_000L, 1, 1_900_000_000_000L, false, null), makerKey, domain);
        final Order taker = sign(Order.of(Address.of(Secp256k1.addressOf(takerKey)), 0, 0, false, 400_000_000L,
            6_000_000_000L, 2, 1_900_000_000_000L, false, null), takerKey, domain);
        final BinaryWriter writer = new BinaryWriter(512);
        JournalPayload.write(writer, 0, new SettleTrade(1_760_000_000_000L, 0, maker, taker, 1_000_000L,
            6_000_000_000L));
        payload = writer.toBytes();
        final Path base = Path.of(System.getProperty("journal.dir", "target"));
        Files.createDirectories(base);
        directory = Files.createTempDirectory(base, "journal-append");
        replayDirectory = Files.createTempDirectory(base, "journal-replay");
        journal = Journal.open(directory);
        try (Journal replay = Journal.open(replayDirectory))
        {
            for (long s = 1; s <= REPLAY_RECORDS; s++)
            {
                replay.append(s, payload, 0, payload.length);
                if (s % 10_000 == 0)
                {
                    replay.commit();
                }
            }
        }
        System.out.printf("%npayload %d bytes; append journal in %s%n", payload.length, directory.toAbsolutePath());
    }

    private static Order sign(final Order order, final byte[] key, final byte[] domain)
    {
        return order.withSignature(Secp256k1.sign(order.digest(domain), key));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        journal.close();
        delete(directory);
        delete(replayDirectory);
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }

    /**
     * Appends 100 records and forces them to disk with one fsync.
     */
    @Benchmark
    @OperationsPerInvocation(100)
    public void appendGroupOf100()
    {
        appendGroup(100);
    }

    /**
     * Appends 1,000 records and forces them to disk with one fsync.
     */
    @Benchmark
    @OperationsPerInvocation(1_000)
    public void appendGroupOf1000()
    {
        appendGroup(1_000);
    }

    /**
     * Appends 10,000 records and forces them to disk with one fsync.
     */
    @Benchmark
    @OperationsPerInvocation(10_000)
    public void appendGroupOf10000()
    {
        appendGroup(10_000);
    }

    private void appendGroup(final int records)
    {
        for (int i = 0; i < records; i++)
        {
            journal.append(++sequence, payload, 0, payload.length);
        }
        journal.commit();
    }

    /**
     * Reads back a journal of {@link #REPLAY_RECORDS} records, checking and decoding each one.
     *
     * @param blackhole sinks the commands.
     */
    @Benchmark
    @OperationsPerInvocation(REPLAY_RECORDS)
    public void replay(final Blackhole blackhole)
    {
        final long last = JournalReplayer.decodingOnly().observe(new JournalObserver()
        {
            @Override
            public void afterCommand(final ReplayedRecord record, final boolean applied, final ClearingEngine engine)
            {
                blackhole.consume(record.command());
            }
        }).replay(replayDirectory, 0, Long.MAX_VALUE);
        if (last != REPLAY_RECORDS)
        {
            throw new IllegalStateException("replayed up to " + last);
        }
    }
}
