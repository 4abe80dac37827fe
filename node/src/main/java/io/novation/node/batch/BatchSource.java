package io.novation.node.batch;

import io.novation.core.engine.ClearingEngine;

/**
 * A host that seals batches and serves them with their proofs: the embedded node, or a cluster member that keeps the
 * batches the cluster sealed (docs/protocol.md §15).
 */
public interface BatchSource
{
    /**
     * The sealed batches.
     *
     * @return the store.
     */
    BatchStore batches();

    /**
     * A scratch engine in the state a batch sealed, for proofs against a batch the live state has moved past.
     *
     * @param batch the sealed batch.
     * @return an engine whose tree root is the batch's; not the live engine.
     */
    ClearingEngine engineAt(SealedBatch batch);

    /**
     * The solvency trees of the sealed batches (docs/solvency.md), or null on a host that builds none.
     *
     * @return the trees, or null.
     */
    default SolvencyTrees solvency()
    {
        return null;
    }
}
