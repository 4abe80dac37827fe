package io.novation.node.snapshot;

import io.novation.core.command.Deposit;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.account.Address;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStoreTest
{
    @TempDir
    Path directory;

    private static ClearingEngine engineWith(final int deposits)
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults().withSignatureMode(
            SignatureMode.TRUSTED), EventSink.NONE);
        for (int i = 1; i <= deposits; i++)
        {
            final byte[] owner = new byte[Address.LENGTH];
            owner[0] = (byte)i;
            engine.apply(new Deposit(1_000L + i, Address.of(owner), 0, 0, 1_000_000L * i, i));
        }
        return engine;
    }

    @Test
    void shouldLoadTheNewestValidSnapshotAndSkipACorruptOne() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 3);
        final ClearingEngine older = engineWith(3);
        store.write(older, 7);
        final Path newest = store.write(engineWith(5), 9);
        assertThat(store.loadNewest().sequence()).isEqualTo(5);
        assertThat(store.loadNewest().authorityNonce()).isEqualTo(9);

        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 10] ^= 1;
        Files.write(newest, bytes);
        final SnapshotStore.Loaded loaded = store.loadNewest();
        assertThat(loaded.sequence()).isEqualTo(3);
        assertThat(loaded.authorityNonce()).isEqualTo(7);
        assertThat(SnapshotCodec.read(loaded.engineSnapshot(), older.config(), EventSink.NONE).stateRoot())
            .isEqualTo(older.stateRoot());
        assertThat(store.loadNewestAtOrBefore(2)).isNull();
    }

    @Test
    void shouldKeepOnlyTheNewestSnapshotsAndIgnoreTemporaryFiles() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 2);
        for (int deposits = 1; deposits <= 4; deposits++)
        {
            store.write(engineWith(deposits), 0);
        }
        Files.writeString(directory.resolve("snapshot-00000000000000000009.bin.tmp"), "partial");
        assertThat(store.files()).hasSize(2);
        assertThat(store.loadNewest().sequence()).isEqualTo(4);
    }

    /** The file as the format defines it, from the engine's snapshot as an array. */
    private static byte[] fileOf(final ClearingEngine engine, final long authorityNonce)
    {
        final byte[] snapshot = SnapshotCodec.write(engine);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(snapshot);
        return java.nio.ByteBuffer.allocate(24 + snapshot.length).putInt(SnapshotStore.MAGIC).putInt(1)
            .putLong(authorityNonce).putInt(snapshot.length).putInt((int)crc.getValue()).put(snapshot).array();
    }

    @Test
    void shouldWriteSnapshotsInTurnThroughItsKeptBuffersAsTheFormatDefinesWhenTheStateGrowsAndShrinks(
        @TempDir final Path fresh) throws IOException
    {
        final SnapshotStore store = new SnapshotStore(directory, 10);
        final int[] sizes = {300, 2, 40, 1};
        for (int i = 0; i < sizes.length; i++)
        {
            final ClearingEngine engine = engineWith(sizes[i]);
            final byte[] written = Files.readAllBytes(store.write(engine, 100 + i));
            assertThat(written).isEqualTo(fileOf(engine, 100 + i));
            final Path freshDirectory = fresh.resolve("store-" + i);
            assertThat(written).isEqualTo(Files.readAllBytes(new SnapshotStore(freshDirectory, 1).write(engine,
                100 + i)));
        }
        assertThat(store.loadNewestAtOrBefore(2).authorityNonce()).isEqualTo(101);
    }
}
