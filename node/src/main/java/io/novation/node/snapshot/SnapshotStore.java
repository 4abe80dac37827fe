package io.novation.node.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.snapshot.SnapshotCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files in a directory, one per snapshot, named by the sequence of the last command they include. A file is
 * magic "NVSF", a 4-byte version, the node's authority nonce (8 bytes), the engine snapshot's length (4) and CRC32C
 * (4), then the engine snapshot ({@link SnapshotCodec}). It is written to a temporary file, forced, and renamed into
 * place, then the directory is forced, so a crash leaves either the whole snapshot or none. The newest few are kept.
 */
public final class SnapshotStore
{
    /** "NVSF". */
    public static final int MAGIC = 0x4E565346;
    private static final int VERSION = 1;
    private static final int HEADER_LENGTH = 24;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";

    /** The options of a snapshot's temporary file and of the directory's force, made once. */
    private static final Set<OpenOption> WRITE_NEW = Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];
    private static final int INITIAL_CAPACITY = 1 << 16;

    private final Path directory;
    private final int keep;
    /** The header and engine snapshot of each write, kept from snapshot to snapshot (one writing thread). */
    private final BinaryWriter writer = new BinaryWriter(INITIAL_CAPACITY);
    private final CRC32C crc = new CRC32C();

    /**
     * A store.
     *
     * @param directory where snapshots live; created when absent.
     * @param keep      how many of the newest snapshots to keep (at least 1).
     * @throws IOException when the directory cannot be created.
     */
    public SnapshotStore(final Path directory, final int keep) throws IOException
    {
        this.directory = directory;
        this.keep = Math.max(1, keep);
        Files.createDirectories(directory);
    }

    /**
     * A loaded snapshot.
     *
     * @param sequence       the last command it includes.
     * @param authorityNonce the last governance nonce used by then.
     * @param engineSnapshot the engine's snapshot bytes.
     * @param file           where it was read from.
     */
    public record Loaded(long sequence, long authorityNonce, byte[] engineSnapshot, Path file)
    {
    }

    /**
     * Writes a snapshot of an engine atomically; call it on the engine's thread (one thread writes a store: the
     * buffers it writes through are kept from snapshot to snapshot).
     *
     * @param engine         the engine.
     * @param authorityNonce the node's governance nonce.
     * @return the file written.
     * @throws IOException when it cannot be written.
     */
    public Path write(final ClearingEngine engine, final long authorityNonce) throws IOException
    {
        // The header and the engine's snapshot are written in place into one kept writer; the header's length and
        // checksum are filled in once the snapshot is written.
        final BinaryWriter out = writer.reset();
        out.putInt(MAGIC).putInt(VERSION).putLong(authorityNonce).putInt(0).putInt(0);
        SnapshotCodec.write(engine, out);
        final int length = out.length() - HEADER_LENGTH;
        crc.reset();
        crc.update(out.buffer(), HEADER_LENGTH, length);
        BinaryWriter.putIntAt(out.buffer(), HEADER_LENGTH - 2 * Integer.BYTES, length);
        BinaryWriter.putIntAt(out.buffer(), HEADER_LENGTH - Integer.BYTES, (int)crc.getValue());
        final long sequence = engine.state().sequence();
        final Path target = directory.resolve(name(sequence));
        final Path temporary = directory.resolve(name(sequence) + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, WRITE_NEW, NO_ATTRIBUTES))
        {
            final ByteBuffer data = ByteBuffer.wrap(out.buffer(), 0, out.length());
            while (data.hasRemaining())
            {
                channel.write(data);
            }
            channel.force(true);
        }
        try
        {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        prune();
        return target;
    }

    /**
     * The newest snapshot whose checksum holds; corrupt or partial files are skipped.
     *
     * @return the snapshot, or null when there is none.
     */
    public Loaded loadNewest()
    {
        return loadNewestAtOrBefore(Long.MAX_VALUE);
    }

    /**
     * The newest valid snapshot that includes no command after a sequence.
     *
     * @param sequence the bound.
     * @return the snapshot, or null when there is none.
     */
    public Loaded loadNewestAtOrBefore(final long sequence)
    {
        final List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            if (sequenceOf(files.get(i)) > sequence)
            {
                continue;
            }
            final Loaded loaded = read(files.get(i));
            if (loaded != null)
            {
                return loaded;
            }
        }
        return null;
    }

    private Loaded read(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < HEADER_LENGTH || BinaryReader.getIntAt(bytes, 0) != MAGIC ||
                BinaryReader.getIntAt(bytes, 4) != VERSION)
            {
                return null;
            }
            final long nonce = BinaryReader.getLongAt(bytes, 8);
            final int length = BinaryReader.getIntAt(bytes, 16);
            if (length != bytes.length - HEADER_LENGTH)
            {
                return null;
            }
            final CRC32C crc = new CRC32C();
            crc.update(bytes, HEADER_LENGTH, length);
            if ((int)crc.getValue() != BinaryReader.getIntAt(bytes, 20))
            {
                return null;
            }
            final byte[] snapshot = java.util.Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
            return new Loaded(SnapshotCodec.sequenceOf(snapshot), nonce, snapshot, file);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * The sequence of the newest snapshot file (by name, whether or not it reads).
     *
     * @return sequence, 0 when there is none (genesis).
     */
    public long newestSequence()
    {
        final List<Path> files = files();
        return files.isEmpty() ? 0 : sequenceOf(files.get(files.size() - 1));
    }

    /**
     * The snapshot files, oldest first.
     *
     * @return paths.
     */
    public List<Path> files()
    {
        try (Stream<Path> list = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>(list.filter(f -> sequenceOf(f) >= 0).toList());
            files.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
            return files;
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    private void prune() throws IOException
    {
        final List<Path> files = files();
        for (int i = 0; i < files.size() - keep; i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }

    private void forceDirectory()
    {
        try (FileChannel dir = FileChannel.open(directory, READ, NO_ATTRIBUTES))
        {
            dir.force(true);
        }
        catch (final IOException ex)
        {
            // Not every file system lets a directory be opened; the file itself was forced.
        }
    }

    private static String name(final long sequence)
    {
        return PREFIX + String.format("%020d", sequence) + SUFFIX;
    }

    private static long sequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX))
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
