package io.novation.sim.demo;

import java.io.IOException;

/**
 * Closes a batch of the node's journal on the demo's schedule and says where it ended: the sequence of its last
 * command and the state root there.
 * <p>
 * The node has no {@code sealBatch} command yet (it is being built alongside); until it lands, {@link Checkpoints}
 * marks each batch boundary by reading {@code GET /v1/state} (sequence, state root, conservation) at the scheduled
 * moment. When {@code sealBatch} exists, an implementation sends it here with the governance envelope and returns the
 * root of its {@code BatchSealed} event; the rest of the demo (the audit re-checks conservation and the root at every
 * batch's sequence) stays as it is.
 */
@FunctionalInterface
public interface BatchSealer
{
    /**
     * Where a batch ended.
     *
     * @param number       1 for the first batch.
     * @param time         the simulated time it was sealed at, epoch ms.
     * @param sequence     the sequence of its last command.
     * @param stateRoot    the node's state root after it, hex.
     * @param conservation whether the node reported conservation to hold there.
     */
    record Batch(int number, long time, long sequence, String stateRoot, boolean conservation)
    {
    }

    /**
     * Seals the commands since the last batch.
     *
     * @param number the batch's number, from 1.
     * @param time   simulated time, epoch ms.
     * @return where it ended.
     * @throws IOException when the node cannot be reached.
     */
    Batch seal(int number, long time) throws IOException;
}
