package io.novation.node.batch;

import io.novation.core.codec.BinaryReader;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.server.Genesis;
import io.novation.node.server.NodeConfig;
import io.novation.node.snapshot.SnapshotStore;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The solvency trees of a node's sealed batches (docs/solvency.md): built from the state each batch sealed and the
 * data directory's {@code solvency-seed}, the last one kept, for the API; and, offline, from a data directory alone
 * (genesis, snapshots, journal and batches), for the prover and tools. Thread-safe.
 */
public final class SolvencyTrees
{
    private final Path dataDir;
    private SolvencySeed seed;
    private SolvencyTree last;

    /**
     * The trees of a node.
     *
     * @param dataDir the node's data directory, which keeps the seed (created on first use).
     */
    public SolvencyTrees(final Path dataDir)
    {
        this.dataDir = dataDir;
    }

    /**
     * The operator's salt seed, read or created on first use.
     *
     * @return the seed.
     */
    public synchronized SolvencySeed seed()
    {
        if (seed == null)
        {
            seed = SolvencySeed.loadOrCreate(dataDir);
        }
        return seed;
    }

    /**
     * The tree of a batch, built from its captured state unless it is the last one built.
     *
     * @param batch    the sealed batch.
     * @param captured the state the batch sealed, copied (price table and account leaves); called only when needed.
     * @return the tree.
     * @throws io.novation.solvency.tree.SolvencyException when the batch cannot be proven solvent.
     */
    public synchronized SolvencyTree tree(final SealedBatch batch,
        final java.util.function.Supplier<SolvencyLeaves.StateLeaves> captured)
    {
        final long number = batch.header().batchNumber();
        if (last == null || last.batchNumber() != number)
        {
            last = SolvencyTree.build(number, SolvencyLeaves.of(captured.get(), number, batch.header().pricesHash(),
                seed()));
        }
        return last;
    }

    /**
     * The tree of a batch from an engine in the state it sealed.
     *
     * @param engine an engine whose state root is the batch's.
     * @param batch  the batch.
     * @param seed   the salt seed.
     * @return the tree.
     * @throws io.novation.solvency.tree.SolvencyException when the batch cannot be proven solvent.
     */
    public static SolvencyTree build(final ClearingEngine engine, final SealedBatch batch, final SolvencySeed seed)
    {
        final long number = batch.header().batchNumber();
        return SolvencyTree.build(number, SolvencyLeaves.of(engine.state(), number, batch.header().pricesHash(),
            seed));
    }

    /**
     * The tree of a sealed batch of a (stopped or running) node's data directory, offline: the engine is re-executed
     * from the newest snapshot before the seal and the journal, and its state root checked against the batch's.
     *
     * @param dataDir     the node's data directory.
     * @param batchNumber the batch, or 0 for the latest.
     * @return the tree.
     * @throws IllegalArgumentException when the directory holds no such batch or the re-executed root differs.
     * @throws io.novation.solvency.tree.SolvencyException when the batch cannot be proven solvent.
     */
    public static SolvencyTree fromDataDir(final Path dataDir, final long batchNumber)
    {
        final SealedBatch batch = batch(dataDir, batchNumber);
        return build(engineAt(dataDir, batch), batch, SolvencySeed.loadOrCreate(dataDir));
    }

    /**
     * A sealed batch of a data directory.
     *
     * @param dataDir     the node's data directory.
     * @param batchNumber the batch, or 0 for the latest.
     * @return the batch.
     * @throws IllegalArgumentException when there is no such batch.
     */
    public static SealedBatch batch(final Path dataDir, final long batchNumber)
    {
        final BatchStore store = new BatchStore(dataDir.resolve("batches"));
        final SealedBatch batch = store.get(batchNumber == 0 ? store.count() : batchNumber);
        if (batch == null)
        {
            throw new IllegalArgumentException(dataDir + " holds no sealed batch " +
                (batchNumber == 0 ? "yet" : String.valueOf(batchNumber)));
        }
        return batch;
    }

    /**
     * An engine in the state a batch of a data directory sealed, re-executed from the newest snapshot at or before
     * the seal and the journal.
     *
     * @param dataDir the node's data directory.
     * @param batch   the batch.
     * @return an engine whose state root is the batch's.
     * @throws IllegalArgumentException when the re-executed root is not the batch's.
     */
    public static ClearingEngine engineAt(final Path dataDir, final SealedBatch batch)
    {
        try
        {
            if (!Files.exists(dataDir.resolve(Genesis.FILE)))
            {
                throw new IllegalArgumentException(dataDir + " holds no " + Genesis.FILE);
            }
            final Genesis genesis = Genesis.loadOrCreate(NodeConfig.defaults().withDataDir(dataDir),
                new PrintStream(PrintStream.nullOutputStream()));
            final long before = batch.sequence() - 1;
            final SnapshotStore.Loaded loaded = Files.isDirectory(dataDir.resolve("snapshots")) ?
                new SnapshotStore(dataDir.resolve("snapshots"), Integer.MAX_VALUE).loadNewestAtOrBefore(before) : null;
            final ClearingEngine engine = loaded == null ? new ClearingEngine(genesis.engineConfig(), EventSink.NONE) :
                SnapshotCodec.read(loaded.engineSnapshot(), genesis.engineConfig(), EventSink.NONE);
            final BinaryReader reader = new BinaryReader(new byte[0]);
            Journal.replay(dataDir.resolve("journal"), engine.state().sequence(), before,
                (sequence, buffer, offset, length) ->
                    engine.apply(JournalPayload.read(reader.wrap(buffer, offset, length)).command()));
            engine.stateRoot();
            if (!Arrays.equals(engine.commitment().lastTreeRoot(), batch.header().treeRoot()))
            {
                throw new IllegalArgumentException("re-executing " + dataDir + " to batch " +
                    batch.header().batchNumber() + " does not give its tree root");
            }
            return engine;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + dataDir, ex);
        }
    }
}
