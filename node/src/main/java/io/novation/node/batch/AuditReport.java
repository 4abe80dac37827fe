package io.novation.node.batch;

import java.util.List;

/**
 * The outcome of re-executing a journal: one check per sealed batch, the batches as re-executed (headers and
 * withdrawals), the damage that stopped the reading if any, and the last sequence re-executed.
 *
 * @param checks       one per {@code sealBatch} record, in order.
 * @param batches      the batches whose seal the engine accepted, in order.
 * @param journalFault the first damage of the journal, or null.
 * @param lastSequence the last journal record re-executed.
 */
public record AuditReport(List<BatchCheck> checks, List<SealedBatch> batches, String journalFault, long lastSequence)
{
    /**
     * The check of one sealed batch.
     *
     * @param batchNumber the number the seal claims.
     * @param sequence    sequence of the seal.
     * @param problem     null when the batch re-executes to its sealed header; else what differs.
     */
    public record BatchCheck(long batchNumber, long sequence, String problem)
    {
        /**
         * Whether the batch checked out.
         *
         * @return true when there is no problem.
         */
        public boolean ok()
        {
            return problem == null;
        }
    }

    /**
     * Whether every batch checked out and the journal read to its end.
     *
     * @return true when clean.
     */
    public boolean ok()
    {
        return journalFault == null && checks.stream().allMatch(BatchCheck::ok);
    }

    /**
     * The number of the batch a sequence belongs to: one more than the batches sealed at or before it.
     *
     * @param sequence a journal sequence.
     * @return batch number.
     */
    public long batchOf(final long sequence)
    {
        long number = 1;
        for (final BatchCheck check : checks)
        {
            if (check.sequence() < sequence)
            {
                number = check.batchNumber() + 1;
            }
        }
        return number;
    }
}
