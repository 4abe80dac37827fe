package io.novation.core.engine;

import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Keccak256;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;

/**
 * Seals batches: computes the header of the batch open since the last seal from the state (its root, the withdrawals
 * root, the escape price table hash, the counters) and, on {@code sealBatch}, checks the sequencer's claim against it,
 * records the sealed root and starts the next batch.
 */
final class BatchSealing
{
    private final ClearingState state;
    private final StateCommitment commitment;

    BatchSealing(final ClearingState state, final StateCommitment commitment)
    {
        this.state = state;
        this.commitment = commitment;
    }

    BatchHeader next(final byte[] commandsHash)
    {
        final byte[] root = commitment.root();
        return new BatchHeader(
            state.batchCount + 1,
            state.lastBatchRoot,
            root,
            commitment.lastTreeRoot(),
            commitment.lastGlobalHash(),
            WithdrawalTree.root(state.pendingWithdrawals.leaves()),
            Keccak256.hash(EscapeValuation.priceTable(state)),
            commandsHash,
            state.lastDepositId,
            state.lastForcedRequestId);
    }

    boolean seal(final SealBatch command, final long sequence, final EventSink events, final Rejection rejection)
    {
        if (command.header() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "sealBatch needs a header");
        }
        final BatchHeader expected = next(command.header().commandsHash());
        final String difference = command.header().firstStateDifference(expected);
        if (difference != null)
        {
            return rejection.reject(RejectReason.BATCH_MISMATCH, "batch " + command.header().batchNumber() +
                ": claimed " + difference + " (claimed != computed)");
        }
        final int withdrawals = state.pendingWithdrawals.entries().size();
        state.batchCount = expected.batchNumber();
        state.lastBatchRoot = expected.stateRoot();
        state.lastBatchSequence = sequence;
        state.pendingWithdrawals.clear();
        state.globalChanged = true;
        events.batchSealed(sequence, command.header(), withdrawals);
        return true;
    }
}
