package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.market.MarketStatus;

/**
 * The snapshot codec's narrow access to the engine state it rebuilds (counters, totals in quote quantums, the batch
 * bookkeeping, queued withdrawals, the oracle status watch): the only public route to the state's restore methods,
 * which are package-private on {@link ClearingState}. An architecture test allows only the snapshot package to use it.
 */
public final class SnapshotRestore
{
    private final ClearingEngine engine;
    private final ClearingState state;

    /**
     * Restore access to a freshly built engine.
     *
     * @param engine the engine a snapshot is read into.
     */
    public SnapshotRestore(final ClearingEngine engine)
    {
        this.engine = engine;
        this.state = engine.state();
    }

    /**
     * Restores the counters and totals of a snapshot into a fresh state; bad debt starts at zero.
     *
     * @param sequence        sequence of the last command.
     * @param time            sequencer time of the last applied command, epoch ms.
     * @param lastDepositId   the last processed deposit id.
     * @param withdrawalCount withdrawals queued so far.
     * @param feePool         quote quantums.
     * @param insuranceFund   quote quantums.
     * @param depositedTotals per asset id, quantums ever deposited.
     * @param withdrawnTotals per asset id, quantums ever withdrawn.
     */
    public void totals(final long sequence, final long time, final long lastDepositId, final long withdrawalCount,
        final long feePool, final long insuranceFund, final long[] depositedTotals, final long[] withdrawnTotals)
    {
        state.restoreTotals(sequence, time, lastDepositId, withdrawalCount, feePool, insuranceFund, depositedTotals,
            withdrawnTotals);
    }

    /**
     * Restores the bad debt of a snapshot (after {@link #totals}).
     *
     * @param badDebt quote quantums, positive.
     */
    public void badDebt(final long badDebt)
    {
        state.addToBadDebt(badDebt);
    }

    /**
     * Restores the batch bookkeeping of a snapshot.
     *
     * @param batchCount          batches sealed.
     * @param lastBatchSequence   sequence of the last seal.
     * @param lastBatchRoot       32 bytes.
     * @param lastForcedRequestId last forced-withdrawal request answered.
     */
    public void batches(final long batchCount, final long lastBatchSequence, final byte[] lastBatchRoot,
        final long lastForcedRequestId)
    {
        state.restoreBatches(batchCount, lastBatchSequence, lastBatchRoot, lastForcedRequestId);
    }

    /**
     * Restores one queued withdrawal of a snapshot, in id order.
     *
     * @param withdrawalId id.
     * @param owner        owner.
     * @param assetId      asset.
     * @param amount       quantums.
     */
    public void withdrawal(final long withdrawalId, final Address owner, final int assetId, final long amount)
    {
        state.pendingWithdrawals().restore(withdrawalId, owner, assetId, amount);
    }

    /**
     * Restores the oracle status watch of a snapshot.
     *
     * @param announced    the last announced status of each oracle.
     * @param nextDeadline epoch ms of the next status change to check.
     */
    public void oracleStatusWatch(final MarketStatus[] announced, final long nextDeadline)
    {
        engine.restoreOracleStatusWatch(announced, nextDeadline);
    }
}
